/**
 * VS Code's Chat view and agent mode reach the deployment's assistants: the `@langgraph` participant
 * and the language model tools, each registered while its setting is on.
 */
import * as vscode from "vscode";
import { Conversation, type LmChatDeps } from "./conversation";
import { LangGraphParticipant } from "./participant";
import { OPEN_THREAD_COMMAND, type ResponseRecord } from "./reply";
import { LangGraphTools } from "./tools";

export type { LmChatDeps, ResponseRecord };

/** What the extension-host tests can read. */
export interface LmChatProbe {
  lastResponse(): ResponseRecord | undefined;
  /** What `langgraph_ask_assistant` last asked the user to confirm. */
  lastConfirmation(): { title: string; message: string } | undefined;
}

const PARTICIPANT_SETTING = "langgraph.chatParticipant.enabled";
const TOOLS_SETTING = "langgraph.languageModelTools.enabled";

/** A registration that exists while its setting is on. */
class Toggled implements vscode.Disposable {
  private registered: vscode.Disposable | undefined;

  constructor(
    private readonly setting: string,
    private readonly register: () => vscode.Disposable,
  ) {
    this.update();
  }

  update(): void {
    const enabled = vscode.workspace.getConfiguration().get<boolean>(this.setting, true);
    if (enabled && !this.registered) this.registered = this.register();
    if (!enabled && this.registered) this.dispose();
  }

  dispose(): void {
    this.registered?.dispose();
    this.registered = undefined;
  }
}

export function registerLmChat(deps: LmChatDeps): { disposables: vscode.Disposable[]; probe: LmChatProbe } {
  const conversation = new Conversation(deps);
  const participant = new LangGraphParticipant(conversation);
  const tools = new LangGraphTools(conversation);
  const toggles = [
    new Toggled(PARTICIPANT_SETTING, () => participant.register()),
    new Toggled(TOOLS_SETTING, () => vscode.Disposable.from(...tools.register())),
  ];
  return {
    disposables: [
      ...toggles,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(PARTICIPANT_SETTING) || event.affectsConfiguration(TOOLS_SETTING)) for (const toggle of toggles) toggle.update();
      }),
      vscode.commands.registerCommand(OPEN_THREAD_COMMAND, (threadId: unknown) => {
        if (typeof threadId === "string" && threadId) deps.openThread(threadId);
      }),
    ],
    probe: { lastResponse: () => participant.lastResponse, lastConfirmation: () => tools.lastConfirmation },
  };
}
