/**
 * Scenario 6: the event log.
 *
 * - Opening the log of a real 10,000-event run (the `echo` graph streaming every mode): the host builds
 *   its snapshot, it crosses as a structured copy, and the real `dist/eventLogWebview.js` (jsdom, 60 Hz
 *   frame clock) draws its first screen of rows. Goal: < 100 ms.
 * - Host CPU per streamed event: a chat panel with the thread's log open (every mode streamed, each event
 *   recorded, rows posted to a JSON-serialising sink) vs the chat stream alone (its own three modes).
 *   Goal: ≤ 1.5×.
 * - Host memory the log keeps for that run (its events and rows), measured by letting them go.
 */
import type { Client } from "@langchain/langgraph-sdk";
import { join } from "node:path";
import { STREAM_MODE_NAMES } from "../src/common/streamModes";
import { EventLogSession } from "../src/eventLog/eventLogSession";
import { EventLogStore } from "../src/eventLog/eventLogStore";
import type { HostToWebview } from "../src/protocol/chatProtocol";
import type { HostToEventLog } from "../src/protocol/eventLogProtocol";
import type { BenchContext } from "./openThread";
import { goals, row, type Row } from "./results";
import { createSession, defaultAssistantId } from "./session";
import { alternating, cpuMs, median, now, settledHeap } from "./stats";
import { openWebview } from "./webviewPage";

const EVENTS = 10_000;
const numbered = (words: number) => Array.from({ length: words }, (_, i) => `w${i + 1}`).join(" ");

interface StreamTrace {
  events: number;
  cpuMs: number;
}

/** Wraps `client.runs.stream` so every stream it returns counts its events and the process CPU while it is read. */
function instrument(client: Client): { last(): StreamTrace } {
  const runs = client.runs as unknown as { stream: (...args: unknown[]) => AsyncGenerator<unknown> };
  const original = runs.stream.bind(client.runs);
  let trace: StreamTrace = { events: 0, cpuMs: 0 };
  runs.stream = (...args: unknown[]) => {
    const current: StreamTrace = { events: 0, cpuMs: 0 };
    trace = current;
    return (async function* traced() {
      const start = cpuMs();
      try {
        for await (const part of original(...args)) {
          current.events++;
          yield part;
        }
      } finally {
        current.cpuMs = cpuMs() - start;
      }
    })();
  };
  return { last: () => trace };
}

interface LoggedChat {
  store: EventLogStore;
  send(text: string): Promise<void>;
  open(post: (message: HostToEventLog) => void): EventLogSession;
  threadId(): string;
}

/** A chat panel on a new thread whose run events feed an event log store, as extension.ts wires them. */
async function loggedChat(ctx: BenchContext, client: Client, assistantId: string, withLog: boolean): Promise<LoggedChat> {
  const store = new EventLogStore();
  const thread = await client.threads.create({ metadata: { title: "event log" } });
  const { session, errors } = createSession({
    url: ctx.url,
    client,
    threadId: thread.thread_id,
    post: (message: HostToWebview) => void JSON.stringify(message),
    streamModes: withLog ? (id) => store.extraModes(id) : undefined,
    onRunEvent: (assistant, threadId, part, runId) => store.record(threadId, assistant, runId, part),
  });
  await session.load();
  return {
    store,
    threadId: () => thread.thread_id,
    send: async (text) => {
      await session.send(text, assistantId);
      if (errors.length) throw new Error(errors.join("; "));
    },
    open: (post) =>
      new EventLogSession({ store, post, copy: async () => undefined, title: () => "bench", runLabel: (run) => run.key, truncatedNote: () => "" }, thread.thread_id),
  };
}

/** Opens the log's page on the run and waits for the frame that draws its first rows. */
async function openOnce(ctx: BenchContext, log: EventLogSession, bundle: string): Promise<{ totalMs: number; snapshotMs: number; rows: number; drawn: number }> {
  const page = openWebview(bundle);
  try {
    const drawn = new Promise<number>((resolve) => {
      const stop = page.onFrame((frame) => {
        if (!page.document.querySelector(".event-row")) return;
        stop();
        resolve(frame.end);
      });
    });
    const start = now();
    const snapshot = log.snapshot();
    const snapshotMs = now() - start;
    page.send(structuredClone(snapshot) as unknown as HostToWebview);
    const end = await drawn;
    if (page.errors.length) throw new Error(page.errors.join("; "));
    const rows = snapshot.type === "snapshot" ? snapshot.rows.length : 0;
    return { totalMs: end - start, snapshotMs, rows, drawn: page.document.querySelectorAll(".event-row").length };
  } finally {
    page.close();
  }
}

