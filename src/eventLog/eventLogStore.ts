/**
 * Every event of the runs the chat panels stream, kept per thread (the last few runs of the last few
 * threads, and a bounded number of events in all), and the stream modes each thread's event log asks
 * for. Recording is one push per event: rows are made only when a log shows them. Free of `vscode`, so
 * tests drive it directly.
 */
import { Emitter } from "../common/emitter";
import { STREAM_MODE_NAMES, type StreamModeName } from "../common/streamModes";
import type { EventRowView } from "../protocol/eventLogProtocol";
import { eventRow, type LoggedEvent } from "./eventRows";

export interface EventLogLimits {
  threads: number;
  runsPerThread: number;
  /**
   * Events kept in all. A full store lets its oldest runs go; a run that alone fills it counts its
   * further events without keeping them. With every mode streamed an event holds about 1.6 KiB
   * (`npm run bench`), so the default bounds the log near 160 MiB of the extension host's heap.
   */
  events: number;
}

const DEFAULT_LIMITS: EventLogLimits = { threads: 20, runsPerThread: 10, events: 100_000 };
/** What the chat streams anyway: asking for them again changes nothing. */
const CHAT_MODES: readonly StreamModeName[] = ["messages-tuple", "updates", "custom"];

export interface RunLog {
  /** The run id, or a local key until the server names the run. */
  key: string;
  runId?: string;
  assistantId: string;
  startedAt: number;
  events: LoggedEvent[];
  /** Rows of the first events, made when a log first showed them (a reopened log reuses them). */
  rows: EventRowView[];
  /** Events counted but not kept: the store was full with this run alone. */
  dropped: number;
}

/** The run's rows, made for the events that have none yet. */
export function rowsOf(run: RunLog): EventRowView[] {
  for (let seq = run.rows.length; seq < run.events.length; seq++) run.rows.push(eventRow(run.events[seq], seq));
  return run.rows;
}

export interface RecordedEvent {
  threadId: string;
  run: RunLog;
  /** The event's place in the run; -1 when it was dropped. */
  seq: number;
  /** A new run began with this event. */
  newRun: boolean;
}

export class EventLogStore {
  private readonly threads = new Map<string, RunLog[]>();
  private readonly picked = new Map<string, Set<StreamModeName>>();
  private readonly openLogs = new Map<string, number>();
  private readonly recorded = new Emitter<RecordedEvent>();
  readonly onDidRecord = this.recorded.event;
  private readonly letGo = new Emitter<string>();
  /** A thread's oldest run was let go to make room for another thread's events. */
  readonly onDidLetGo = this.letGo.event;
  private localKeys = 0;
  /** Events kept across every run. */
  private kept = 0;

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly limits: EventLogLimits = DEFAULT_LIMITS,
  ) {}

  /** One event of a run streaming on `threadId`, exactly as the gateway yielded it. */
  record(threadId: string, assistantId: string, runId: string | undefined, part: { event: string; data: unknown }): void {
    const { run, newRun } = this.runFor(threadId, assistantId, runId);
    let seq = -1;
    if (this.kept < this.limits.events || this.letOldestGo(run)) {
      seq = run.events.push({ time: this.clock(), event: part.event, data: part.data }) - 1;
      this.kept++;
    } else run.dropped++;
    this.recorded.fire({ threadId, run, seq, newRun });
  }

  runs(threadId: string): readonly RunLog[] {
    return this.threads.get(threadId) ?? [];
  }

  run(threadId: string, key: string): RunLog | undefined {
    return this.runs(threadId).find((run) => run.key === key);
  }

  /** The modes a thread's log shows (all of them until it picks). */
  modes(threadId: string): StreamModeName[] {
    const picked = this.picked.get(threadId);
    return STREAM_MODE_NAMES.filter((mode) => !picked || picked.has(mode));
  }

  pick(threadId: string, modes: readonly StreamModeName[]): void {
    this.picked.set(threadId, new Set(modes));
  }

  /** A log of the thread opened (or closed): only then do its runs stream more than the chat's modes. */
  setOpen(threadId: string, open: boolean): void {
    const count = (this.openLogs.get(threadId) ?? 0) + (open ? 1 : -1);
    if (count > 0) this.openLogs.set(threadId, count);
    else this.openLogs.delete(threadId);
  }

  /** What a run on the thread streams beyond the chat's modes. */
  extraModes(threadId: string): StreamModeName[] {
    if (!this.openLogs.has(threadId)) return [];
    return this.modes(threadId).filter((mode) => !CHAT_MODES.includes(mode));
  }

  /** Frees room by letting the oldest run other than `keep` go; false when `keep` is all there is. */
  private letOldestGo(keep: RunLog): boolean {
    let oldest: { threadId: string; runs: RunLog[]; index: number } | undefined;
    for (const [threadId, runs] of this.threads) {
      runs.forEach((run, index) => {
        if (run !== keep && run.events.length && (!oldest || run.startedAt < oldest.runs[oldest.index].startedAt)) oldest = { threadId, runs, index };
      });
    }
    if (!oldest) return false;
    this.forget(oldest.runs.splice(oldest.index, 1));
    this.letGo.fire(oldest.threadId);
    return true;
  }

  private forget(runs: readonly RunLog[]): void {
    for (const run of runs) this.kept -= run.events.length;
  }

  private runFor(threadId: string, assistantId: string, runId: string | undefined): { run: RunLog; newRun: boolean } {
    let runs = this.threads.get(threadId);
    if (!runs) {
      runs = [];
      this.threads.set(threadId, runs);
      for (const [oldest, oldRuns] of this.threads) {
        if (this.threads.size <= this.limits.threads) break;
        this.forget(oldRuns);
        this.threads.delete(oldest);
      }
    }
    const existing = runId === undefined ? undefined : runs.find((run) => run.runId === runId);
    if (existing) return { run: existing, newRun: false };
    const last = runs.at(-1);
    // Events that came before the server named the run belong to it.
    if (last && !last.runId && (runId === undefined || last.assistantId === assistantId)) {
      last.runId ??= runId;
      return { run: last, newRun: false };
    }
    const run: RunLog = { key: runId ?? `local-${++this.localKeys}`, runId, assistantId, startedAt: this.clock(), events: [], rows: [], dropped: 0 };
    runs.push(run);
    if (runs.length > this.limits.runsPerThread) this.forget(runs.splice(0, 1));
    return { run, newRun: true };
  }
}
