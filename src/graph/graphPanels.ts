/**
 * Graph panels: one per assistant (opening an open one reveals it), restored after a reload. The chat's
 * live runs reach them through `onRunEvent` / `onRunEnd`, which extension.ts wires to the chat's run
 * events. A panel itself (`GraphPanel`) is a bundle of its own, loaded when the first graph opens.
 */
import * as vscode from "vscode";
import { readGraphPersistedState, type NodeBreakpointView } from "../protocol/graphProtocol";
import { registerPanelSerializer } from "../panels/panelHost";
import { registerLazyParts } from "../panels/lazyParts";
import type { GraphCommandDeps } from "./graphCommands";
import type { GraphPanel, GraphPanelsDeps } from "./graphPanel";
import type { RunOutcome, StreamEvent } from "./runPath";

const GRAPH_VIEW_TYPE = "langgraph.graph";

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
    const panel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, vscode.l10n.t("Graph"), options.viewColumn ?? vscode.ViewColumn.Beside, {});
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
    const { GraphPanel } = graphParts();
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

function graphParts(): typeof import("./graphParts") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./graphParts only here
  return require("./graphParts") as typeof import("./graphParts");
}

/** Show Graph, registered at activation; its code loads with the graph panel's. */
export function registerGraphCommands(deps: GraphCommandDeps): vscode.Disposable[] {
  return registerLazyParts({ commands: ["langgraph.graph.show"] }, () => graphParts().graphCommandParts(deps));
}

function showPaused(panel: GraphPanel, threadId: string, nodes: string[]): void {
  if (nodes.length > 0 && panel.session.threadId !== threadId) void panel.session.followThread(threadId);
  panel.session.setDebugMarks({ paused: nodes });
}
