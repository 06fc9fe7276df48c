/**
 * Scenario 1: opening a long thread in a chat panel.
 * Extension path: `ChatSession.load()` until it posts the loaded snapshot, then that snapshot delivered
 * to the real webview bundle (in a worker) and rendered until the last message is in the DOM.
 * Raw path: one `client.threads.getState(threadId)`.
 */
import type { Client } from "@langchain/langgraph-sdk";
import type { ChatSession } from "../src/chat/chatSession";
import { goals, row, type Row } from "./results";
import { conversation, seedThread } from "./seed";
import { createSession } from "./session";
import { alternating, median, now, settledHeap, timed } from "./stats";
import type { WebviewHost } from "./webviewHost";

export interface BenchContext {
  url: string;
  client: Client;
  webview: WebviewHost;
  log(line: string): void;
}

interface Opened {
  bootMs: number;
  /** load() called -> loaded snapshot posted. */
  loadMs: number;
  /** Snapshot posted -> last message in the DOM (copy to the webview, frame wait, render). */
  renderMs: number;
  /** load() resolved (its history read included). */
  settledMs: number;
  messages: number;
}

const RENDER_TIMEOUT_MS = 180_000;

/**
 * Opens `threadId` as a new panel does and leaves the page open (the caller closes it);
 * `beforeLoad` runs once the page is up, before the session starts loading.
 */
export async function openInPanel(ctx: BenchContext, threadId: string, beforeLoad?: () => Promise<void>): Promise<Opened> {
  const { bootMs } = await ctx.webview.open();
  await beforeLoad?.();
  let posted: number | undefined;
  let expected: { count: number; lastId: string } | undefined;
  let resolveRendered!: (end: number) => void;
  let rejectRendered!: (error: Error) => void;
  const rendered = new Promise<number>((resolve, reject) => {
    resolveRendered = resolve;
    rejectRendered = reject;
  });
  // The list is windowed: the thread is on screen once its last message is rendered (older ones load on scroll).
  const stop = ctx.webview.onFrame((frame) => {
    if (expected && frame.articles > 0 && frame.lastMessageId === expected.lastId) {
      expected = undefined;
      resolveRendered(frame.end);
    }
  });
  const { session, errors } = createSession({
    url: ctx.url,
    client: ctx.client,
    threadId,
    post: (message) => {
      if (message.type === "snapshot" && !message.loading && posted === undefined) {
        posted = now();
        expected = { count: message.messages.length, lastId: message.messages.at(-1)?.id ?? "" };
        if (message.error) rejectRendered(new Error(`the loaded snapshot carries an error: ${message.error.message}; ${errors.join("; ")}`));
      }
      ctx.webview.send(message);
    },
  });

  const start = now();
  const loading = session.load();
  let timeout: NodeJS.Timeout | undefined;
  try {
    const renderedAt = await Promise.race([
      rendered,
      new Promise<never>((_, reject) => {
        timeout = setTimeout(() => reject(new Error(`not rendered after ${RENDER_TIMEOUT_MS} ms; errors: ${errors.join("; ")}`)), RENDER_TIMEOUT_MS);
      }),
    ]);
    await loading;
    const settled = now();
    if (errors.length) throw new Error(`opening the thread reported: ${errors.join("; ")}`);
    return {
      bootMs,
      loadMs: (posted ?? Number.NaN) - start,
      renderMs: renderedAt - (posted ?? Number.NaN),
      settledMs: settled - start,
      messages: session.model.messages.length,
    };
  } finally {
    clearTimeout(timeout);
    stop();
  }
}

