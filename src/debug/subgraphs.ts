/**
 * Subgraphs in a debugged run. The server stops a run only before or after the graph's own nodes: a
 * run's `interruptBefore` / `interruptAfter` reach the top-level graph's loop only (LangGraph takes them
 * out of the config that subgraphs inherit, and a subgraph keeps the lists it was compiled with). So a
 * subgraph runs whole in one step; `subgraphReplay.ts` then walks its recorded checkpoints.
 */
import * as l10n from "@vscode/l10n";
import type { CheckpointTask } from "../deployment/types";

/** Why a run cannot stop inside a subgraph. */
export const subgraphLimit = () =>
  l10n.t("the server stops a run only before or after the graph's own nodes (a run's interruptBefore and interruptAfter do not reach into subgraphs)");

const START_END = /(^|:)__(start|end)__$/;

/**
 * The nodes inside each subgraph, from the ids of the graph drawn with `xray` (`researcher:agent`,
 * `researcher:inner:agent`). A subgraph of one node is drawn collapsed, so it has no entry here.
 */
export function subgraphNodes(xrayIds: readonly string[]): Map<string, string[]> {
  const inside = new Map<string, string[]>();
  for (const id of xrayIds) {
    const colon = id.indexOf(":");
    if (colon <= 0 || START_END.test(id)) continue;
    const subgraph = id.slice(0, colon);
    inside.set(subgraph, [...(inside.get(subgraph) ?? []), id.slice(colon + 1)]);
  }
  return inside;
}

/** Whether a node runs a subgraph: the xray drawing expands it, or its pending task has a checkpoint namespace of its own. */
export function isSubgraph(node: string, drawn: ReadonlyMap<string, readonly string[]>, tasks: readonly CheckpointTask[]): boolean {
  return drawn.has(node) || tasks.some((task) => task.name === node && !!task.checkpoint?.checkpoint_ns);
}

/** The Debug Console line for a Step Into: what it does at this stop, and why. */
export function stepIntoNote(next: readonly string[], subgraph: (node: string) => boolean): string {
  const subgraphs = next.filter(subgraph);
  if (subgraphs.length === 0) return l10n.t("Step Into runs one step, like Step Over: {0} is not a subgraph.", next.join(", ") || l10n.t("the next node"));
  const names = subgraphs.join(", ");
  return l10n.t("Step Into runs one step, like Step Over: {0} {1}, and {2}. {3} runs to its end in this step.", names, subgraphs.length > 1 ? l10n.t("are subgraphs") : l10n.t("is a subgraph"), subgraphLimit(), names);
}
