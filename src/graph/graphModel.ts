/**
 * An assistant's graph as the deployment describes it, normalised (ids, start/end, conditional edges)
 * and laid out into positioned nodes and edge polylines. Free of `vscode`: the tests run it as is.
 */
import * as l10n from "@vscode/l10n";
import type { DeploymentGateway } from "../deployment/gateway";
import type { RawGraph } from "../deployment/types";
import { displayLabel, END, START, XRAY_SEPARATOR, type GraphClusterView, type GraphEdgeView, type GraphLayout, type GraphNodeKind, type GraphNodeView, type Point } from "../protocol/graphProtocol";

/** A node or edge after layout, as dagre fills it in. */
interface Placed {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  points?: Point[];
}

interface EdgeRef {
  v: string;
  w: string;
  name?: string;
}

/** The part of dagre used here, typed where the package's own ESM-only types cannot reach this CommonJS code. */
interface DagreGraph {
  setGraph(label: Record<string, unknown>): void;
  setDefaultEdgeLabel(label: () => Record<string, unknown>): void;
  setNode(id: string, label: Record<string, unknown>): void;
  setParent(child: string, parent: string): void;
  setEdge(edge: EdgeRef, label: Record<string, unknown>): void;
  node(id: string): Placed;
  edge(edge: EdgeRef): Placed;
}

interface Dagre {
  graphlib: { Graph: new (options: { multigraph: boolean; compound: boolean }) => DagreGraph };
  layout(graph: DagreGraph): void;
}

let dagreModule: Dagre | undefined;
// Required on first layout, so activation does not pay for it; the CommonJS build is what the bundle holds.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load has no import form in CommonJS output
const dagre = (): Dagre => (dagreModule ??= require("@dagrejs/dagre") as Dagre);

export type { RawGraph };
type GraphSource = Pick<DeploymentGateway, "assistantGraph">;

export interface GraphNode {
  id: string;
  label: string;
  kind: GraphNodeKind;
  cluster?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  conditional: boolean;
  label?: string;
}

export interface NormalizedGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface FetchedGraph {
  raw: RawGraph;
  /** Whether subgraphs are drawn expanded (the server accepted `xray`). */
  xray: boolean;
}

/** HTTP statuses after which a request without `xray` is worth trying: the server rejected the option. */
const XRAY_REJECTED = new Set([400, 405, 422, 500, 501]);

/** Fetches the graph with subgraphs expanded, falling back to the plain graph when the server refuses xray. */
export async function fetchGraph(gateway: GraphSource, assistantId: string): Promise<FetchedGraph> {
  try {
    return { raw: await gateway.assistantGraph(assistantId, true), xray: true };
  } catch (error) {
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status !== "number" || !XRAY_REJECTED.has(status)) throw error;
    return { raw: await gateway.assistantGraph(assistantId, false), xray: false };
  }
}

/**
 * Turns the server's JSON into nodes and edges the view can trust: string ids, no duplicates, start and
 * end marked, edge endpoints that exist, and the subgraph a node belongs to (xray ids `sub:node`).
 */
export function normalizeGraph(raw: RawGraph): NormalizedGraph {
  const nodes = new Map<string, GraphNode>();
  const addNode = (id: string) => {
    if (!nodes.has(id)) nodes.set(id, makeNode(id));
  };
  for (const node of raw.nodes ?? []) {
    const id = idOf(node?.id);
    if (id !== undefined) addNode(id);
  }
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const ids = new Map<string, number>();
  for (const edge of raw.edges ?? []) {
    const source = idOf(edge?.source);
    const target = idOf(edge?.target);
    if (source === undefined || target === undefined) continue;
    addNode(source);
    addNode(target);
    const conditional = edge.conditional === true;
    const label = edgeLabel(edge.data, target);
    const key = JSON.stringify([source, target, conditional, label ?? null]);
    if (seen.has(key)) continue;
    seen.add(key);
    const base = `${source}->${target}`;
    const count = ids.get(base) ?? 0;
    ids.set(base, count + 1);
    edges.push({ id: count ? `${base}#${count}` : base, source, target, conditional, ...(label ? { label } : {}) });
  }
  // A cluster is a subgraph whose nodes are drawn expanded; a name that is itself a node is no cluster.
  for (const node of nodes.values()) {
    if (node.cluster && nodes.has(node.cluster)) delete node.cluster;
  }
  return { nodes: [...nodes.values()], edges };
}

