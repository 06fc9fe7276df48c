/**
 * A thread's checkpoint history as one panel knows it: who wrote each reply, which messages have
 * sibling branches, where an edit or a regeneration forks from, and which branch the next run continues.
 */
import type { DeploymentGateway } from "../deployment/gateway";
import type { ThreadCheckpoint } from "../deployment/types";
import type { BranchPosition, ChatMessageView } from "../protocol/chatProtocol";
import { branchHead, branchesOf, forkPoint, toCheckpointMessages, type CheckpointMessages } from "./branches";
import { authorshipFromHistory } from "./messageViews";
import { subgraphsFromHistory } from "./subgraphHistory";

/**
 * Checkpoints are read a page at a time (each holds the whole state, so a long thread's history is
 * heavy), and older pages only while some reply still has no author: at most this many per read.
 */
const HISTORY_PAGE = 30;
const HISTORY_MAX_PAGES = 6;

type HistoryEntry = ThreadCheckpoint;
type HistorySource = Pick<DeploymentGateway, "getHistory" | "listRuns">;

/**
 * Runs listed at once to learn each one's assistant. A checkpoint's `metadata.assistant_id` can be
 * another run's (a run queued while the thread was busy carries the assistant of the run before it);
 * its `run_id` is right, and the run record names the assistant that really ran.
 */
const RUNS_LISTED = 1000;

export class BranchNavigator {
  /** Newest first. */
  private history: CheckpointMessages[] = [];
  /** The oldest checkpoint read: what first appears in it is attributed once older ones are read. */
  private boundary: HistoryEntry | undefined;
  /** Reading reached the thread's first checkpoint. */
  private complete = false;
  /** Each run's assistant, from the run records. */
  private readonly runAssistants = new Map<string, string>();
  /** The subgraph namespace of each message written inside one, as far as history was read. */
  private readonly subgraphIds = new Map<string, string>();
  /** Reads one at a time: a read continues where the previous one stopped. */
  private reading: Promise<unknown> = Promise.resolve();
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

  /** Nothing older is left to read. */
  get exhausted(): boolean {
    return this.complete || !this.boundary;
  }

  markStale(): void {
    this.staleness = "stale";
  }

  /**
   * Reads history from the newest checkpoint; returns the assistant that wrote each reply it could
   * attribute. Older pages are read only while `unattributed` says a reply still has no author.
   */
  load(client: HistorySource, threadId: string, unattributed: (attributed: ReadonlySet<string>) => boolean): Promise<Map<string, string>> {
    return this.serially(async () => {
      const newest = await client.getHistory(threadId, { limit: HISTORY_PAGE });
      this.history = [];
      this.boundary = undefined;
      this.complete = newest.length < HISTORY_PAGE;
      const authorship = await this.readBack(client, threadId, newest, unattributed);
      this.staleness = false;
      return authorship;
    });
  }

  /**
   * Reads further back from where the last read stopped, for replies the user scrolled to that have
   * no author yet: as much as a long thread needs, only when it is needed.
   */
  loadOlder(client: HistorySource, threadId: string, unattributed: (attributed: ReadonlySet<string>) => boolean): Promise<Map<string, string>> {
    return this.serially(async () => (this.complete || !this.boundary ? new Map<string, string>() : this.readBack(client, threadId, [], unattributed)));
  }

  private serially<T>(read: () => Promise<T>): Promise<T> {
    const next = this.reading.then(read, read);
    this.reading = next.catch(() => undefined);
    return next;
  }

  /** Reads pages older than `read` (after the boundary) while replies lack an author; keeps what it read. */
  private async readBack(
    client: HistorySource,
    threadId: string,
    read: HistoryEntry[],
    unattributed: (attributed: ReadonlySet<string>) => boolean,
  ): Promise<Map<string, string>> {
    let entries = this.boundary ? [this.boundary, ...read] : read;
    let authorship = authorshipFromHistory(entries, this.complete);
    for (let page = read.length ? 1 : 0; !this.complete && page < HISTORY_MAX_PAGES && unattributed(new Set(authorship.keys())); page++) {
      const oldest = entries[entries.length - 1]?.checkpoint?.checkpoint_id;
      if (!oldest) {
        // Nothing to continue from: as far back as this thread can be read.
        this.complete = true;
        break;
      }
      const older = await client.getHistory(threadId, { limit: HISTORY_PAGE, before: oldest });
      entries = entries.concat(older);
      this.complete = older.length < HISTORY_PAGE;
      authorship = authorshipFromHistory(entries, this.complete);
    }
    for (const [id, namespace] of subgraphsFromHistory(entries)) this.subgraphIds.set(id, namespace);
    this.history = this.history.concat(toCheckpointMessages(this.boundary ? entries.slice(1) : entries));
    this.boundary = entries[entries.length - 1] ?? this.boundary;
    await this.learnRunAssistants(client, threadId, authorship.values());
    return new Map([...authorship].map(([id, a]) => [id, (a.runId && this.runAssistants.get(a.runId)) || a.assistantId]));
  }

  /** Messages written inside a subgraph, with its namespace. */
  get subgraphs(): ReadonlyMap<string, string> {
    return this.subgraphIds;
  }

  /** A run this panel started or joined, with the assistant it knows ran it: no listing needed for it. */
  knowRun(runId: string, assistantId: string): void {
    this.runAssistants.set(runId, assistantId);
  }

  private async learnRunAssistants(client: HistorySource, threadId: string, authors: Iterable<{ runId?: string }>): Promise<void> {
    const unknown = [...authors].some((a) => a.runId && !this.runAssistants.has(a.runId));
    if (!unknown) return;
    try {
      for (const run of await client.listRuns(threadId, RUNS_LISTED)) this.runAssistants.set(run.run_id, run.assistant_id);
    } catch {
      // The checkpoints' own metadata stands in.
    }
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