/** Heap held by a run's log: its rows, then its events (the stream parts as the SDK parsed them). The run is emptied. */
async function heldMiB(run: { events: unknown[]; rows: unknown[] }) {
  const counts = { events: run.events.length, rows: run.rows.length };
  const release = async (drop: () => void) => {
    const held = await settledHeap();
    drop();
    return (held - (await settledHeap())) / 2 ** 20;
  };
  const rowsMiB = await release(() => (run.rows.length = 0));
  const eventsMiB = await release(() => (run.events.length = 0));
  return { ...counts, rowsMiB, eventsMiB, logMiB: rowsMiB + eventsMiB };
}

export async function benchEventLog(ctx: BenchContext, client: Client, root: string, samples = { open: 7, cpu: 4 }): Promise<Row[]> {
  const scenario = "6 event log";
  const tracer = instrument(client);
  const assistantId = await defaultAssistantId(client, "echo");
  const bundle = join(root, "dist/eventLogWebview.js");

  // A real run of at least 10,000 events, every mode streamed.
  const long = await loggedChat(ctx, client, assistantId, true);
  const log = long.open(() => undefined);
  await long.send("warm up");
  // Words per event measured on a first run, then runs a little longer until one has 10,000 events.
  let words = 2000;
  await long.send(numbered(words));
  let events = long.store.runs(long.threadId()).at(-1)?.events.length ?? 0;
  words = Math.ceil((words * EVENTS) / Math.max(events, 1));
  for (;;) {
    await long.send(numbered(words));
    events = long.store.runs(long.threadId()).at(-1)?.events.length ?? 0;
    if (events >= EVENTS) break;
    words = Math.ceil(words * 1.02);
  }
  const run = long.store.runs(long.threadId()).at(-1)!;
  ctx.log(`a run of ${run.events.length} events (${words} words, modes ${STREAM_MODE_NAMES.join(", ")})`);
  const opens = [];
  await openOnce(ctx, log, bundle); // warm-up
  for (let i = 0; i < samples.open; i++) opens.push(await openOnce(ctx, log, bundle));
  // A log first opened after such a run makes its rows then (they are kept for the next open).
  const cold = [];
  for (let i = 0; i < samples.open; i++) {
    run.rows.length = 0;
    cold.push(await openOnce(ctx, log, bundle));
  }
  log.dispose();
  const memory = await heldMiB(run);

  // Host CPU per event: the chat alone vs the chat with its log open, alternating.
  const text = numbered(2000);
  const perEvent = async (withLog: boolean) => {
    const chat = await loggedChat(ctx, client, assistantId, withLog);
    const open = withLog ? chat.open((message) => void JSON.stringify(message)) : undefined;
    await chat.send(text);
    open?.dispose();
    const trace = tracer.last();
    return { usPerEvent: (trace.cpuMs / trace.events) * 1000, events: trace.events };
  };
  const { ext: logged, raw: chatOnly } = await alternating(samples.cpu, () => perEvent(true), () => perEvent(false));

  return [
    row({
      scenario,
      metric: `open the log of a ${memory.events}-event run → first screen`,
      unit: "ms",
      extension: median(opens.map((o) => o.totalMs)),
      goal: goals.below(100, "ms"),
      note:
        `the log was open while the run streamed, so its rows were made then: host snapshot (${opens[0].rows} rows) ${median(opens.map((o) => o.snapshotMs)).toFixed(1)} ms, then a structured copy, the page's handling and the frame that draws ` +
        `${opens[0].drawn} rows (60 Hz clock: up to 16.7 ms of it is waiting for the frame); ${samples.open} samples.`,
    }),
    row({
      scenario,
      metric: `same, rows made on opening`,
      unit: "ms",
      extension: median(cold.map((o) => o.totalMs)),
      note: `the rows of the ${memory.events} events made when the log opens (host snapshot ${median(cold.map((o) => o.snapshotMs)).toFixed(1)} ms of it); ${samples.open} samples.`,
    }),
    row({
      scenario,
      metric: `host memory the log keeps for that run`,
      unit: "MiB",
      extension: memory.logMiB,
      note:
        `the ${memory.events} events of all 8 modes (the stream parts as the SDK parsed them, kept as they are: ${memory.eventsMiB.toFixed(1)} MiB) and their ${memory.rows} rows ` +
        `(${memory.rowsMiB.toFixed(1)} MiB): ${((memory.logMiB * 1024) / memory.events).toFixed(2)} KiB per event. The store keeps at most 10 runs of each of 20 threads.`,
    }),
    row({
      scenario,
      metric: "host CPU per streamed event, log open",
      unit: "µs",
      extension: median(logged.map((r) => r.usPerEvent)),
      raw: median(chatOnly.map((r) => r.usPerEvent)),
      goal: goals.ratioAtMost(1.5),
      note:
        `process CPU while the stream is read, / events. Extension = ChatSession with the thread's log open (all 8 modes, ~${median(logged.map((r) => r.events))} events per run, rows posted to a JSON-serialising sink); ` +
        `Raw column = the chat stream alone (its 3 modes, ~${median(chatOnly.map((r) => r.events))} events per run). ${samples.cpu} runs each, alternating.`,
    }),
  ];
}
