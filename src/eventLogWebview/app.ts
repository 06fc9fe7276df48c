/**
 * The event log page: a toolbar (the run shown, a text filter, the stream modes picked, how many events
 * match) over the windowed list of the run's events. The host sends rows; an event's JSON is asked for
 * when its row opens, and Copy asks the host to put it on the clipboard.
 */
import { el } from "../common/dom";
import type { WebviewHostApi } from "../common/webviewHostApi";
import { STREAM_MODE_NAMES, type StreamModeName } from "../common/streamModes";
import type { EventLogPersistedState, EventLogToHost, EventRowView, EventRunView, HostToEventLog } from "../protocol/eventLogProtocol";
import { fill, pageText } from "./pageText";
import { RowWindow } from "./rowWindow";

export type EventLogHostApi = WebviewHostApi<EventLogToHost, EventLogPersistedState>;

const PICKABLE = new Set<string>(STREAM_MODE_NAMES);

export class EventLogApp {
  private rows: EventRowView[] = [];
  private shown: EventRowView[] = [];
  private runKey: string | undefined;
  private filter = "";
  private readonly modes = new Set<StreamModeName>(STREAM_MODE_NAMES);
  private readonly list: RowWindow;
  private readonly title = el("span", { className: "event-title" });
  private readonly runPicker = el("select", { className: "event-run", attrs: { "aria-label": pageText().run } });
  private readonly filterInput = el("input", { className: "event-filter", attrs: { type: "search", placeholder: pageText().filter, "aria-label": pageText().filter } });
  private readonly count = el("span", { className: "event-count", attrs: { "aria-live": "polite" } });
  private readonly note = el("div", { className: "event-note" });
  private readonly modeBoxes = new Map<StreamModeName, HTMLInputElement>();
  private frame: number | undefined;

  constructor(
    root: HTMLElement,
    private readonly api: EventLogHostApi,
  ) {
    this.list = new RowWindow({ toggle: (row) => this.toggle(row), copy: (row) => this.copy(row) }, () => this.schedule());
    const modePicker = el("div", { className: "event-modes", attrs: { role: "group", "aria-label": pageText().streamModes } });
    for (const mode of STREAM_MODE_NAMES) {
      const box = el("input", { attrs: { type: "checkbox", "data-mode": mode } });
      box.checked = true;
      box.addEventListener("change", () => this.modesChanged());
      this.modeBoxes.set(mode, box);
      modePicker.append(el("label", { className: "event-mode-choice" }, box, mode));
    }
    this.runPicker.addEventListener("change", () => {
      if (this.runPicker.value) this.api.postMessage({ type: "selectRun", runKey: this.runPicker.value });
    });
    this.filterInput.addEventListener("input", () => {
      this.filter = this.filterInput.value.trim().toLowerCase();
      this.refilter();
    });
    this.note.hidden = true;
    const toolbar = el("div", { className: "event-toolbar" }, this.title, this.runPicker, this.filterInput, this.count);
    root.append(el("div", { className: "event-log" }, toolbar, modePicker, this.note, this.list.element));
  }

  handle(message: HostToEventLog): void {
    switch (message.type) {
      case "snapshot":
        this.api.setState({ threadId: message.threadId });
        this.title.textContent = message.title;
        this.note.textContent = message.note ?? "";
        this.note.hidden = !message.note;
        this.modes.clear();
        for (const mode of message.modes) this.modes.add(mode);
        for (const [mode, box] of this.modeBoxes) box.checked = this.modes.has(mode);
        this.setRuns(message.runs, message.runKey);
        if (this.runKey !== message.runKey) this.list.setOpen(undefined);
        this.runKey = message.runKey;
        this.rows = message.rows;
        this.refilter();
        return;
      case "runs":
        this.setRuns(message.runs, this.runKey);
        return;
      case "rows": {
        if (message.runKey !== this.runKey) return;
        const follow = this.list.atEnd;
        this.rows.push(...message.rows);
        const matching = message.rows.filter((row) => this.matches(row));
        if (matching.length) {
          this.shown.push(...matching);
          this.list.setRows(this.shown);
          if (follow) this.list.scrollToEnd();
        }
        this.updateCount();
        return;
      }
      case "detail":
        if (message.runKey === this.runKey) this.list.setDetail(message.seq, message.json);
        return;
    }
  }

  private setRuns(runs: EventRunView[], selected: string | undefined): void {
    this.runPicker.replaceChildren(...runs.map((run) => el("option", { text: run.label, attrs: { value: run.key } })));
    if (!runs.length) this.runPicker.append(el("option", { text: pageText().noRuns, attrs: { value: "" } }));
    this.runPicker.value = selected ?? "";
  }

  private modesChanged(): void {
    this.modes.clear();
    for (const [mode, box] of this.modeBoxes) if (box.checked) this.modes.add(mode);
    this.api.postMessage({ type: "setModes", modes: STREAM_MODE_NAMES.filter((mode) => this.modes.has(mode)) });
    this.refilter();
  }

  private matches(row: EventRowView): boolean {
    if (PICKABLE.has(row.mode) && !this.modes.has(row.mode as StreamModeName)) return false;
    if (!this.filter) return true;
    return `${row.mode}\n${row.namespace}\n${row.node}\n${row.summary}`.toLowerCase().includes(this.filter);
  }

  private refilter(): void {
    this.shown = this.rows.filter((row) => this.matches(row));
    const open = this.list.openSeq;
    if (open !== undefined && !this.shown.some((row) => row.seq === open)) this.list.setOpen(undefined);
    this.list.setRows(this.shown);
    this.updateCount();
  }

  private updateCount(): void {
    const text = pageText();
    const all = this.rows.length;
    this.count.textContent = this.shown.length !== all ? fill(text.someOfEvents, this.shown.length, all) : all === 1 ? text.oneEvent : fill(text.events, all);
  }

  private toggle(row: EventRowView): void {
    if (!this.runKey) return;
    if (this.list.openSeq === row.seq) {
      this.list.setOpen(undefined);
      return;
    }
    this.list.setOpen(row.seq);
    this.api.postMessage({ type: "expand", runKey: this.runKey, seq: row.seq });
  }

  private copy(row: EventRowView): void {
    if (this.runKey) this.api.postMessage({ type: "copy", runKey: this.runKey, seq: row.seq });
  }

  /** DOM work happens in animation frames, however many messages arrive in between. */
  private schedule(): void {
    this.frame ??= window.requestAnimationFrame(() => {
      this.frame = undefined;
      this.list.render();
    });
  }
}
