/**
 * One thread's checkpoint timeline as the view shows it, read a page at a time: opening a thread with
 * a thousand checkpoints reads one page, and older ones are read when asked for. Free of `vscode`.
 */
import type { DeploymentGateway } from "../deployment/gateway";
import type { ThreadCheckpoint } from "../deployment/types";
import { buildTimeline, type CheckpointRow, type Timeline } from "./checkpointLines";

/** Checkpoints per read. Each holds the thread's whole state, so a page is heavy on a long thread. */
export const TIMELINE_PAGE = 50;

export class TimelineModel {
  private entries: ThreadCheckpoint[] = [];
  private complete = false;
  private laidOut: Timeline = { head: [], forks: new Map(), detached: [] };

  constructor(
    private readonly gateway: Pick<DeploymentGateway, "getHistory">,
    readonly threadId: string,
    private readonly pageSize = TIMELINE_PAGE,
  ) {}

  get timeline(): Timeline {
    return this.laidOut;
  }

  /** Older checkpoints are left to read. */
  get hasMore(): boolean {
    return !this.complete;
  }

  /** Reads the newest page afresh. */
  async open(): Promise<Timeline> {
    const page = await this.gateway.getHistory(this.threadId, { limit: this.pageSize });
    this.entries = page;
    this.complete = page.length < this.pageSize;
    return this.layOut();
  }

  /** Reads the next older page. */
  async loadMore(): Promise<Timeline> {
    const oldest = this.entries.at(-1)?.checkpoint?.checkpoint_id;
    if (this.complete || !oldest) return this.laidOut;
    const page = await this.gateway.getHistory(this.threadId, { limit: this.pageSize, before: oldest });
    this.entries = this.entries.concat(page);
    this.complete = page.length < this.pageSize;
    return this.layOut();
  }

  /** Every row read so far: the head line first, then the other lines. */
  rows(): CheckpointRow[] {
    const { head, forks, detached } = this.laidOut;
    return [head, ...[...forks.values()].flat(), ...detached].flat();
  }

  /** A row read so far, by checkpoint id. */
  row(checkpointId: string): CheckpointRow | undefined {
    return this.rows().find((r) => r.id === checkpointId);
  }

  private layOut(): Timeline {
    this.laidOut = buildTimeline(this.entries);
    return this.laidOut;
  }
}
