/**
 * The host side of one graph panel: loads the assistant's graph, follows runs on a thread (fed by the
 * chat's stream), answers node clicks with the node's last update, and saves exports. Free of
 * `vscode`, so the integration tests drive exactly this against a real server.
 */
import * as l10n from "@vscode/l10n";
import type { DeploymentGateway } from "../deployment/gateway";
import type { ErrorContext } from "../deployment/errorMapping";
import { loadGraphLayout } from "./graphModel";
import type { DebugMarksView, ExportFormat, GraphAssistantView, GraphLayout, GraphWebviewToHost, HostToGraphWebview, NodeStateView } from "../protocol/graphProtocol";
import { RunPath, type RunOutcome, type StreamEvent } from "./runPath";
import { nodeStateFromHistory, pathFromHistory, type HistoryState } from "./threadHistory";

export interface GraphSessionDeps {
  gateway: Pick<DeploymentGateway, "assistantGraph" | "getAssistant" | "getHistory">;
  describe(error: unknown, context: ErrorContext): { message: string };
  /** Delivers to the webview when it exists; the session keeps the truth either way. */
  post(message: HostToGraphWebview): void;
  /** Writes an export where the user chooses; resolves to where it went, or undefined when cancelled. */
  save(format: ExportFormat, bytes: Uint8Array, suggestedName: string): Promise<string | undefined>;
  /** A message for the user (an export that failed). */
  notify?(message: string): void;
  /** The user clicked a node's breakpoint marker. */
  toggleBreakpoint?(node: string, stop: "before" | "after"): void;
  /** The assistant or the followed thread changed (panel title, restore state). */
  onDidChange?(): void;
}

