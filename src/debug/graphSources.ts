/**
 * Where a graph's nodes are added in the workspace's source: the graph's file from a langgraph.json
 * (`"tools": "./tools.ts:graph"` or `{ "path": … }`), and the line that adds the node by name. Call
 * Stack frames point there, so a stop opens the graph's source at the node. A graph the workspace does
 * not declare (a remote deployment's) has no location: its frames show without a source.
 */
import { nodeAddedOnLine } from "./nodeBreakpoints";
import { isRecord } from "./stateExpression";

export interface NodeLocation {
  path: string;
  /** 1-based. */
  line: number;
}

/** The file a langgraph.json's graph entry points at, relative to the config's folder; undefined when it names none. */
export function graphFileIn(configText: string, graphId: string): string | undefined {
  let config: unknown;
  try {
    config = JSON.parse(configText);
  } catch {
    return undefined;
  }
  const entry = isRecord(config) && isRecord(config.graphs) ? config.graphs[graphId] : undefined;
  const spec = typeof entry === "string" ? entry : isRecord(entry) && typeof entry.path === "string" ? entry.path : undefined;
  if (!spec) return undefined;
  // `file:export`; a Windows drive's colon ("C:\…") is not the separator.
  const colon = spec.lastIndexOf(":");
  const file = colon > 1 ? spec.slice(0, colon) : spec;
  return file.trim() || undefined;
}

/** The 1-based line of `source` that adds `node` by name. */
export function lineAddingNode(source: string, node: string): number | undefined {
  const index = source.split(/\r?\n/).findIndex((line) => nodeAddedOnLine(line) === node);
  return index < 0 ? undefined : index + 1;
}