/** The host side of opening alone (the snapshot goes to a JSON-serialising sink): cheap, so many samples. */
async function openHostOnly(ctx: BenchContext, threadId: string): Promise<{ opened: Opened; session: ChatSession }> {
  let posted: number | undefined;
  const { session, errors } = createSession({
    url: ctx.url,
    client: ctx.client,
    threadId,
    post: (message) => {
      if (message.type === "snapshot" && !message.loading && posted === undefined) posted = now();
      void JSON.stringify(message);
    },
  });
  const start = now();
  await session.load();
  const settled = now();
  if (errors.length) throw new Error(`opening the thread reported: ${errors.join("; ")}`);
  const opened = { bootMs: 0, loadMs: (posted ?? Number.NaN) - start, renderMs: 0, settledMs: settled - start, messages: session.model.messages.length };
  return { opened, session };
}

/** Opens, closes the page, and fails on anything the page reported. */
async function openAndClose(ctx: BenchContext, threadId: string): Promise<Opened> {
  return ctx.webview.closeAfter(() => openInPanel(ctx, threadId));
}

/** load() (host only) vs one getState, alternating; the first round warms both up and is not counted. */
async function compareLoad(ctx: BenchContext, threadId: string, samples: number) {
  return alternating(
    samples,
    async (): Promise<Opened> => (await openHostOnly(ctx, threadId)).opened,
    async () => (await timed(() => ctx.client.threads.getState(threadId))).ms,
  );
}

export async function benchOpenThread(ctx: BenchContext, samples = { load: 7, render: 3 }): Promise<Row[]> {
  const scenario = "1 open thread";
  const rows: Row[] = [];

  const seeded = await timed(() => seedThread(ctx.client, conversation(1000)));
  ctx.log(`seeded a 1,000-message thread in ${seeded.ms.toFixed(0)} ms`);
  const { ext, raw } = await compareLoad(ctx, seeded.value, samples.load);
  const panels: Opened[] = [];
  for (let i = 0; i < samples.render; i++) panels.push(await openAndClose(ctx, seeded.value));
  rows.push(
    row({
      scenario,
      metric: "1k msgs: load() to snapshot posted",
      unit: "ms",
      extension: median(ext.map((o) => o.loadMs)),
      raw: median(raw),
      goal: goals.ratioAtMost(1.5),
      note: `raw = one threads.getState; ${samples.load} samples each, alternating. load() with a fresh AssistantDirectory (first panel) fetches assistants, the thread summary and the state; ${ext[0].messages} message views.`,
    }),
    row({
      scenario,
      metric: "1k msgs: render on top (snapshot to last msg in DOM)",
      unit: "ms",
      extension: median(panels.map((o) => o.renderMs)),
      goal: goals.below(100, "ms"),
      note: `${samples.render} panels; includes the copy to the webview, waiting for the next 60 Hz frame, and the frame's DOM work in jsdom (no layout/paint).`,
    }),
    row({
      scenario,
      metric: "1k msgs: panel, load() to last msg in DOM",
      unit: "ms",
      extension: median(panels.map((o) => o.loadMs + o.renderMs)),
      raw: median(raw),
    }),
    row({ scenario, metric: "1k msgs: load() settled (+history read)", unit: "ms", extension: median(ext.map((o) => o.settledMs)), raw: median(raw) }),
    row({ scenario, metric: "webview boot (bundle into jsdom)", unit: "ms", extension: median(panels.map((o) => o.bootMs)) }),
  );
  await ctx.client.threads.delete(seeded.value);

  // A thread written by many steps: load() then reads up to 200 checkpoints, each with the full state.
  const stepped = await timed(() => seedThread(ctx.client, conversation(1000), 50));
  ctx.log(`seeded a 1,000-message thread in 50 checkpoints in ${stepped.ms.toFixed(0)} ms`);
  const history = await timed(() => ctx.client.threads.getHistory(stepped.value, { limit: 200 }));
  const historyBytes = JSON.stringify(history.value).length;
  const steppedBefore = await settledHeap();
  const { opened: steppedOpen, session: steppedSession } = await openHostOnly(ctx, stepped.value);
  const steppedHeap = (await settledHeap()) - steppedBefore;
  ctx.log(`50-checkpoint thread: the session holds ${steppedSession.model.messages.length} message views`);
  // Smaller server state from here on: the in-memory server persists everything it holds.
  await ctx.client.threads.delete(stepped.value);
  rows.push(
    row({ scenario, metric: "1k msgs/50 ckpts: load() to snapshot", unit: "ms", extension: steppedOpen.loadMs, note: "one sample" }),
    row({
      scenario,
      metric: "1k msgs/50 ckpts: load() settled (+history read)",
      unit: "ms",
      extension: steppedOpen.settledMs,
      raw: history.ms,
      note: `raw = the getHistory({limit: 200}) that load() makes after the snapshot: ${history.value.length} checkpoints, ${(historyBytes / 2 ** 20).toFixed(1)} MiB of JSON. One sample.`,
    }),
    row({
      scenario,
      metric: "1k msgs/50 ckpts: heap kept, host (ChatSession)",
      unit: "MiB",
      extension: steppedHeap / 2 ** 20,
      note: "heap used after GC with the loaded session alive vs before it",
    }),
  );

  // 10,000 messages: must complete; time and the heap it keeps, host and webview apart.
  const big = await timed(() => seedThread(ctx.client, conversation(10_000)));
  ctx.log(`seeded a 10,000-message thread in ${big.ms.toFixed(0)} ms`);
  const panel = await heapOfWebview(ctx, big.value);
  const host = await heapOfHost(ctx, big.value);
  const rawState = await heapOfState(ctx, big.value);
  await ctx.client.threads.delete(big.value);

  const mib = (bytes: number) => bytes / 2 ** 20;
  rows.push(
    row({ scenario, metric: "10k msgs: load() to snapshot posted", unit: "ms", extension: panel.opened.loadMs, raw: rawState.ms, goal: goals.ratioAtMost(1.3), note: "one sample each" }),
    row({ scenario, metric: "10k msgs: render on top", unit: "ms", extension: panel.opened.renderMs, note: "one sample, jsdom" }),
    row({ scenario, metric: "10k msgs: total to last msg in DOM", unit: "ms", extension: panel.opened.loadMs + panel.opened.renderMs, raw: rawState.ms }),
    row({
      scenario,
      metric: "10k msgs: heap kept, host (ChatSession)",
      unit: "MiB",
      extension: mib(host),
      raw: mib(rawState.bytes),
      note: "heap used after GC, before vs after load(); raw = the getState result kept alive.",
    }),
    row({
      scenario,
      metric: "10k msgs: heap kept, webview page",
      unit: "MiB",
      extension: mib(panel.bytes),
      note: "worker heap after GC, before vs after the snapshot rendered; jsdom DOM nodes are far heavier than a browser's.",
    }),
  );
  return rows;
}

