/**
 * One thread's event log page: the runs it can show, the rows of the one it shows (new rows batched,
 * at most one message per `BATCH_MS`), an event's JSON when the page opens or copies it, and the modes
 * the page picks. Free of `vscode`: the panel supplies posting, the clipboard and the labels.
 */
import type { Subscription } from "../common/emitter";
import type { EventLogToHost, EventRowView, EventRunView, HostToEventLog } from "../protocol/eventLogProtocol";
import { rowsOf, type EventLogStore, type RecordedEvent, type RunLog } from "./eventLogStore";

const BATCH_MS = 50;
/** An event's JSON shown in the page is cut here; Copy gives all of it. */
const MAX_DETAIL_CHARS = 256 * 1024;

export interface EventLogSessionDeps {
  store: EventLogStore;
  post(message: HostToEventLog): void;
  copy(json: string): Promise<void>;
  title(): string;
  runLabel(run: RunLog): string;
  /** What the page should know about modes this server cannot stream. */
  note?(): Promise<string | undefined>;
  truncatedNote(shown: number, total: number): string;
}

export class EventLogSession {
  /** The run shown; undefined follows the latest. */
  private chosen: string | undefined;
  /** The shown run, and how many of its rows the page has. */
  private sent: { run: RunLog; rows: number } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: Subscription[];
  private modeNote: string | undefined;

  constructor(
    private readonly deps: EventLogSessionDeps,
    readonly threadId: string,
  ) {
    deps.store.setOpen(threadId, true);
    this.subscriptions = [
      deps.store.onDidRecord((recorded) => this.recorded(recorded)),
      // Another thread's events made the store let one of this thread's runs go: the picker drops it.
      deps.store.onDidLetGo((threadId) => threadId === this.threadId && deps.post({ type: "runs", runs: this.runViews() })),
    ];
    void deps.note?.().then((note) => {
      this.modeNote = note;
      if (note) deps.post(this.snapshot());
    });
  }

  snapshot(): HostToEventLog {
    this.dropPending();
    const run = this.shownRun();
    const rows = run ? rowsOf(run).slice() : [];
    this.sent = run && { run, rows: rows.length };
    return {
      type: "snapshot",
      threadId: this.threadId,
      title: this.deps.title(),
      runs: this.runViews(),
      runKey: run?.key,
      rows,
      modes: this.deps.store.modes(this.threadId),
      note: this.modeNote,
    };
  }

  async handle(message: Exclude<EventLogToHost, { type: "ready" }>): Promise<void> {
    switch (message.type) {
      case "selectRun": {
        const latest = this.deps.store.runs(this.threadId).at(-1);
        this.chosen = message.runKey === latest?.key ? undefined : message.runKey;
        this.deps.post(this.snapshot());
        return;
      }
      case "setModes":
        this.deps.store.pick(this.threadId, message.modes);
        return;
      case "expand": {
        const json = this.eventJson(message.runKey, message.seq);
        if (json === undefined) return;
        const shown = json.length > MAX_DETAIL_CHARS ? `${json.slice(0, MAX_DETAIL_CHARS)}\n… ${this.deps.truncatedNote(MAX_DETAIL_CHARS, json.length)}` : json;
        this.deps.post({ type: "detail", runKey: message.runKey, seq: message.seq, json: shown });
        return;
      }
      case "copy": {
        const json = this.eventJson(message.runKey, message.seq);
        if (json !== undefined) await this.deps.copy(json);
        return;
      }
    }
  }

  dispose(): void {
    this.dropPending();
    this.sent = undefined;
    for (const subscription of this.subscriptions) subscription.dispose();
    this.deps.store.setOpen(this.threadId, false);
  }

  private recorded({ threadId, run, seq, newRun }: RecordedEvent): void {
    if (threadId !== this.threadId) return;
    if (newRun) {
      // Following the latest run: the page moves onto the new one; otherwise it learns there is one.
      if (this.chosen === undefined) this.deps.post(this.snapshot());
      else this.deps.post({ type: "runs", runs: this.runViews() });
      return;
    }
    // The first event the full store could not keep: the run's label says from here on that some are missing.
    if (seq < 0 && run.dropped === 1) this.deps.post({ type: "runs", runs: this.runViews() });
    if (seq < 0 || run !== this.sent?.run) return;
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  /** The rows the page does not have yet, in one message. */
  private flush(): void {
    this.timer = undefined;
    const sent = this.sent;
    if (!sent) return;
    const rows: EventRowView[] = rowsOf(sent.run).slice(sent.rows);
    if (!rows.length) return;
    sent.rows += rows.length;
    this.deps.post({ type: "rows", runKey: sent.run.key, rows });
  }

  private dropPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private shownRun(): RunLog | undefined {
    const runs = this.deps.store.runs(this.threadId);
    return (this.chosen === undefined ? undefined : runs.find((run) => run.key === this.chosen)) ?? runs.at(-1);
  }

  private runViews(): EventRunView[] {
    return this.deps.store.runs(this.threadId).map((run) => ({ key: run.key, label: this.deps.runLabel(run), events: run.events.length + run.dropped }));
  }

  private eventJson(runKey: string, seq: number): string | undefined {
    const event = this.deps.store.run(this.threadId, runKey)?.events[seq];
    if (!event) return undefined;
    try {
      return JSON.stringify({ event: event.event, data: event.data }, null, 2);
    } catch (error) {
      return JSON.stringify({ event: event.event, error: String(error) }, null, 2);
    }
  }
}
