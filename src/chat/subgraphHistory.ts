/**
 * Which subgraph wrote each message, read back from checkpoint history (a reloaded panel has no stream
 * to say it). A message that first appears in a checkpoint was written by the tasks of the checkpoint
 * before it, and a task that ran a subgraph names its namespace. A subgraph hands back its whole
 * message list, so only the messages new in that step count, and only those in that task's result.
 */
import { messagesOfValues, stringOf } from "../common/wireMessages";
import type { ThreadCheckpoint } from "../deployment/types";

type HistoryEntry = Pick<ThreadCheckpoint, "values" | "tasks">;

/** Message id -> namespace of the subgraph that wrote it; `history` is newest first. */
export function subgraphsFromHistory(history: readonly HistoryEntry[]): Map<string, string> {
  const subgraphs = new Map<string, string>();
  for (let i = 0; i + 1 < history.length; i++) {
    const older = history[i + 1];
    const tasks = older.tasks.flatMap((task) => {
      const namespace = stringOf(task.checkpoint?.checkpoint_ns);
      return namespace ? [{ namespace, wrote: idsOf(task.result) }] : [];
    });
    if (!tasks.length) continue;
    const before = idsOf(older.values);
    for (const id of idsOf(history[i].values)) {
      if (before.has(id)) continue;
      const writer = tasks.find((task) => task.wrote.has(id));
      if (writer) subgraphs.set(id, writer.namespace);
    }
  }
  return subgraphs;
}

function idsOf(values: unknown): Set<string> {
  return new Set(messagesOfValues(values).flatMap((m) => (m.id ? [m.id] : [])));
}
