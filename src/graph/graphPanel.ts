/**
 * Graph panels: one per assistant, each a webview bound to one GraphSession and hosted by the panel
 * host (page, validation of the webview's messages, snapshot on `ready`). The chat's live runs reach
 * them through `onRunEvent` / `onRunEnd`, which extension.ts wires to the chat's run events.
 */
import * as vscode from "vscode";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import { graphPanelHtml } from "./graphPanelHtml";
import { readGraphPersistedState, type ExportFormat, type NodeBreakpointView, type GraphWebviewToHost, type HostToGraphWebview } from "../protocol/graphProtocol";
import { validateGraphWebviewToHost } from "../protocol/graphMessageSchemas";
import { PanelHost, registerPanelSerializer } from "../panels/panelHost";
import { GraphSession } from "./graphSession";
import type { RunOutcome, StreamEvent } from "./runPath";

const GRAPH_VIEW_TYPE = "langgraph.graph";

export interface GraphPanelsDeps {
  extensionUri: vscode.Uri;
  connection: DeploymentConnection;
  assistants: AssistantDirectory;
  log: vscode.LogOutputChannel;
  /** The debugger's node breakpoints, for a panel that opens; a click on a marker toggles one. */
  nodeBreakpoints?(): NodeBreakpointView[];
  toggleBreakpoint?(node: string, stop: "before" | "after"): void;
}

export class GraphPanel implements vscode.Disposable {
  readonly session: GraphSession;
  private readonly host: PanelHost<GraphWebviewToHost, HostToGraphWebview>;
  readonly onDidDispose: vscode.Event<void>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    assistantId: string,
    threadId: string | undefined,
    deps: GraphPanelsDeps,
  ) {
    this.session = new GraphSession(
      {
        gateway: deps.connection.gateway,
        describe: (error, context) => deps.connection.describe(error, context),
        post: (message) => this.host.post(message),
        save: (format, bytes, name) => saveExport(format, bytes, name),
        notify: (message) => void vscode.window.showErrorMessage(message),
        onDidChange: () => this.updateTitle(),
        toggleBreakpoint: (node, stop) => deps.toggleBreakpoint?.(node, stop),
      },
      assistantId,
      threadId,
    );
    this.host = new PanelHost(panel, {
      extensionUri: deps.extensionUri,
      log: deps.log,
      name: "graph panel",
      html: graphPanelHtml,
      validate: validateGraphWebviewToHost,
      snapshot: () => this.session.snapshot(),
      handle: (message) => this.session.handle(message),
    });
    this.onDidDispose = this.host.onDidDispose;
    this.host.onDidDispose(() => this.session.dispose());
    this.updateTitle();
    if (deps.nodeBreakpoints) this.session.setDebugMarks({ breakpoints: deps.nodeBreakpoints() });
    void this.session.load();
  }

  get assistantId(): string {
    return this.session.assistantId;
  }

  reveal(): void {
    this.host.reveal();
  }

  /** Asks the webview for an export; it answers with the data, which the session saves. */
  requestExport(format: ExportFormat): void {
    this.host.post({ type: "requestExport", format });
  }

  dispose(): void {
    this.host.dispose();
  }

  private updateTitle(): void {
    const name = this.session.assistant?.name ?? this.assistantId.slice(0, 8);
    this.host.title = `Graph: ${name}`;
  }
}

export class GraphPanels implements vscode.Disposable {
  private readonly panels = new Map<string, GraphPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The debugged run that is paused now, so that a graph opened during the stop highlights it too. */
  private pausedRun: { assistantId: string; threadId: string; nodes: string[] } | undefined;

  constructor(private readonly deps: GraphPanelsDeps) {
    // Another deployment or key: every graph is reloaded from the new client.
    this.disposables.push(deps.connection.onDidChangeClient(() => this.reloadAll()));
  }

  get all(): readonly GraphPanel[] {
    return [...this.panels.values()];
  }

  find(assistantId: string): GraphPanel | undefined {
    return this.panels.get(assistantId);
  }

  /** Opens (or reveals) the assistant's graph; with a thread, the panel follows that thread. */
  show(assistantId: string, options: { threadId?: string; viewColumn?: vscode.ViewColumn } = {}): GraphPanel {
    const existing = this.panels.get(assistantId);
    if (existing) {
      if (options.threadId) void existing.session.followThread(options.threadId);
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, "Graph", options.viewColumn ?? vscode.ViewColumn.Beside, {});
    return this.attach(panel, assistantId, options.threadId);
  }

