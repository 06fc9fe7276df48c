/**
 * VS Code's Chat view and agent mode reach the deployment's assistants: the `@langgraph` participant
 * and the language model tools, each registered while its setting is on.
 */
import * as vscode from "vscode";
import type { LmChatDeps } from "./conversation";
import type { LmChatParts } from "./lmChatParts";
import type { ResultMetadata } from "./participant";
import type { ResponseRecord } from "./reply";
import { OPEN_THREAD_COMMAND } from "./commandIds";

export type { LmChatDeps, ResponseRecord };

/** What the extension-host tests can read. */
export interface LmChatProbe {
  lastResponse(): ResponseRecord | undefined;
  /** What `langgraph_ask_assistant` last asked the user to confirm. */
  lastConfirmation(): { title: string; message: string } | undefined;
}

const PARTICIPANT_ID = "langgraph-threads.langgraph";
/** As contributed in package.json (`languageModelTools`). */
const TOOL_NAMES = ["langgraph_list_assistants", "langgraph_search_threads", "langgraph_get_thread", "langgraph_ask_assistant"];

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

/** The participant and the tools, loaded on first use: most sessions never call them. */
function loadParts(deps: LmChatDeps): () => LmChatParts {
  let parts: LmChatParts | undefined;
  return () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./lmChatParts only here
    parts ??= (require("./lmChatParts") as typeof import("./lmChatParts")).createLmChatParts(deps);
    return parts;
  };
}

function registerParticipant(parts: () => LmChatParts): vscode.Disposable {
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, _context, stream, token) => parts().participant.handle(request, stream, token));
  participant.iconPath = new vscode.ThemeIcon("comment-discussion");
  participant.followupProvider = {
    provideFollowups: (result) => {
      const metadata = result.metadata as ResultMetadata | undefined;
      if (!metadata?.threadId) return [];
      return [
        { prompt: "", command: "open", label: vscode.l10n.t("Open in LangGraph panel") },
        { prompt: "", command: "assistant", label: vscode.l10n.t("Ask another assistant") },
      ];
    },
  };
  return participant;
}

function registerTools(parts: () => LmChatParts): vscode.Disposable[] {
  const tool = (name: string) => parts().tools.implementations()[name];
  return TOOL_NAMES.map((name) =>
    vscode.lm.registerTool<never>(name, {
      invoke: (options, token) => tool(name).invoke(options, token),
      prepareInvocation: (options, token) => tool(name).prepareInvocation?.(options, token),
    }),
  );
}

export function registerLmChat(deps: LmChatDeps): { disposables: vscode.Disposable[]; probe: LmChatProbe } {
  const parts = loadParts(deps);
  let loaded: LmChatParts | undefined;
  const load = () => (loaded = parts());
  const toggles = [
    new Toggled(PARTICIPANT_SETTING, () => registerParticipant(load)),
    new Toggled(TOOLS_SETTING, () => vscode.Disposable.from(...registerTools(load))),
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
    probe: { lastResponse: () => loaded?.participant.lastResponse, lastConfirmation: () => loaded?.tools.lastConfirmation },
  };
}
