/**
 * Branches of a thread, from its checkpoint history: an edit or a regeneration forks from an earlier
 * checkpoint, so the same position can hold different messages. Pure functions over history entries.
 */
import type { BranchPosition } from "../protocol/chatProtocol";
import { toMessageViews } from "./messageViews";
import { messagesOfValues, type WireMessage } from "../common/wireMessages";

export interface CheckpointMessages {
  checkpointId: string;
  ids: string[];
  messages: WireMessage[];
  /** Nodes still to run: empty once a run finished. */
  next: string[];
}

interface HistoryEntry {
  values?: unknown;
  checkpoint?: { checkpoint_id?: string | null } | null;
  next?: string[];
}

/** History as the server returns it (newest first), reduced to message ids per checkpoint. */
export function toCheckpointMessages(history: HistoryEntry[]): CheckpointMessages[] {
  return history.flatMap((entry) => {
    const checkpointId = entry.checkpoint?.checkpoint_id;
    if (!checkpointId) return [];
    const messages = messagesOfValues(entry.values);
    // Positions as the panel shows them: tool results live inside their call's card, not as messages.
    const ids = toMessageViews(messages).map((view) => view.id);
    return [{ checkpointId, messages, ids, next: entry.next ?? [] }];
  });
}

function commonPrefix(a: string[], b: string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export interface BranchOptions extends BranchPosition {
  /** Message ids that can stand at this position, oldest first. */
  options: string[];
}

/** For each shown message that has siblings: its position among them and the sibling ids. */
export function branchesOf(history: CheckpointMessages[], shown: string[]): Map<string, BranchOptions> {
  const byPosition = new Map<number, string[]>();
  // Oldest first, so options are numbered in the order they were written.
  for (let h = history.length - 1; h >= 0; h--) {
    const { ids } = history[h];
    const at = commonPrefix(ids, shown);
    if (at >= ids.length) continue;
    const options = byPosition.get(at) ?? (at < shown.length ? [shown[at]] : []);
    if (!options.includes(ids[at])) options.push(ids[at]);
    byPosition.set(at, options);
  }
  const result = new Map<string, BranchOptions>();
  for (const [position, options] of byPosition) {
    if (position >= shown.length || options.length < 2) continue;
    const ordered = orderByFirstAppearance(history, position, shown.slice(0, position), options);
    result.set(shown[position], { index: ordered.indexOf(shown[position]), count: ordered.length, options: ordered });
  }
  return result;
}

function orderByFirstAppearance(history: CheckpointMessages[], position: number, prefix: string[], options: string[]): string[] {
  const seen: string[] = [];
  for (let h = history.length - 1; h >= 0; h--) {
    const { ids } = history[h];
    if (ids.length <= position || commonPrefix(ids, prefix) < position) continue;
    if (options.includes(ids[position]) && !seen.includes(ids[position])) seen.push(ids[position]);
  }
  for (const option of options) if (!seen.includes(option)) seen.push(option);
  return seen;
}

/** The newest checkpoint of the branch where `optionId` stands at `position` after the shown prefix. */
export function branchHead(history: CheckpointMessages[], shown: string[], position: number, optionId: string): CheckpointMessages | undefined {
  const prefix = shown.slice(0, position);
  return history.find((c) => c.ids[position] === optionId && commonPrefix(c.ids, prefix) >= position);
}

/**
 * The checkpoint to fork from to replace the message at `position`: the newest one holding exactly the
 * messages before it. A regeneration needs one that still has a node to run.
 */
export function forkPoint(history: CheckpointMessages[], shown: string[], position: number, needsNext: boolean): string | undefined {
  const prefix = shown.slice(0, position);
  return history.find(
    (c) => c.ids.length === position && commonPrefix(c.ids, prefix) === position && (!needsNext || c.next.length > 0),
  )?.checkpointId;
}
