/**
 * Breakpoints on nodes. A function breakpoint `tools` (or `before:tools`) stops before the node runs,
 * `after:tools` after it; a source breakpoint on the line that adds a node (`addNode("tools", …)`,
 * `add_node("tools", …)`) stops before that node. They become the run's `interruptBefore` /
 * `interruptAfter`. A breakpoint that names no node of the graph stays unverified, with the reason.
 * `subgraph:node` stops in a replay of the subgraph's recorded steps (see `subgraphReplay.ts`).
 */
import * as l10n from "@vscode/l10n";
import { subgraphLimit } from "./subgraphs";

export type NodeStop = "before" | "after";

export interface NodeBreakpoint {
  id: number;
  /** The node it stops at, when it names one. */
  node?: string;
  stop: NodeStop;
  verified: boolean;
  /** Why it is not verified. */
  message?: string;
  /** For a source breakpoint: the file and 1-based line. */
  source?: { path: string; line: number };
}

/** `addNode("name"`, `.add_node('name'`, with any quote. */
const ADD_NODE = /\b(?:addNode|add_node)\s*\(\s*(["'`])([^"'`]+)\1/;
const START_END = new Set(["__start__", "__end__"]);

/** The node name a source line adds, if it adds one by a literal name. */
export function nodeAddedOnLine(line: string): string | undefined {
  return ADD_NODE.exec(line)?.[2];
}

/** `tools` and `before:tools` stop before the node, `after:tools` after it. */
export function parseBreakpointName(name: string): { node?: string; stop: NodeStop } {
  const trimmed = name.trim();
  const match = /^(before|after):(.+)$/.exec(trimmed);
  const node = (match ? match[2] : trimmed).trim();
  return { node: node || undefined, stop: match?.[1] === "after" ? "after" : "before" };
}

export class NodeBreakpoints {
  private nextId = 1;
  private nodes: ReadonlySet<string> | undefined;
  private subgraphs: ReadonlyMap<string, readonly string[]> = new Map();
  private functionBreakpoints: NodeBreakpoint[] = [];
  private readonly sourceBreakpoints = new Map<string, NodeBreakpoint[]>();

  /**
   * The graph's nodes are known (and, from its xray drawing, those inside its subgraphs): every
   * breakpoint is checked again. Answers those that changed.
   */
  setGraphNodes(nodes: readonly string[], subgraphs: ReadonlyMap<string, readonly string[]> = new Map()): NodeBreakpoint[] {
    this.nodes = new Set(nodes.filter((node) => !START_END.has(node)));
    this.subgraphs = subgraphs;
    const all = this.all();
    for (const breakpoint of all) this.verify(breakpoint);
    return all;
  }

  get graphNodes(): readonly string[] {
    return [...(this.nodes ?? [])];
  }

  setFunctionBreakpoints(names: readonly string[]): NodeBreakpoint[] {
    this.functionBreakpoints = names.map((name) => this.verify(this.fromName(name)));
    return this.functionBreakpoints;
  }

  /** `lineText(line)` reads a 1-based line of the file, undefined when there is none. */
  setSourceBreakpoints(path: string, lines: readonly number[], lineText: (line: number) => string | undefined): NodeBreakpoint[] {
    const breakpoints = lines.map((line) => {
      const text = lineText(line);
      const node = text === undefined ? undefined : nodeAddedOnLine(text);
      const breakpoint: NodeBreakpoint = { id: this.nextId++, node, stop: "before", verified: false, source: { path, line } };
      if (node === undefined) {
        breakpoint.message = text === undefined ? l10n.t("This line is not in the file.") : l10n.t("Put node breakpoints on a line that adds a node by name, like addNode(\"tools\", …) or add_node(\"tools\", …).");
        return breakpoint;
      }
      return this.verify(breakpoint);
    });
    if (breakpoints.length > 0) this.sourceBreakpoints.set(path, breakpoints);
    else this.sourceBreakpoints.delete(path);
    return breakpoints;
  }

  all(): NodeBreakpoint[] {
    return [...this.functionBreakpoints, ...[...this.sourceBreakpoints.values()].flat()];
  }

  /** The nodes a run must stop before and after (the graph's own: `subgraph:inner` ones stop in replay). */
  interrupts(): { before: string[]; after: string[] } {
    const verified = this.all().filter((breakpoint) => breakpoint.verified && breakpoint.node && !breakpoint.node.includes(":"));
    const nodes = (stop: NodeStop) => [...new Set(verified.filter((b) => b.stop === stop).map((b) => b.node!))];
    return { before: nodes("before"), after: nodes("after") };
  }

  /** The breakpoints a stop hit: before one of `next`, or after `ran`. */
  hitBy(next: readonly string[], ran: string | undefined): NodeBreakpoint[] {
    return this.all().filter((b) => b.verified && ((b.stop === "before" && next.includes(b.node!)) || (b.stop === "after" && b.node === ran)));
  }

  private fromName(name: string): NodeBreakpoint {
    return { id: this.nextId++, ...parseBreakpointName(name), verified: false };
  }

  private verify(breakpoint: NodeBreakpoint): NodeBreakpoint {
    const node = breakpoint.node;
    breakpoint.verified = false;
    if (!node) {
      breakpoint.message ??= l10n.t("A node breakpoint needs a node name, like tools or after:tools.");
    } else if (!this.nodes) {
      breakpoint.message = l10n.t("The graph is not loaded yet.");
    } else if (this.nodes.has(node)) {
      breakpoint.verified = true;
      breakpoint.message = undefined;
    } else if (node.includes(":") && this.nodes.has(node.slice(0, node.indexOf(":")))) {
      this.insideSubgraph(breakpoint, node.slice(0, node.indexOf(":")), node.slice(node.indexOf(":") + 1));
    } else {
      const known = [...this.nodes].join(", ");
      breakpoint.message = l10n.t("The graph has no node named {0}{1}.", node, known ? l10n.t(" (its nodes: {0})", known) : "");
    }
    return breakpoint;
  }

  /**
   * `subgraph:inner` stops in a replay of the subgraph's recorded steps, after the parent's step that ran
   * it: verified when the graph's drawing shows that node inside the subgraph.
   */
  private insideSubgraph(breakpoint: NodeBreakpoint, subgraph: string, inner: string): void {
    const known = this.subgraphs.get(subgraph);
    const name = `${subgraph}:${inner}`;
    if (!known) {
      breakpoint.message = l10n.t("The graph's drawing does not show the nodes inside {0}, so {1} cannot be checked. A breakpoint on {2} stops before the subgraph runs.", subgraph, name, subgraph);
    } else if (!known.some((id) => id === inner || id.startsWith(`${inner}:`))) {
      breakpoint.message = l10n.t("The subgraph {0} has no node named {1} (its nodes: {2}).", subgraph, inner, known.join(", "));
    } else if (inner.includes(":")) {
      breakpoint.message = l10n.t("A replay reaches one subgraph deep: {0} is inside a subgraph of {1}. A breakpoint on {2}:{3} stops in the replay before it runs.", name, subgraph, subgraph, inner.slice(0, inner.indexOf(":")));
    } else if (breakpoint.stop === "after") {
      breakpoint.message = l10n.t("after:{0} is inside the subgraph {1}, and {2}. Use {3}: it stops in a replay of the subgraph's recorded steps.", name, subgraph, subgraphLimit(), name);
    } else {
      breakpoint.verified = true;
      breakpoint.message = l10n.t("Stops in replay: {0} runs whole in one step of the run, then the session replays its recorded steps and stops before {1}.", subgraph, inner);
    }
  }

  /** The verified `subgraph:inner` breakpoints, by subgraph. */
  subgraphStops(): Map<string, NodeBreakpoint[]> {
    const stops = new Map<string, NodeBreakpoint[]>();
    for (const breakpoint of this.all()) {
      if (!breakpoint.verified || !breakpoint.node?.includes(":")) continue;
      const subgraph = breakpoint.node.slice(0, breakpoint.node.indexOf(":"));
      stops.set(subgraph, [...(stops.get(subgraph) ?? []), breakpoint]);
    }
    return stops;
  }
}
