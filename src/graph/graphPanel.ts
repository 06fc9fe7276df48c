/**
 * Graph panels: one per assistant, each a webview bound to one GraphSession. The webview is thrown
 * away when hidden; when it comes back it says `ready` and the session replays a snapshot. The chat
 * feeds live run events through `onRunEvent` / `onRunEnd`.
 */
import * as vscode from "vscode";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import { graphPanelHtml } from "./graphPanelHtml";
import {
  isGraphWebviewToHost,
  readGraphPersistedState,
  type ExportFormat,
  type HostToGraphWebview,
} from "../protocol/graphProtocol";
import { GraphSession } from "./graphSession";
import type { RunOutcome, StreamEvent } from "./runPath";

export const GRAPH_VIEW_TYPE = "langgraph.graph";

export interface GraphPanelsDeps {
  extensionUri: vscode.Uri;
  connection: DeploymentConnection;
  assistants: AssistantDirectory;
}

export class GraphPanel implements vscode.Disposable {
  readonly session: GraphSession;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private ready = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    assistantId: string,
    threadId: string | undefined,
    private readonly deps: GraphPanelsDeps,
  ) {
    this.session = new GraphSession(
      {
        gateway: deps.connection.gateway,
        describe: (error, context) => deps.connection.describe(error, context),
        post: (message) => this.post(message),
        save: (format, bytes, name) => saveExport(format, bytes, name),
        notify: (message) => void vscode.window.showErrorMessage(message),
        onDidChange: () => this.updateTitle(),
      },
      assistantId,
      threadId,
    );
    panel.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, "dist"), vscode.Uri.joinPath(deps.extensionUri, "media")],
    };
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, "media", "langgraph.svg");
    panel.webview.html = graphPanelHtml(panel.webview, (...p) => vscode.Uri.joinPath(deps.extensionUri, ...p));
    this.updateTitle();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isGraphWebviewToHost(message)) return;
        if (message.type === "ready") this.ready = true;
        void this.session.handle(message);
      }),
      panel.onDidChangeViewState(() => {
        // A hidden webview is destroyed; it asks for a snapshot with `ready` when it is rebuilt.
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    void this.session.load();
  }

  get assistantId(): string {
    return this.session.assistantId;
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Asks the webview for an export; it answers with the data, which the session saves. */
  requestExport(format: ExportFormat): void {
    this.post({ type: "requestExport", format });
  }

  dispose(): void {
    this.session.dispose();
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    this.disposed.fire();
    this.disposed.dispose();
  }

  private post(message: HostToGraphWebview): void {
    if (this.ready && this.panel.visible) void this.panel.webview.postMessage(message);
  }

  private updateTitle(): void {
    const name = this.session.assistant?.name ?? this.assistantId.slice(0, 8);
    this.panel.title = `Graph: ${name}`;
  }
}

export class GraphPanels implements vscode.Disposable {
  private readonly panels = new Map<string, GraphPanel>();
  private readonly disposables: vscode.Disposable[] = [];

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
    return vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => this.restore(panel, state),
    });
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
    panel.onDidDispose(() => {
      if (this.panels.get(assistantId) === panel) this.panels.delete(assistantId);
    });
    return panel;
  }

  private reloadAll(): void {
    for (const panel of this.panels.values()) void panel.session.load();
  }
}

async function saveExport(format: ExportFormat, bytes: Uint8Array, suggestedName: string): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Export Graph as ${format.toUpperCase()}`,
    saveLabel: "Export",
    defaultUri: folder ? vscode.Uri.joinPath(folder, suggestedName) : undefined,
    filters: format === "svg" ? { "SVG Image": ["svg"] } : { "PNG Image": ["png"] },
  });
  if (!target) return undefined;
  try {
    await vscode.workspace.fs.writeFile(target, bytes);
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not save the graph to ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`Saved the graph to ${vscode.workspace.asRelativePath(target)}.`, "Open").then((choice) => {
    if (choice === "Open") void vscode.commands.executeCommand("vscode.open", target);
  });
  return target.toString();
}
