/**
 * The graph drawing: an SVG of the host's layout (nodes as rounded boxes, start and end as pills,
 * edges as curves with arrowheads, conditional edges dashed), the run's path on top of it, and pan
 * (drag) and zoom (wheel, buttons, keys). Colours come from the stylesheet's `--vscode-*` variables.
 */
import { displayLabel, type DebugMarksView, type GraphEdgeView, type GraphLayout, type GraphNodeView, type Point, type RunPathView } from "../protocol/graphProtocol";
import { svg } from "./dom";
import { fill, pageText } from "./pageText";

const MIN_ZOOM = 0.1;
const MAX_ZOOM = 4;
/** The most a fit may enlarge a small graph. */
const MAX_FIT_ZOOM = 1.5;
const FIT_PADDING = 24;
/** A press that moves less than this is a click, not a drag. */
const DRAG_THRESHOLD = 3;
const ARROW_ID = "lg-graph-arrow";
const ARROW_ACTIVE_ID = "lg-graph-arrow-active";
const DASH = "6 4";

type BreakpointStop = "before" | "after";

export interface Viewport {
  x: number;
  y: number;
  k: number;
}

export interface GraphViewEvents {
  select(node: string): void;
  /** A click on a node's breakpoint marker: left edge before the node, right edge after it. */
  toggleBreakpoint(node: string, stop: BreakpointStop): void;
}

export class GraphView {
  readonly svg: SVGSVGElement;
  private readonly viewportGroup: SVGGElement;
  private readonly clusterLayer: SVGGElement;
  private readonly edgeLayer: SVGGElement;
  private readonly nodeLayer: SVGGElement;
  private layout: GraphLayout | undefined;
  private readonly nodes = new Map<string, SVGGElement>();
  private readonly clusters = new Map<string, SVGGElement>();
  private edges: { element: SVGGElement; path: SVGPathElement; source: string; target: string }[] = [];
  private view: Viewport = { x: 0, y: 0, k: 1 };
  /** Refit on resize until the user pans or zooms; Fit turns it back on. */
  private autoFit = true;
  private drag: { x: number; y: number; startX: number; startY: number; moved: boolean } | undefined;
  private swallowClick = false;
  private selectedId: string | undefined;
  private debugMarks: DebugMarksView = { breakpoints: [], paused: [] };

  constructor(
    host: HTMLElement,
    private readonly events: GraphViewEvents,
  ) {
    this.svg = svg("svg", { class: "graph-svg", role: "group", "aria-label": pageText().graph });
    const defs = svg("defs");
    defs.append(arrowMarker(ARROW_ID, "arrow-head"), arrowMarker(ARROW_ACTIVE_ID, "arrow-head active"));
    this.viewportGroup = svg("g", { class: "viewport" });
    this.clusterLayer = svg("g", { class: "clusters" });
    this.edgeLayer = svg("g", { class: "edges" });
    this.nodeLayer = svg("g", { class: "nodes" });
    this.viewportGroup.append(this.clusterLayer, this.edgeLayer, this.nodeLayer);
    this.svg.append(defs, this.viewportGroup);
    host.append(this.svg);
    this.listen();
    // The drawing area also changes size when the side panel opens or closes, not only with the window.
    if (typeof ResizeObserver !== "undefined") new ResizeObserver(() => this.resized()).observe(this.svg);
  }

  get viewport(): Viewport {
    return { ...this.view };
  }

  get graph(): GraphLayout | undefined {
    return this.layout;
  }

  nodeElement(id: string): SVGGElement | undefined {
    return this.nodes.get(id);
  }

