/**
 * A thread's checkpoint history as one panel knows it: who wrote each reply, which messages have
 * sibling branches, where an edit or a regeneration forks from, and which branch the next run continues.
 */
import type { Client, Config } from "@langchain/langgraph-sdk";
import type { BranchPosition, ChatMessageView } from "../protocol/chatProtocol";
import { branchHead, branchesOf, forkPoint, toCheckpointMessages, type CheckpointMessages } from "./branches";
import { authorshipFromHistory } from "./messageViews";

/**
 * Checkpoints are read a page at a time (each holds the whole state, so a long thread's history is
 * heavy), and older pages only while some shown reply still has no author.
 */
const HISTORY_PAGE = 30;
const HISTORY_MAX_PAGES = 6;

export class BranchNavigator {
  /** Newest first. */
  private history: CheckpointMessages[] = [];
  /** History is behind the thread after runs ("stale"), or must be re-read because a run forked it. */
  private staleness: false | "stale" | "forked" = false;
  /** Set while the user looks at a branch other than the thread's head: the next run continues it. */
  private viewCheckpoint: string | undefined;

  get stale(): boolean {
    return this.staleness !== false;
  }

  /** After a plain run, history may wait until something needs it; after a fork it may not. */
  get mustReload(): boolean {
    return this.staleness === "forked";
  }

  markStale(): void {
    this.staleness = "stale";
  }

  /**
   * Reads history; returns the assistant that wrote each reply it could attribute. Older pages are read
   * only while `unattributed` says a shown reply still has no author.
   */
  async load(client: Client, threadId: string, unattributed: (attributed: ReadonlySet<string>) => boolean): Promise<Map<string, string>> {
    let history = await client.threads.getHistory(threadId, { limit: HISTORY_PAGE });
    let complete = history.length < HISTORY_PAGE;
    let authorship = authorshipFromHistory(history, complete);
    const attributed = () => new Set(authorship.keys());
    for (let page = 1; !complete && page < HISTORY_MAX_PAGES && unattributed(attributed()); page++) {
      const oldest = history[history.length - 1]?.checkpoint?.checkpoint_id;
      if (!oldest) break;
      // This server takes the checkpoint id itself for `before`.
      const older = await client.threads.getHistory(threadId, { limit: HISTORY_PAGE, before: oldest as unknown as Config });
      history = history.concat(older);
      complete = older.length < HISTORY_PAGE;
      authorship = authorshipFromHistory(history, complete);
    }
    this.history = toCheckpointMessages(history);
    this.staleness = false;
    return new Map([...authorship].map(([id, a]) => [id, a.assistantId]));
  }

  /** Sets each shown message's branch position; returns the positions of those that have siblings. */
  positions(messages: readonly ChatMessageView[]): Record<string, BranchPosition> {
    const branches = branchesOf(this.history, messages.map((m) => m.id));
    const positions: Record<string, BranchPosition> = {};
    for (const message of messages) {
      const info = branches.get(message.id);
      message.branch = info ? { index: info.index, count: info.count } : undefined;
      if (message.branch) positions[message.id] = message.branch;
    }
    return positions;
  }

  /** The branch where the sibling before/after `messageId` stands, or undefined at either end. */
  sibling(shown: string[], messageId: string, direction: -1 | 1): CheckpointMessages | undefined {
    const position = shown.indexOf(messageId);
    const info = branchesOf(this.history, shown).get(messageId);
    const target = info?.options[info.index + direction];
    return position < 0 || !target ? undefined : branchHead(this.history, shown, position, target);
  }

  /** The checkpoint to fork from to replace the message at `position` (a reply needs a node to run). */
  forkPoint(shown: string[], position: number, reply: boolean): string | undefined {
    return forkPoint(this.history, shown, position, reply);
  }

  /** The panel now shows the thread at this checkpoint: the next run continues from it. */
  view(checkpointId: string): void {
    // The newest checkpoint is the thread's own head: only other branches need an explicit checkpoint.
    this.viewCheckpoint = checkpointId === this.history[0]?.checkpointId ? undefined : checkpointId;
  }

  /** A run starts: where it forks from (an explicit checkpoint, else the branch on screen), if anywhere. */
  startRun(checkpointId: string | undefined): string | undefined {
    const forkFrom = checkpointId ?? this.viewCheckpoint;
    // Afterwards the thread's head is that branch, and history must say so.
    if (forkFrom) this.staleness = "forked";
    this.viewCheckpoint = undefined;
    return forkFrom;
  }
}
