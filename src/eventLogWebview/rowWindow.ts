/**
 * The event list, windowed: rows have one height, so only those in view (and a few around) are in the
 * DOM, however many events the run has. One row at a time is open, with its JSON under it; the rows
 * after it move down by the height of that JSON.
 */
import { el, icon, iconButton, jsonText } from "../common/dom";
import type { EventRowView } from "../protocol/eventLogProtocol";
import { pageText } from "./pageText";

const ROW_HEIGHT = 22;
const OVERSCAN = 8;
/** When the page has no layout yet (or none at all, as in tests), this much is taken to be in view. */
const FALLBACK_VIEW_HEIGHT = 600;

export interface RowWindowActions {
  toggle(row: EventRowView): void;
  copy(row: EventRowView): void;
}

export class RowWindow {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private rows: readonly EventRowView[] = [];
  private open: { seq: number; json?: string } | undefined;
  private detailHeight = 0;
  private toEnd = false;

  constructor(
    private readonly actions: RowWindowActions,
    private readonly schedule: () => void,
  ) {
    this.spacer = el("div", { className: "event-spacer", attrs: { role: "rowgroup" } });
    this.element = el("div", { className: "event-viewport", attrs: { role: "grid", tabindex: "-1", "aria-label": pageText().eventList } }, this.spacer);
    this.element.addEventListener("scroll", () => this.schedule(), { passive: true });
  }

  setRows(rows: readonly EventRowView[]): void {
    this.rows = rows;
    this.schedule();
  }

  get openSeq(): number | undefined {
    return this.open?.seq;
  }

  setOpen(seq: number | undefined): void {
    this.open = seq === undefined ? undefined : { seq };
    this.detailHeight = 0;
    this.schedule();
  }

  setDetail(seq: number, json: string): void {
    if (this.open?.seq !== seq) return;
    this.open.json = json;
    this.schedule();
  }

  /** Whether the list is scrolled to its end (new rows then keep it there). */
  get atEnd(): boolean {
    return this.totalHeight() - (this.element.scrollTop + this.viewHeight()) <= ROW_HEIGHT;
  }

  /** At the next frame, once the new rows count, the list scrolls to its end. */
  scrollToEnd(): void {
    this.toEnd = true;
    this.schedule();
  }

  /** Draws the rows in view; called once per animation frame at most. */
  render(): void {
    const rows = this.rows;
    const openIndex = this.open ? rows.findIndex((row) => row.seq === this.open?.seq) : -1;
    const extra = openIndex >= 0 ? this.detailHeight : 0;
    const viewHeight = this.viewHeight();
    this.spacer.style.height = `${this.totalHeight()}px`;
    if (this.toEnd) this.element.scrollTop = Math.max(0, this.totalHeight() - viewHeight);
    this.toEnd = false;
    const scrollTop = this.element.scrollTop;
    let first = Math.floor(scrollTop / ROW_HEIGHT);
    if (openIndex >= 0 && first > openIndex) first = Math.max(openIndex, Math.floor((scrollTop - extra) / ROW_HEIGHT));
    const start = Math.max(0, first - OVERSCAN);
    const end = Math.min(rows.length, first + Math.ceil(viewHeight / ROW_HEIGHT) + OVERSCAN);
    const children: HTMLElement[] = [];
    for (let i = start; i < end; i++) {
      const row = rows[i];
      const top = i * ROW_HEIGHT + (openIndex >= 0 && i > openIndex ? extra : 0);
      children.push(this.rowElement(row, top, i === openIndex));
      if (i === openIndex) children.push(this.detailElement(top + ROW_HEIGHT));
    }
    this.spacer.replaceChildren(...children);
    if (openIndex >= 0) this.measureDetail();
  }

  private viewHeight(): number {
    return this.element.clientHeight || FALLBACK_VIEW_HEIGHT;
  }

  private totalHeight(): number {
    const open = this.open ? this.rows.some((row) => row.seq === this.open?.seq) : false;
    return this.rows.length * ROW_HEIGHT + (open ? this.detailHeight : 0);
  }

  private rowElement(row: EventRowView, top: number, open: boolean): HTMLElement {
    const copy = iconButton("copy", pageText().copyAsJson, "icon-button event-copy");
    copy.addEventListener("click", (event) => {
      event.stopPropagation();
      this.actions.copy(row);
    });
    const element = el(
      "div",
      { className: `event-row${open ? " open" : ""}`, attrs: { role: "row", tabindex: "0", "aria-expanded": String(open), "data-seq": String(row.seq) } },
      icon(open ? "chevron-down" : "chevron-right", "event-chevron"),
      el("span", { className: "event-time", text: timeText(row.time) }),
      el("span", { className: `event-mode mode-${row.mode.replace(/[^a-z-]/g, "")}`, text: row.mode }),
      el("span", { className: "event-ns", text: row.namespace, attrs: { title: row.namespace } }),
      el("span", { className: "event-node", text: row.node, attrs: { title: row.node } }),
      el("span", { className: "event-summary", text: row.summary, attrs: { title: row.summary } }),
      copy,
    );
    element.style.top = `${top}px`;
    element.addEventListener("click", () => this.actions.toggle(row));
    element.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        this.actions.toggle(row);
      }
    });
    return element;
  }

  private detailElement(top: number): HTMLElement {
    const json = this.open?.json;
    const detail = el("pre", { className: `event-detail${json === undefined ? " loading" : ""}`, text: json === undefined ? pageText().loading : jsonText(json) });
    detail.style.top = `${top}px`;
    return detail;
  }

  /** The open row's JSON has its height only once it is in the page: the rows after it move by it. */
  private measureDetail(): void {
    const detail = this.spacer.querySelector<HTMLElement>(".event-detail");
    const height = detail?.offsetHeight ?? 0;
    if (height !== this.detailHeight) {
      this.detailHeight = height;
      this.schedule();
    }
  }
}

function timeText(time: number): string {
  const date = new Date(time);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