  /** Draws a new layout and fits it. */
  render(layout: GraphLayout): void {
    this.layout = layout;
    this.nodes.clear();
    this.clusters.clear();
    this.edges = [];
    this.clusterLayer.replaceChildren();
    this.edgeLayer.replaceChildren();
    this.nodeLayer.replaceChildren();
    this.svg.setAttribute("data-width", String(layout.width));
    this.svg.setAttribute("data-height", String(layout.height));

    for (const cluster of layout.clusters) {
      const group = svg("g", { class: "graph-cluster", "data-cluster-id": cluster.id });
      group.append(
        svg("title", {}, cluster.id),
        svg("rect", { class: "cluster-shape", x: cluster.x, y: cluster.y, width: cluster.width, height: cluster.height, rx: 8, ry: 8 }),
        svg("text", { class: "cluster-label", x: cluster.x + 10, y: cluster.y + 18 }, displayLabel(cluster.label)),
      );
      this.clusters.set(cluster.id, group);
      this.clusterLayer.append(group);
    }

    for (const edge of layout.edges) {
      const group = svg("g", { class: `graph-edge${edge.conditional ? " conditional" : ""}`, "data-edge-id": edge.id, "data-source": edge.source, "data-target": edge.target });
      const path = svg("path", { class: "edge-path", d: pathData(edge.points), fill: "none", "marker-end": `url(#${ARROW_ID})` });
      if (edge.conditional) path.setAttribute("stroke-dasharray", DASH);
      group.append(svg("title", {}, edgeTitle(edge)), path);
      if (edge.label && edge.labelPosition) {
        group.append(svg("text", { class: "edge-label", x: edge.labelPosition.x, y: edge.labelPosition.y, "text-anchor": "middle", "dominant-baseline": "central" }, displayLabel(edge.label)));
      }
      this.edges.push({ element: group, path, source: edge.source, target: edge.target });
      this.edgeLayer.append(group);
    }

    for (const node of layout.nodes) {
      const group = nodeElement(node);
      this.nodes.set(node.id, group);
      this.nodeLayer.append(group);
    }
    if (this.selectedId) this.select(this.selectedId);
    this.showDebug(this.debugMarks);
    this.autoFit = true;
    this.fit();
  }

  /** Marks the nodes and edges of the run's path: executing (`current`), visited in order, the latest. */
  showRun(run: RunPathView): void {
    const marked = [...this.nodes.values(), ...this.clusters.values()];
    for (const element of marked) {
      element.classList.remove("current", "visited", "last", "interrupted", "failed", "stopped");
      element.removeAttribute("data-order");
      const badge = element.querySelector<SVGGElement>(".node-order");
      if (badge) badge.setAttribute("visibility", "hidden");
    }
    for (const edge of this.edges) {
      edge.element.classList.remove("traversed");
      edge.path.setAttribute("marker-end", `url(#${ARROW_ID})`);
    }
    this.svg.setAttribute("data-run-status", run.status);

    const orders = new Map<Element, number[]>();
    run.path.forEach((entry, index) => {
      const targets = [this.nodes.get(entry.node) ?? this.clusters.get(entry.node), entry.inner ? this.nodes.get(entry.inner) : undefined];
      for (const element of targets) {
        if (!element) continue;
        element.classList.add("visited");
        if (entry.status === "running") element.classList.add("current");
        if (entry.status === "interrupted") element.classList.add("interrupted");
        if (entry.status === "error") element.classList.add("failed");
        if (entry.status === "stopped") element.classList.add("stopped");
        if (index === run.path.length - 1) element.classList.add("last");
        orders.set(element, [...(orders.get(element) ?? []), index + 1]);
      }
    });
    for (const [element, order] of orders) {
      element.setAttribute("data-order", order.join(" "));
      const badge = element.querySelector<SVGGElement>(".node-order");
      if (badge) setBadge(badge, order.join(","));
    }

    // The edges between consecutive nodes, from start and (once done) to end.
    const sequence = run.path.map((e) => e.node);
    if (sequence.length) {
      if (this.nodes.has("__start__")) sequence.unshift("__start__");
      if (run.status === "done" && this.nodes.has("__end__")) sequence.push("__end__");
    }
    for (let i = 1; i < sequence.length; i++) {
      for (const edge of this.edges) {
        if (edge.source === sequence[i - 1] && edge.target === sequence[i]) {
          edge.element.classList.add("traversed");
          edge.path.setAttribute("marker-end", `url(#${ARROW_ACTIVE_ID})`);
        }
      }
    }
  }

  /** Breakpoint markers on their nodes, and the nodes a paused debug session waits before. */
  showDebug(marks: DebugMarksView): void {
    this.debugMarks = marks;
    for (const [id, element] of this.nodes) {
      element.classList.toggle("paused", marks.paused.includes(id));
      for (const marker of element.querySelectorAll<SVGCircleElement>(".node-breakpoint")) {
        const stop = marker.getAttribute("data-stop");
        const set = marks.breakpoints.some((b) => b.node === id && b.stop === stop);
        marker.classList.toggle("set", set);
        marker.setAttribute("aria-pressed", String(set));
      }
    }
  }

