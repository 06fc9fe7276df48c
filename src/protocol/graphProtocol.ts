/**
 * The graph panel's host <-> webview protocol, imported by both sides. The host owns the truth (the
 * laid-out graph, the run path, the selected node's state); the webview draws what it is sent and asks
 * for actions. Layout happens on the host, so the webview bundle carries no layout library.
 */

export const START = "__start__";
export const END = "__end__";
/** Separates a subgraph's name from its node's name in xray node ids (`research:plan`). */
export const XRAY_SEPARATOR = ":";
/** Longest label drawn in full; longer ones are cut with an ellipsis (the full id is the tooltip). */
const MAX_LABEL_CHARS = 32;

export function displayLabel(label: string): string {
  return label.length <= MAX_LABEL_CHARS ? label : `${label.slice(0, MAX_LABEL_CHARS - 1)}…`;
}

export type GraphNodeKind = "start" | "end" | "node";

export interface Point {
  x: number;
  y: number;
}

/** A node placed by the layout: `x`/`y` is its centre. */
export interface GraphNodeView {
  /** The graph's node id (`__start__`, `agent`, or `sub:inner` for a subgraph node drawn with xray). */
  id: string;
  label: string;
  kind: GraphNodeKind;
  /** The subgraph (cluster) the node belongs to, for xray drawings. */
  cluster?: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphEdgeView {
  /** Unique within the graph, stable for the same graph. */
  id: string;
  source: string;
  target: string;
  conditional: boolean;
  label?: string;
  /** The polyline the edge follows, from the source's border to the target's border. */
  points: Point[];
  /** Where the label goes (centre). */
  labelPosition?: Point;
}

/** A subgraph's box around its nodes (xray drawings). */
export interface GraphClusterView {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: GraphNodeView[];
  edges: GraphEdgeView[];
  clusters: GraphClusterView[];
}

export interface GraphAssistantView {
  id: string;
  name: string;
  graphId: string;
}

export type PathEntryStatus = "running" | "done" | "interrupted" | "error" | "stopped";

/** One node execution of a run, in order. */
export interface PathEntryView {
  /** The top-level node that ran (a subgraph node's name when the run went through a subgraph). */
  node: string;
  /** The innermost node known to run, as an xray id (`sub:inner`), when it differs from `node`. */
  inner?: string;
  /** The superstep, when the stream told it. */
  step?: number;
  status: PathEntryStatus;
}

export type RunStatus = "idle" | "running" | "done" | "interrupted" | "error" | "stopped";

export interface RunPathView {
  status: RunStatus;
  threadId?: string;
  runId?: string;
  /** The nodes executing now (more than one for parallel branches); empty between runs. */
  current: string[];
  /** The nodes in the order they ran; the last run's path stays after it ends. */
  path: PathEntryView[];
}

/** What a node last wrote on the thread, as the checkpoint history tells it. */
export interface NodeStateView {
  node: string;
  threadId?: string;
  status: "loading" | "found" | "notFound" | "noThread" | "error";
  /** The node's state update, pretty-printed JSON. */
  json?: string;
  /** Interrupts raised by the node and not yet answered, pretty-printed. */
  interruptsJson?: string;
  /** The task's error, when the node failed. */
  error?: string;
  step?: number;
  checkpointId?: string;
  runId?: string;
  /** A line for the user when there is nothing to show. */
  message?: string;
}

export type ExportFormat = "svg" | "png";

/** A debugger breakpoint on a node: it stops the run before the node runs, or after. */
export interface NodeBreakpointView {
  node: string;
  stop: "before" | "after";
}

/** What the debugger shows on the graph: its node breakpoints, and the nodes a paused run waits before. */
export interface DebugMarksView {
  breakpoints: NodeBreakpointView[];
  paused: string[];
}

export type HostToGraphWebview =
  /** Everything the panel shows; sent when it (re)appears. */
  | {
      type: "snapshot";
      assistant?: GraphAssistantView;
      layout?: GraphLayout;
      run: RunPathView;
      selected?: NodeStateView;
      loading: boolean;
      error?: string;
      /** Absent: no breakpoints, nothing paused. */
      debug?: DebugMarksView;
    }
  | { type: "graph"; assistant: GraphAssistantView; layout: GraphLayout }
  | { type: "runPath"; run: RunPathView }
  | { type: "nodeState"; state?: NodeStateView }
  | { type: "loading"; loading: boolean }
  | { type: "error"; error?: string }
  /** The host asks for an export (from a command); the webview answers with an `export` message. */
  | { type: "requestExport"; format: ExportFormat }
  | { type: "debug"; debug: DebugMarksView };

export type GraphWebviewToHost =
  | { type: "ready" }
  | { type: "selectNode"; node: string }
  | { type: "clearSelection" }
  | { type: "refresh" }
  /** Adds or removes the debugger breakpoint before or after a node. */
  | { type: "toggleBreakpoint"; node: string; stop: "before" | "after" }
  /** `data` is the SVG text, or the PNG bytes as base64. */
  | { type: "export"; format: ExportFormat; data: string }
  | { type: "exportFailed"; format: ExportFormat; reason: string };

/** State the webview keeps across its own reloads, for restoring the panel after a window reload. */
export interface GraphPersistedState {
  assistantId: string;
  threadId?: string;
}

export function isHostToGraphWebview(value: unknown): value is HostToGraphWebview {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === "string" && HOST_TO_WEBVIEW_TYPES.has(type);
}

export function readGraphPersistedState(value: unknown): GraphPersistedState | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { assistantId, threadId } = value as { assistantId?: unknown; threadId?: unknown };
  if (typeof assistantId !== "string" || !assistantId) return undefined;
  return { assistantId, ...(typeof threadId === "string" && threadId ? { threadId } : {}) };
}

const HOST_TO_WEBVIEW_TYPES = new Set<string>(["snapshot", "graph", "runPath", "nodeState", "loading", "error", "requestExport", "debug"]);
