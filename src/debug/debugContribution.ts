/**
 * The `langgraph` debug type in VS Code: an inline adapter per session (no separate process), launch
 * configurations offered per assistant, and the editor around a paused run (the chat panel on the
 * thread, the graph view following the run, a notification when a session ends in an error).
 */
import * as path from "node:path";
import * as vscode from "vscode";
import type { StreamModeName } from "../common/streamModes";
import type { DeploymentGateway } from "../deployment/gateway";
import type { ErrorContext } from "../deployment/errorMapping";
import type { AssistantRecord, NodeInterruptsRequest, RunOutcome, StreamPart } from "../deployment/types";
import { graphFileIn, lineAddingNode, type NodeLocation } from "./graphSources";
import type { LangGraphDebugSession } from "./langgraphDebugSession";

const DEBUG_TYPE = "langgraph";

export interface DebuggerDeps {
  gateway: DeploymentGateway;
  describe(error: unknown, context: ErrorContext): { message: string };
  listAssistants(): Promise<AssistantRecord[]>;
  /** Shows the thread in its chat panel (opening one if needed), with the debugged assistant picked when given. */
  showThread(threadId: string, assistantId?: string): void;
  /** The thread changed outside the panel: its panel reloads. */
  threadChanged(threadId: string): void;
  runEvent(assistantId: string, threadId: string, part: StreamPart, runId: string | undefined): void;
  /** Stream modes a debugged run asks for beyond the debugger's own. */
  streamModes(threadId: string): readonly StreamModeName[];
  runEnded(assistantId: string, threadId: string, outcome: RunOutcome): void;
  /** An attach session: the thread's chat panel sends its runs with these interrupts until disposed. */
  attachChat(threadId: string, interrupts: () => NodeInterruptsRequest): vscode.Disposable;
  /** A run from a chat panel ended. */
  onChatRunEnd(listener: (threadId: string) => void): vscode.Disposable;
  /** A debugged run paused before `nodes`, or went on (`[]`). */
  paused(assistantId: string, threadId: string, nodes: string[]): void;
}

export function registerDebugger(deps: DebuggerDeps): vscode.Disposable[] {
  const factory: vscode.DebugAdapterDescriptorFactory = {
    createDebugAdapterDescriptor: () => {
      let attachment: vscode.Disposable | undefined;
      // The adapter and its protocol library load with the first debug session, not at activation.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates the adapter's chunk only here
      const adapter = require("./langgraphDebugSession") as typeof import("./langgraphDebugSession");
      const session: LangGraphDebugSession = new adapter.LangGraphDebugSession({
          gateway: deps.gateway,
          describe: (error, context) => deps.describe(error, context),
          readFile: readDocument,
          nodeLocation: workspaceNodeLocation,
          streamModes: (threadId) => deps.streamModes(threadId),
          hooks: {
            threadStarted: (threadId, assistantId) => deps.showThread(threadId, assistantId),
            runEvent: (assistantId, threadId, part, runId) => deps.runEvent(assistantId, threadId, part, runId),
            paused: (assistantId, threadId, nodes) => {
              deps.runEnded(assistantId, threadId, "interrupted");
              deps.paused(assistantId, threadId, [...nodes]);
              deps.threadChanged(threadId);
            },
            resumed: (assistantId, threadId) => deps.paused(assistantId, threadId, []),
            runEnded: (assistantId, threadId, outcome) => {
              deps.paused(assistantId, threadId, []);
              deps.runEnded(assistantId, threadId, outcome);
              deps.threadChanged(threadId);
            },
            failed: (message) => void vscode.window.showErrorMessage(vscode.l10n.t("LangGraph debug session ended: {0}", message)),
            attached: (threadId, assistantId) => {
              attachment = vscode.Disposable.from(
                deps.attachChat(threadId, () => session.runInterrupts()),
                deps.onChatRunEnd((ended) => ended === threadId && session.externalRunEnded()),
              );
              deps.showThread(threadId, assistantId);
            },
            detached: () => {
              attachment?.dispose();
              attachment = undefined;
            },
          },
        });
      return new vscode.DebugAdapterInlineImplementation(session);
    },
  };
  return [
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, factory),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new LaunchConfigurations(deps)),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new AssistantConfigurations(deps), vscode.DebugConfigurationProviderTriggerKind.Dynamic),
  ];
}

/** The text of a file as the editor has it (unsaved edits included). */
async function readDocument(file: string): Promise<string> {
  return (await vscode.workspace.openTextDocument(vscode.Uri.file(file))).getText();
}

/** The line that adds `node` in the graph's source, from the first langgraph.json of the workspace that declares the graph. */
async function workspaceNodeLocation(graphId: string, node: string): Promise<NodeLocation | undefined> {
  for (const config of await vscode.workspace.findFiles("**/langgraph.json", "**/node_modules/**", 20)) {
    const file = graphFileIn(await readDocument(config.fsPath), graphId);
    if (!file) continue;
    const source = path.resolve(path.dirname(config.fsPath), file);
    const line = lineAddingNode(await readDocument(source).catch(() => ""), node);
    return line ? { path: source, line } : undefined;
  }
  return undefined;
}

/** F5 without a launch.json debugs the first assistant; a relative `inputFile` is read from the workspace folder. */
class LaunchConfigurations implements vscode.DebugConfigurationProvider {
  constructor(private readonly deps: DebuggerDeps) {}

  async resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    if (config.type || config.request || config.name) return config;
    const assistant = await vscode.window.showQuickPick(
      (await this.deps.listAssistants().catch(() => [])).map((a) => ({ label: a.name, description: a.graph_id, assistant: a })),
      { title: vscode.l10n.t("Debug a run of which assistant?") },
    );
    return assistant ? configurationFor(assistant.assistant) : undefined;
  }

  resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration {
    const inputFile: unknown = config.inputFile;
    const base = folder?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (typeof inputFile === "string" && base && !path.isAbsolute(inputFile)) return { ...config, inputFile: path.join(base, inputFile) };
    return config;
  }
}

/** One launch configuration per assistant of the deployment, in the Run and Debug view's picker. */
class AssistantConfigurations implements vscode.DebugConfigurationProvider {
  constructor(private readonly deps: DebuggerDeps) {}

  async provideDebugConfigurations(): Promise<vscode.DebugConfiguration[]> {
    return (await this.deps.listAssistants().catch(() => [])).map(configurationFor);
  }
}

function configurationFor(assistant: AssistantRecord): vscode.DebugConfiguration {
  return {
    type: DEBUG_TYPE,
    request: "launch",
    name: vscode.l10n.t("Debug {0}", assistant.name),
    assistant: assistant.name,
    message: vscode.l10n.t("Hello"),
    stopOnEntry: true,
  };
}