  select(id: string | undefined): void {
    if (this.selectedId) this.nodes.get(this.selectedId)?.classList.remove("selected");
    this.selectedId = id;
    const element = id ? this.nodes.get(id) : undefined;
    element?.classList.add("selected");
    element?.setAttribute("aria-pressed", "true");
    for (const [nodeId, node] of this.nodes) if (nodeId !== id) node.setAttribute("aria-pressed", "false");
  }

  fit(): void {
    this.autoFit = true;
    const layout = this.layout;
    const { width, height } = this.size();
    if (!layout || !width || !height || !layout.width || !layout.height) {
      this.setView({ x: 0, y: 0, k: 1 });
      return;
    }
    const k = clamp(Math.min((width - FIT_PADDING * 2) / layout.width, (height - FIT_PADDING * 2) / layout.height), MIN_ZOOM, MAX_FIT_ZOOM);
    this.setView({ k, x: (width - layout.width * k) / 2, y: (height - layout.height * k) / 2 });
  }

  /** The panel changed size: keep the graph fitted unless the user moved it. */
  resized(): void {
    if (this.autoFit) this.fit();
  }

  /** Zooms by `factor` around a point of the SVG (its centre by default). */
  zoomBy(factor: number, at?: Point): void {
    const { width, height } = this.size();
    const point = at ?? { x: width / 2, y: height / 2 };
    const k = clamp(this.view.k * factor, MIN_ZOOM, MAX_ZOOM);
    const ratio = k / this.view.k;
    this.autoFit = false;
    this.setView({ k, x: point.x - (point.x - this.view.x) * ratio, y: point.y - (point.y - this.view.y) * ratio });
  }

  panBy(dx: number, dy: number): void {
    this.autoFit = false;
    this.setView({ ...this.view, x: this.view.x + dx, y: this.view.y + dy });
  }

  private setView(view: Viewport): void {
    this.view = view;
    this.viewportGroup.setAttribute("transform", `translate(${fixed(view.x)} ${fixed(view.y)}) scale(${fixed(view.k, 4)})`);
  }

  private size(): { width: number; height: number } {
    return { width: this.svg.clientWidth, height: this.svg.clientHeight };
  }

  private listen(): void {
    this.svg.addEventListener("mousedown", (event) => {
      if (event.button !== 0) return;
      this.drag = { x: this.view.x, y: this.view.y, startX: event.clientX, startY: event.clientY, moved: false };
    });
    window.addEventListener("mousemove", (event) => {
      const drag = this.drag;
      if (!drag) return;
      const dx = event.clientX - drag.startX;
      const dy = event.clientY - drag.startY;
      if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      drag.moved = true;
      this.svg.classList.add("panning");
      this.autoFit = false;
      this.setView({ ...this.view, x: drag.x + dx, y: drag.y + dy });
    });
    window.addEventListener("mouseup", () => {
      if (this.drag?.moved) this.swallowClick = true;
      this.drag = undefined;
      this.svg.classList.remove("panning");
    });
    this.svg.addEventListener(
      "wheel",
      (event) => {
        event.preventDefault();
        const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
        const rect = this.svg.getBoundingClientRect();
        this.zoomBy(Math.exp(-event.deltaY * unit * 0.0015), { x: event.clientX - rect.left, y: event.clientY - rect.top });
      },
      { passive: false },
    );
    this.svg.addEventListener("click", (event) => {
      if (this.swallowClick) {
        this.swallowClick = false;
        return;
      }
      const id = this.nodeIdOf(event.target);
      const marker = event.target instanceof Element ? event.target.closest(".node-breakpoint") : null;
      const stop = marker?.getAttribute("data-stop");
      if (id !== undefined && (stop === "before" || stop === "after")) this.events.toggleBreakpoint(id, stop);
      else if (id !== undefined) this.events.select(id);
    });
    this.svg.addEventListener("keydown", (event) => {
      const id = this.nodeIdOf(event.target);
      if (id !== undefined && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        this.events.select(id);
      }
    });
  }