/** Checkpoints read for a node's state and the last run's path. */
const HISTORY_LIMIT = 100;
/** Exports larger than this are refused rather than written. */
const MAX_EXPORT_BYTES = 32 * 1024 * 1024;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export class GraphSession {
  readonly runPath = new RunPath();
  private assistantView: GraphAssistantView | undefined;
  private layoutValue: GraphLayout | undefined;
  private xrayValue = false;
  private loading = false;
  private errorText: string | undefined;
  private thread: string | undefined;
  private selectedNode: string | undefined;
  private selectedState: NodeStateView | undefined;
  /** Bumped on every selection, so a slow answer for an older click is dropped. */
  private selection = 0;
  private disposed = false;
  private debugMarks: DebugMarksView = { breakpoints: [], paused: [] };

  constructor(
    private readonly deps: GraphSessionDeps,
    readonly assistantId: string,
    threadId?: string,
  ) {
    this.thread = threadId;
  }

  get assistant(): GraphAssistantView | undefined {
    return this.assistantView;
  }

  get layout(): GraphLayout | undefined {
    return this.layoutValue;
  }

  /** Whether the server drew subgraphs expanded. */
  get xray(): boolean {
    return this.xrayValue;
  }

  get threadId(): string | undefined {
    return this.thread;
  }

  get selected(): NodeStateView | undefined {
    return this.selectedState;
  }

  get error(): string | undefined {
    return this.errorText;
  }

  snapshot(): HostToGraphWebview {
    return {
      type: "snapshot",
      assistant: this.assistantView,
      layout: this.layoutValue,
      run: this.runPath.view(),
      selected: this.selectedState,
      loading: this.loading,
      error: this.errorText,
      debug: this.debugMarks,
    };
  }

  get debug(): DebugMarksView {
    return this.debugMarks;
  }

  /** The debugger's breakpoints changed, or a debugged run paused (`paused`) or went on (`[]`). */
  setDebugMarks(marks: Partial<DebugMarksView>): void {
    this.debugMarks = { ...this.debugMarks, ...marks };
    this.post({ type: "debug", debug: this.debugMarks });
  }

  /** Loads the assistant and its graph; with a thread, the path of its last run too. */
  async load(): Promise<void> {
    this.loading = true;
    this.setError(undefined);
    this.post({ type: "loading", loading: true });
    try {
      const { gateway } = this.deps;
      const [assistant, graph] = await Promise.all([gateway.getAssistant(this.assistantId), loadGraphLayout(gateway, this.assistantId)]);
      if (!assistant) throw Object.assign(new Error(l10n.t("Assistant {0} was not found", this.assistantId)), { status: 404 });
      this.assistantView = { id: assistant.assistant_id, name: assistant.name || assistant.graph_id, graphId: assistant.graph_id };
      this.layoutValue = graph.layout;
      this.xrayValue = graph.xray;
      this.post({ type: "graph", assistant: this.assistantView, layout: this.layoutValue });
      this.deps.onDidChange?.();
    } catch (error) {
      this.setError(this.deps.describe(error, { operation: l10n.t("load the graph"), subject: l10n.t("Assistant {0}", this.assistantId.slice(0, 8)) }).message);
    } finally {
      this.loading = false;
      this.post({ type: "loading", loading: false });
    }
    if (!this.errorText && this.thread && !this.runPath.active) await this.loadLastRun();
  }

  /** Shows the path of the thread's last run, read from its checkpoints. */
  async loadLastRun(): Promise<void> {
    const threadId = this.thread;
    if (!threadId) return;
    try {
      const history = await this.history(threadId);
      // A live run may have started while the history was on its way: it wins.
      if (this.runPath.active || threadId !== this.thread) return;
      this.runPath.restore(pathFromHistory(history, threadId));
      this.post({ type: "runPath", run: this.runPath.view() });
    } catch (error) {
      this.deps.describe(error, { operation: l10n.t("read the thread's last run") });
    }
  }

  /** Follows another thread (the chat the user works in); its last run's path replaces the current one. */
  async followThread(threadId: string | undefined): Promise<void> {
    if (threadId === this.thread) return;
    this.thread = threadId;
    this.deps.onDidChange?.();
    this.runPath.restore({ status: "idle", ...(threadId ? { threadId } : {}), current: [], path: [] });
    this.post({ type: "runPath", run: this.runPath.view() });
    if (this.selectedNode) void this.selectNode(this.selectedNode);
    if (threadId) await this.loadLastRun();
  }

  /**
   * One event of a run streaming on `threadId` (`{ event, data }` as the SDK yields them). Runs on
   * another thread take over only when no run is being followed.
   */
  onRunEvent(threadId: string, part: StreamEvent): void {
    if (this.disposed) return;
    if (threadId !== this.thread) {
      if (this.runPath.active) return;
      this.thread = threadId;
      this.runPath.restore({ status: "idle", threadId, current: [], path: [] });
      this.deps.onDidChange?.();
      if (this.selectedNode) void this.selectNode(this.selectedNode);
    }
    if (this.runPath.apply(part, threadId)) this.post({ type: "runPath", run: this.runPath.view() });
  }

  /** The run on `threadId` ended (the stream closed); the path stays and the selected node's state is re-read. */
  onRunEnd(threadId: string, outcome?: RunOutcome): void {
    if (this.disposed || threadId !== this.thread) return;
    if (this.runPath.end(outcome)) this.post({ type: "runPath", run: this.runPath.view() });
    if (this.selectedNode) void this.selectNode(this.selectedNode);
  }

  async handle(message: GraphWebviewToHost): Promise<void> {
    switch (message.type) {
      case "ready":
        this.deps.post(this.snapshot());
        return;
      case "selectNode":
        return this.selectNode(message.node);
      case "clearSelection":
        this.selection++;
        this.selectedNode = undefined;
        this.selectedState = undefined;
        this.post({ type: "nodeState" });
        return;
      case "refresh":
        return this.load();
      case "toggleBreakpoint":
        this.deps.toggleBreakpoint?.(message.node, message.stop);
        return;
      case "export":
        return this.saveExport(message.format, message.data);
      case "exportFailed":
        this.deps.notify?.(l10n.t("Could not export the graph as {0}: {1}", message.format.toUpperCase(), message.reason));
        return;
    }
  }

  /** Shows what `node` last wrote on the followed thread. */
  async selectNode(node: string): Promise<void> {
    const ticket = ++this.selection;
    this.selectedNode = node;
    const threadId = this.thread;
    if (!threadId) {
      this.setSelected({ node, status: "noThread", message: l10n.t("Open the graph from a chat, or run the assistant in a chat, to see what each node wrote.") });
      return;
    }
    this.setSelected({ node, threadId, status: "loading" });
    try {
      const history = await this.history(threadId);
      if (ticket !== this.selection) return;
      this.setSelected(nodeStateFromHistory(history, node, threadId));
    } catch (error) {
      if (ticket !== this.selection) return;
      this.setSelected({ node, threadId, status: "error", message: this.deps.describe(error, { operation: l10n.t("read the node's state") }).message });
    }
  }

  dispose(): void {
    this.disposed = true;
  }

  private async history(threadId: string): Promise<HistoryState[]> {
    return this.deps.gateway.getHistory(threadId, { limit: HISTORY_LIMIT });
  }

  private async saveExport(format: ExportFormat, data: string): Promise<void> {
    const bytes = decodeExport(format, data);
    if (!bytes) {
      this.deps.notify?.(l10n.t("The graph's {0} export was not valid and was not saved.", format.toUpperCase()));
      return;
    }
    const name = `${safeFileName(this.assistantView?.name ?? this.assistantView?.graphId ?? "graph")}-graph.${format}`;
    await this.deps.save(format, bytes, name);
  }

  private setSelected(state: NodeStateView): void {
    this.selectedState = state;
    this.post({ type: "nodeState", state });
  }

  private setError(error: string | undefined): void {
    this.errorText = error;
    this.post({ type: "error", error });
  }

  private post(message: HostToGraphWebview): void {
    if (!this.disposed) this.deps.post(message);
  }
}

/** The bytes of an export from the webview, or undefined when they are not what they claim to be. */
export function decodeExport(format: ExportFormat, data: string): Uint8Array | undefined {
  if (format === "svg") {
    if (data.length > MAX_EXPORT_BYTES || !/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(data)) return undefined;
    return new TextEncoder().encode(data);
  }
  if (data.length > (MAX_EXPORT_BYTES * 4) / 3 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return undefined;
  const bytes = Uint8Array.from(atob(data), (char) => char.charCodeAt(0));
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  return bytes;
}

export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^\w.-]+/g, "-").replace(/^[-.]+|-+$/g, "");
  return cleaned.slice(0, 80) || "graph";
}
