import type { StreamModeName } from "../common/streamModes";

/**
 * What the chat streams: tokens as they come, each node's update (the graph view follows them) and the
 * graph's custom events (status lines), from inside subgraphs too (`streamSubgraphs`: a sub-agent's
 * messages arrive under its namespace).
 * Never `values` together with `streamSubgraphs`: langgraph-api 2.0 fails such a run (README,
 * compatibility table; a test reads the requests the gateway sends).
 */
export const STREAM_MODES: readonly StreamModeName[] = ["messages-tuple", "updates", "custom"];
export const STREAM_SUBGRAPHS = true;

/** The chat's modes and the extra ones asked for (the event log's), once each. */
export function runStreamModes(extra: readonly StreamModeName[] | undefined, serverMajor: number | undefined): StreamModeName[] {
  const modes = new Set<StreamModeName>([...STREAM_MODES, ...(extra ?? [])]);
  // `values` with subgraphs fails the run on langgraph-api 2 (and on a server whose version is unknown, to be safe).
  if (serverMajor === undefined || serverMajor >= 2) modes.delete("values");
  return [...modes];
}