  private nodeIdOf(target: EventTarget | null): string | undefined {
    const element = target instanceof Element ? target.closest(".graph-node") : null;
    return element?.getAttribute("data-node-id") ?? undefined;
  }
}

function nodeElement(node: GraphNodeView): SVGGElement {
  const { width, height } = node;
  const text = pageText();
  const group = svg("g", {
    class: `graph-node kind-${node.kind}`,
    "data-node-id": node.id,
    transform: `translate(${fixed(node.x - width / 2)} ${fixed(node.y - height / 2)})`,
    tabindex: 0,
    role: "button",
    "aria-pressed": "false",
    "aria-label": fill(node.kind === "start" ? text.startOfGraph : node.kind === "end" ? text.endOfGraph : text.node, node.id),
  });
  const radius = node.kind === "node" ? 6 : height / 2;
  const badge = svg("g", { class: "node-order", visibility: "hidden", transform: `translate(${fixed(width)} 0)` });
  badge.append(svg("rect", { class: "order-shape", x: -9, y: -9, width: 18, height: 18, rx: 9, ry: 9 }), svg("text", { class: "order-label", x: 0, y: 0, "text-anchor": "middle", "dominant-baseline": "central" }));
  group.append(
    svg("title", {}, node.id),
    svg("rect", { class: "node-shape", x: 0, y: 0, width, height, rx: radius, ry: radius }),
    svg("text", { class: "node-label", x: width / 2, y: height / 2, "text-anchor": "middle", "dominant-baseline": "central" }, displayLabel(node.label)),
    badge,
  );
  if (node.kind === "node") group.append(breakpointMarker(node, "before"), breakpointMarker(node, "after"));
  return group;
}

/** A dot on the node's left (before) or right (after) edge; faint until hovered, red when set. */
function breakpointMarker(node: GraphNodeView, stop: BreakpointStop): SVGCircleElement {
  const text = pageText();
  const marker = svg("circle", {
    class: "node-breakpoint",
    "data-stop": stop,
    cx: stop === "before" ? 0 : node.width,
    cy: node.height / 2,
    r: 5,
    role: "button",
    "aria-pressed": "false",
    "aria-label": fill(stop === "before" ? text.breakpointBefore : text.breakpointAfter, node.id),
  });
  marker.append(svg("title", {}, fill(stop === "before" ? text.breakBefore : text.breakAfter, node.id)));
  return marker;
}

function edgeTitle(edge: GraphEdgeView): string {
  const text = pageText();
  const ends = fill(edge.conditional ? text.conditionalEdge : text.edge, edge.source, edge.target);
  return edge.label ? fill(text.labelledEdge, ends, edge.label) : ends;
}

function setBadge(badge: SVGGElement, text: string): void {
  const width = Math.max(18, 8 + text.length * 7);
  const rect = badge.querySelector("rect");
  rect?.setAttribute("x", String(-width / 2));
  rect?.setAttribute("width", String(width));
  const label = badge.querySelector("text");
  if (label) label.textContent = text;
  badge.setAttribute("visibility", "visible");
}

function arrowMarker(id: string, className: string): SVGMarkerElement {
  const marker = svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" });
  marker.append(svg("path", { class: className, d: "M0,0 L10,5 L0,10 z" }));
  return marker;
}

/** A smooth curve through the layout's points (quadratic segments between midpoints). */
function pathData(points: readonly Point[]): string {
  if (points.length < 2) return "";
  const [first, ...rest] = points;
  if (rest.length === 1) return `M${fixed(first.x)},${fixed(first.y)} L${fixed(rest[0].x)},${fixed(rest[0].y)}`;
  let d = `M${fixed(first.x)},${fixed(first.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const control = points[i];
    const next = points[i + 1];
    const end = i === points.length - 2 ? next : { x: (control.x + next.x) / 2, y: (control.y + next.y) / 2 };
    d += ` Q${fixed(control.x)},${fixed(control.y)} ${fixed(end.x)},${fixed(end.y)}`;
  }
  return d;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function fixed(value: number, digits = 2): string {
  return String(Math.round(value * 10 ** digits) / 10 ** digits);
}