  /** Rebuilds a panel VS Code kept across a window reload (from the webview's saved state). */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const saved = readGraphPersistedState(state);
    if (!saved || this.panels.has(saved.assistantId)) {
      panel.dispose();
      return;
    }
    this.attach(panel, saved.assistantId, saved.threadId);
  }

  /** For `registerWebviewPanelSerializer`: graph panels come back after a window reload. */
  registerSerializer(): vscode.Disposable {
    return registerPanelSerializer(GRAPH_VIEW_TYPE, (panel, state) => this.restore(panel, state));
  }

  /**
   * One event of a run streaming on `threadId` with `assistantId`, exactly as the SDK stream yields it.
   * Goes to the panel of that assistant and to panels of other assistants of the same graph. Cheap
   * when nothing changes: token events do not reach the webview.
   */
  onRunEvent(assistantId: string, threadId: string, event: StreamEvent): void {
    for (const panel of this.panelsFor(assistantId)) panel.session.onRunEvent(threadId, event);
  }

  /** The run's stream ended (finished, failed, stopped or interrupted). */
  onRunEnd(assistantId: string, threadId: string, outcome?: RunOutcome): void {
    for (const panel of this.panelsFor(assistantId)) panel.session.onRunEnd(threadId, outcome);
  }

  /** The debugger's node breakpoints changed: every graph shows them. */
  setBreakpoints(breakpoints: NodeBreakpointView[]): void {
    for (const panel of this.panels.values()) panel.session.setDebugMarks({ breakpoints });
  }

  /** A debugged run paused before `nodes` (or went on: `[]`); the graph of its assistant highlights them. */
  setPaused(assistantId: string, threadId: string, nodes: string[]): void {
    this.pausedRun = nodes.length > 0 ? { assistantId, threadId, nodes } : undefined;
    for (const panel of this.panelsFor(assistantId)) showPaused(panel, threadId, nodes);
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.panel.dispose();
    this.panels.clear();
    for (const d of this.disposables) d.dispose();
  }

  private panelsFor(assistantId: string): GraphPanel[] {
    if (!this.panels.size) return [];
    const graphId = this.deps.assistants.ref(assistantId).graphId;
    return this.all.filter((p) => p.assistantId === assistantId || (graphId !== undefined && p.session.assistant?.graphId === graphId));
  }

  private attach(webviewPanel: vscode.WebviewPanel, assistantId: string, threadId: string | undefined): GraphPanel {
    const panel = new GraphPanel(webviewPanel, assistantId, threadId, this.deps);
    this.panels.set(assistantId, panel);
    const paused = this.pausedRun;
    if (paused && this.panelsFor(paused.assistantId).includes(panel)) showPaused(panel, paused.threadId, paused.nodes);
    panel.onDidDispose(() => {
      if (this.panels.get(assistantId) === panel) this.panels.delete(assistantId);
    });
    return panel;
  }

  private reloadAll(): void {
    for (const panel of this.panels.values()) void panel.session.load();
  }
}

function showPaused(panel: GraphPanel, threadId: string, nodes: string[]): void {
  if (nodes.length > 0 && panel.session.threadId !== threadId) void panel.session.followThread(threadId);
  panel.session.setDebugMarks({ paused: nodes });
}

async function saveExport(format: ExportFormat, bytes: Uint8Array, suggestedName: string): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t("Export Graph as {0}", format.toUpperCase()),
    saveLabel: vscode.l10n.t("Export"),
    defaultUri: folder ? vscode.Uri.joinPath(folder, suggestedName) : undefined,
    filters: format === "svg" ? { [vscode.l10n.t("SVG Image")]: ["svg"] } : { [vscode.l10n.t("PNG Image")]: ["png"] },
  });
  if (!target) return undefined;
  try {
    await vscode.workspace.fs.writeFile(target, bytes);
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t("Could not save the graph to {0}: {1}", target.fsPath, error instanceof Error ? error.message : String(error)),
    );
    return undefined;
  }
  const open = vscode.l10n.t("Open");
  void vscode.window.showInformationMessage(vscode.l10n.t("Saved the graph to {0}.", vscode.workspace.asRelativePath(target)), open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand("vscode.open", target);
  });
  return target.toString();
}
