/**
 * A thread's checkpoints as lines of a tree: the line that leads to the thread's head, and under each
 * checkpoint where the thread was forked (an edit, a re-run, a regeneration), the other lines that
 * grew from it. Built from history pages as read (newest first), following the parent links; a line
 * whose start is older than what was read so far hangs at the top level until more is read.
 */
import * as l10n from "@vscode/l10n";
import type { ThreadCheckpoint } from "../deployment/types";
import { messagesOfValues, stringOf } from "../common/wireMessages";

export interface CheckpointRow {
  id: string;
  parentId?: string;
  step?: number;
  /** `input`, `loop`, `update` (an edit) or `fork`, as the server records it. */
  source?: string;
  /** The node(s) whose writes made this checkpoint, when the parent says so (its tasks' results). */
  writers: string[];
  assistantId?: string;
  runId?: string;
  graphId?: string;
  createdAt?: string;
  next: string[];
  messageCount: number;
  /** Messages added since the parent checkpoint, when the parent was read. */
  messagesAdded?: number;
  /** Requests a node waits on (an `interrupt()`). */
  interrupts: number;
}

export interface Timeline {
  /** The line that ends at the thread's head, newest first. */
  head: CheckpointRow[];
  /** Other lines by the checkpoint they fork from, each newest first. */
  forks: Map<string, CheckpointRow[][]>;
  /** Lines whose fork point is older than what was read, newest first. */
  detached: CheckpointRow[][];
}

const numberOf = (value: unknown) => (typeof value === "number" ? value : undefined);

/** One history entry as a row; `parent` (if read) tells who wrote it and how many messages it added. */
function toRow(entry: ThreadCheckpoint, parent: ThreadCheckpoint | undefined): CheckpointRow | undefined {
  const id = entry.checkpoint?.checkpoint_id;
  if (!id) return undefined;
  const metadata = entry.metadata;
  const source = stringOf(metadata.source);
  const messageCount = messagesOfValues(entry.values).length;
  return {
    id,
    parentId: entry.parent_checkpoint?.checkpoint_id ?? undefined,
    step: numberOf(metadata.step),
    source,
    writers: writersOf(entry, parent),
    assistantId: stringOf(metadata.assistant_id),
    runId: stringOf(metadata.run_id),
    graphId: stringOf(metadata.graph_id),
    createdAt: entry.created_at ?? undefined,
    next: entry.next,
    messageCount,
    messagesAdded: parent ? messageCount - messagesOfValues(parent.values).length : undefined,
    interrupts: entry.tasks.reduce((sum, task) => sum + task.interrupts.length, 0),
  };
}

/** The nodes that wrote `entry`: input comes from the caller, the rest from the parent's finished tasks. */
function writersOf(entry: ThreadCheckpoint, parent: ThreadCheckpoint | undefined): string[] {
  if (entry.metadata.source === "input") return ["__input__"];
  const writes = entry.metadata.writes;
  if (writes && typeof writes === "object") return Object.keys(writes);
  if (entry.metadata.source !== "loop" || !parent) return [];
  return parent.tasks.filter((task) => task.result !== undefined && task.result !== null && task.name).map((task) => task.name as string);
}

/** Lays out history entries (newest first, as `getHistory` returns them) as lines. */
export function buildTimeline(entries: readonly ThreadCheckpoint[]): Timeline {
  const byId = new Map<string, ThreadCheckpoint>();
  for (const entry of entries) {
    const id = entry.checkpoint?.checkpoint_id;
    if (id) byId.set(id, entry);
  }
  const rows = new Map<string, CheckpointRow>();
  for (const entry of entries) {
    const parentId = entry.parent_checkpoint?.checkpoint_id;
    const row = toRow(entry, parentId ? byId.get(parentId) : undefined);
    if (row) rows.set(row.id, row);
  }
  const placed = new Set<string>();
  /** From `start` back through parents not yet placed; returns the line and where it forks from. */
  const walk = (start: CheckpointRow) => {
    const line: CheckpointRow[] = [];
    let row: CheckpointRow | undefined = start;
    while (row && !placed.has(row.id)) {
      placed.add(row.id);
      line.push(row);
      row = row.parentId ? rows.get(row.parentId) : undefined;
    }
    return { line, forkPoint: row?.id };
  };
  const timeline: Timeline = { head: [], forks: new Map(), detached: [] };
  for (const row of rows.values()) {
    if (placed.has(row.id)) continue;
    const { line, forkPoint } = walk(row);
    if (!timeline.head.length) timeline.head = line;
    else if (forkPoint) timeline.forks.set(forkPoint, [...(timeline.forks.get(forkPoint) ?? []), line]);
    else timeline.detached.push(line);
  }
  return timeline;
}

/** How a row's origin reads: who wrote it (node names, as they are), or what the user did. */
export function originOf(row: CheckpointRow): string {
  if (row.source === "update") return l10n.t("edited");
  if (row.source === "fork") return l10n.t("fork");
  if (row.source === "input") return l10n.t("input");
  const writers = row.writers.filter((w) => w !== "__start__").join(", ");
  if (writers) return writers;
  if (row.writers.includes("__start__")) return l10n.t("start");
  return row.source ?? l10n.t("checkpoint");
}
