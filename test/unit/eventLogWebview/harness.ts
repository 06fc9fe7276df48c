/**
 * Test harness for the event log page: builds the real bundle from `src/eventLogWebview/main.ts` (with
 * the options of its `esbuild.mjs` entry) once per process and loads it into a fresh jsdom page per
 * test, with a recording stand-in for `acquireVsCodeApi`. jsdom does no layout: the list's height is given.
 */
import type { DOMWindow } from "jsdom";
import path from "node:path";
import type { EventLogPersistedState, EventLogToHost, EventRowView, HostToEventLog } from "../../../src/protocol/eventLogProtocol";
import { buildBrowserBundle, domQueries, loadBundle } from "../jsdomBundle";

const entry = path.resolve(__dirname, "../../../src/eventLogWebview/main.ts");
let bundle: Promise<string> | undefined;

export interface EventLogPage {
  window: DOMWindow;
  document: Document;
  posted: EventLogToHost[];
  state: EventLogPersistedState | undefined;
  errors: string[];
  send(...messages: HostToEventLog[]): void;
  /** Resolves after the page's next animation frame. */
  frame(): Promise<void>;
  $(selector: string): HTMLElement;
  $$(selector: string): HTMLElement[];
  close(): void;
}

/** `app`: the page's `<div id="app">` as the host writes it (with its text); an empty one by default. */
export async function openEventLogPage(viewHeight = 440, app?: string): Promise<EventLogPage> {
  bundle ??= buildBrowserBundle({ entryPoints: [entry] });
  const code = await bundle;
  const page = { posted: [], state: undefined } as unknown as EventLogPage;
  const { window, errors } = loadBundle(code, page, {
    title: "events",
    app,
    pretendToBeVisual: true,
    beforeParse(window) {
      Object.defineProperty(window.HTMLElement.prototype, "clientHeight", {
        configurable: true,
        get(this: HTMLElement) {
          return this.classList.contains("event-viewport") ? viewHeight : 0;
        },
      });
    },
  });
  Object.assign(page, {
    window,
    document: window.document,
    errors,
    send(...messages: HostToEventLog[]) {
      for (const message of messages) window.dispatchEvent(new window.MessageEvent("message", { data: structuredClone(message) }));
    },
    frame: () => new Promise<void>((resolve) => window.requestAnimationFrame(() => setTimeout(resolve, 0))),
    ...domQueries(window.document),
    close: () => window.close(),
  });
  return page;
}

/** `count` rows cycling through modes and nodes, as a long run produces them. */
export function manyRows(count: number, from = 0): EventRowView[] {
  const modes = ["messages-tuple", "updates", "debug", "tasks", "checkpoints", "custom", "events", "values"];
  return Array.from({ length: count }, (_, i) => {
    const seq = from + i;
    return { seq, time: 1_700_000_000_000 + seq, mode: modes[seq % modes.length], namespace: seq % 3 === 0 ? "researcher" : "", node: `node-${seq % 10}`, summary: `event number ${seq}` };
  });
}

export function snapshot(rows: EventRowView[], overrides: Partial<Extract<HostToEventLog, { type: "snapshot" }>> = {}): HostToEventLog {
  return {
    type: "snapshot",
    threadId: "thread-1",
    title: "A thread",
    runs: [{ key: "run-1", label: "12:00 · agent · run run-1", events: rows.length }],
    runKey: "run-1",
    rows,
    modes: ["values", "updates", "messages-tuple", "debug", "tasks", "checkpoints", "custom", "events"],
    ...overrides,
  };
}