/** Heap the webview page keeps for the thread (worker heap), and the open's timings. */
async function heapOfWebview(ctx: BenchContext, threadId: string) {
  let before = 0;
  try {
    const opened = await openInPanel(ctx, threadId, async () => {
      before = await ctx.webview.heap();
    });
    const bytes = (await ctx.webview.heap()) - before;
    return { bytes, opened };
  } finally {
    await ctx.webview.close();
  }
}

/** Heap the host session keeps for the thread (no webview attached). */
async function heapOfHost(ctx: BenchContext, threadId: string): Promise<number> {
  const before = await settledHeap();
  const { session } = createSession({ url: ctx.url, client: ctx.client, threadId, post: (m) => void JSON.stringify(m) });
  await session.load();
  const bytes = (await settledHeap()) - before;
  if (session.model.messages.length === 0) throw new Error("the host session loaded no messages");
  return bytes;
}

async function heapOfState(ctx: BenchContext, threadId: string): Promise<{ bytes: number; ms: number }> {
  const before = await settledHeap();
  const { ms, value: state } = await timed(() => ctx.client.threads.getState(threadId));
  const bytes = (await settledHeap()) - before;
  if (!(state.values as { messages?: unknown[] }).messages?.length) throw new Error("getState returned no messages");
  return { bytes, ms };
}