function makeNode(id: string): GraphNode {
  const parts = id.split(XRAY_SEPARATOR);
  const own = parts.at(-1) ?? id;
  const cluster = parts.length > 1 ? parts.slice(0, -1).join(XRAY_SEPARATOR) : undefined;
  const kind: GraphNodeKind = own === START ? "start" : own === END ? "end" : "node";
  // The ends are drawn with a word of the display language; every other node with its name.
  const label = kind === "start" ? l10n.t("start") : kind === "end" ? l10n.t("end") : own || id;
  return { id, label, kind, ...(cluster ? { cluster } : {}) };
}

function idOf(value: unknown): string | undefined {
  if (typeof value === "string" && value) return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A branch's name is worth showing only when it says more than the target's name. */
function edgeLabel(data: unknown, target: string): string | undefined {
  if (typeof data !== "string") return undefined;
  const label = data.trim();
  return label && label !== target ? label : undefined;
}

export interface LayoutOptions {
  direction?: "TB" | "LR";
  /** Approximate width of one label character, in pixels (the view draws labels at 13px). */
  charWidth?: number;
}

const NODE_HEIGHT = 36;
const TERMINAL_HEIGHT = 28;
const MIN_NODE_WIDTH = 72;
const MAX_NODE_WIDTH = 260;
const TERMINAL_WIDTH = 64;
const NODE_PADDING = 28;
const EDGE_LABEL_HEIGHT = 16;
const MARGIN = 24;

/** Positions every node and routes every edge; pure and deterministic for the same graph. */
export function layoutGraph(graph: NormalizedGraph, options: LayoutOptions = {}): GraphLayout {
  const charWidth = options.charWidth ?? 7.5;
  const clusterIds = clustersOf(graph.nodes);
  const g = new (dagre().graphlib.Graph)({ multigraph: true, compound: clusterIds.size > 0 });
  g.setGraph({ rankdir: options.direction ?? "TB", nodesep: 36, ranksep: 48, edgesep: 16, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));

  for (const node of graph.nodes) {
    const terminal = node.kind !== "node";
    const width = terminal
      ? TERMINAL_WIDTH
      : Math.min(MAX_NODE_WIDTH, Math.max(MIN_NODE_WIDTH, Math.ceil(displayLabel(node.label).length * charWidth + NODE_PADDING)));
    g.setNode(node.id, { width, height: terminal ? TERMINAL_HEIGHT : NODE_HEIGHT });
  }
  for (const id of clusterIds) {
    g.setNode(clusterKey(id), { width: 0, height: 0, paddingTop: 28 });
  }
  for (const id of clusterIds) {
    const parent = parentCluster(id, clusterIds);
    if (parent) g.setParent(clusterKey(id), clusterKey(parent));
  }
  for (const node of graph.nodes) {
    if (node.cluster && clusterIds.has(node.cluster)) g.setParent(node.id, clusterKey(node.cluster));
  }
  for (const edge of graph.edges) {
    const label = edge.label ? displayLabel(edge.label) : undefined;
    g.setEdge(
      { v: edge.source, w: edge.target, name: edge.id },
      label ? { width: Math.ceil(label.length * charWidth * 0.85) + 8, height: EDGE_LABEL_HEIGHT, labelpos: "c" } : {},
    );
  }

  dagre().layout(g);

  const nodes: GraphNodeView[] = graph.nodes.map((node) => {
    const placed = g.node(node.id);
    return {
      ...node,
      x: round(placed.x ?? 0),
      y: round(placed.y ?? 0),
      width: placed.width ?? 0,
      height: placed.height ?? 0,
    };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: GraphEdgeView[] = graph.edges.map((edge) => {
    const placed = g.edge({ v: edge.source, w: edge.target, name: edge.id });
    const points = ensureRoute((placed.points ?? []).map(roundPoint), byId.get(edge.source), byId.get(edge.target));
    const view: GraphEdgeView = { ...edge, points };
    if (edge.label && typeof placed.x === "number" && typeof placed.y === "number") view.labelPosition = roundPoint({ x: placed.x, y: placed.y });
    return view;
  });
  const clusters: GraphClusterView[] = [...clusterIds].map((id) => {
    const placed = g.node(clusterKey(id));
    const width = placed.width ?? 0;
    const height = placed.height ?? 0;
    return { id, label: id.split(XRAY_SEPARATOR).at(-1) ?? id, x: round((placed.x ?? 0) - width / 2), y: round((placed.y ?? 0) - height / 2), width: round(width), height: round(height) };
  });

  const bounds = boundsOf(nodes, edges, clusters);
  return { width: round(bounds.maxX + MARGIN), height: round(bounds.maxY + MARGIN), nodes, edges, clusters };
}

/** Every subgraph name (and the subgraphs around it) that holds at least one drawn node. */
function clustersOf(nodes: GraphNode[]): Set<string> {
  const ids = new Set(nodes.map((n) => n.id));
  const clusters = new Set<string>();
  for (const node of nodes) {
    if (!node.cluster) continue;
    const parts = node.cluster.split(XRAY_SEPARATOR);
    for (let i = 1; i <= parts.length; i++) {
      const id = parts.slice(0, i).join(XRAY_SEPARATOR);
      if (!ids.has(id)) clusters.add(id);
    }
  }
  return clusters;
}

function parentCluster(id: string, clusters: Set<string>): string | undefined {
  const parts = id.split(XRAY_SEPARATOR);
  for (let i = parts.length - 1; i >= 1; i--) {
    const parent = parts.slice(0, i).join(XRAY_SEPARATOR);
    if (clusters.has(parent)) return parent;
  }
  return undefined;
}

/** Cluster ids live in the same namespace as node ids in the layout graph: keep them apart. */
function clusterKey(id: string): string {
  return `\u0000cluster:${id}`;
}

/** A route with fewer than two points (nothing to draw) becomes a straight line between the nodes. */
function ensureRoute(points: Point[], source: GraphNodeView | undefined, target: GraphNodeView | undefined): Point[] {
  if (points.length >= 2) return points;
  if (!source || !target) return points;
  return [
    { x: source.x, y: round(source.y + source.height / 2) },
    { x: target.x, y: round(target.y - target.height / 2) },
  ];
}

function boundsOf(nodes: GraphNodeView[], edges: GraphEdgeView[], clusters: GraphClusterView[]) {
  let maxX = 0;
  let maxY = 0;
  for (const n of nodes) {
    maxX = Math.max(maxX, n.x + n.width / 2);
    maxY = Math.max(maxY, n.y + n.height / 2);
  }
  for (const e of edges) {
    for (const p of e.points) {
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
    }
  }
  for (const c of clusters) {
    maxX = Math.max(maxX, c.x + c.width);
    maxY = Math.max(maxY, c.y + c.height);
  }
  return { maxX, maxY };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function roundPoint(point: Point): Point {
  return { x: round(point.x), y: round(point.y) };
}

/** Fetch, normalise and lay out in one go. */
export async function loadGraphLayout(gateway: GraphSource, assistantId: string, options?: LayoutOptions): Promise<{ layout: GraphLayout; xray: boolean }> {
  const { raw, xray } = await fetchGraph(gateway, assistantId);
  return { layout: layoutGraph(normalizeGraph(raw), options), xray };
}
