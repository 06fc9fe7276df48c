/**
 * Scenario 3: streaming a ~2,000-token reply at full speed. The `echo` graph answers with the human
 * message, so a message of 2,000 numbered words ("t1 t2 … t2000") comes back as ~2,000 tokens whose
 * numbers tell which chunk a rendered text already contains.
 *
 * - Latency: the SDK yielding a chunk -> the webview's frame flush after which the chunk's word is in
 *   the DOM (the webview runs in a worker with a 60 Hz frame clock).
 * - Host CPU per token during the stream: ChatSession (posting to a JSON-serialising sink, as
 *   `webview.postMessage` does) vs a raw loop over `client.runs.stream` that only consumes it.
 * - DOM writes: mutation records per token, and any made outside animation frames.
 */
import type { Client } from "@langchain/langgraph-sdk";
import type { BenchContext } from "./openThread";
import { goals, row, type Row } from "./results";
import { createSession, defaultAssistantId } from "./session";
import { alternating, cpuMs, median, now, percentile, sleep, sum } from "./stats";
import type { FrameReport } from "./webviewWorker";

const WORDS = 2000;
/** A model's pace for the second run: ~200 tokens per second, 400 tokens. */
const PACED = { delayMs: 5, words: 400 };
const numbered = (words: number) => Array.from({ length: words }, (_, i) => `t${i + 1}`).join(" ");
const TEXT = numbered(WORDS);
const MARKER = /\bt(\d+)/g;

interface StreamTrace {
  /** Chunk number -> when the SDK yielded it. */
  yielded: Map<number, number>;
  tokens: number;
  streamCpuMs: number;
}

/** Wraps `client.runs.stream` so every stream it returns records a trace. */
function instrument(client: Client): { last(): StreamTrace } {
  const runs = client.runs as unknown as { stream: (...args: unknown[]) => AsyncGenerator<{ event: string; data: unknown }> };
  const original = runs.stream.bind(client.runs);
  let trace: StreamTrace = { yielded: new Map(), tokens: 0, streamCpuMs: 0 };
  runs.stream = (...args: unknown[]) => {
    const current: StreamTrace = { yielded: new Map(), tokens: 0, streamCpuMs: 0 };
    trace = current;
    return (async function* traced() {
      const cpuStart = cpuMs();
      try {
        for await (const part of original(...args)) {
          const at = now();
          if (part.event === "messages") {
            current.tokens++;
            const chunk = (Array.isArray(part.data) ? part.data[0] : undefined) as { content?: unknown } | undefined;
            if (typeof chunk?.content === "string") {
              for (const match of chunk.content.matchAll(MARKER)) current.yielded.set(Number(match[1]), at);
            }
          }
          yield part;
        }
      } finally {
        current.streamCpuMs = cpuMs() - cpuStart;
      }
    })();
  };
  return { last: () => trace };
}

function lastMarker(text: string): number {
  let last = 0;
  for (const match of text.slice(-80).matchAll(MARKER)) last = Number(match[1]);
  return last;
}

interface WebviewRun {
  latencies: number[];
  /** Per chunk: yielded -> its delta posted (host work on that chunk). */
  hostMs: number[];
  /** Per chunk: delta posted -> the frame that shows it starts (later chunks of a burst, vsync). */
  queuedMs: number[];
  flushMs: number[];
  lateMs: number[];
  deltas: number;
  streamingFrames: number;
  mutationsInFrames: number;
  mutationsOutsideFrames: number;
  tokens: number;
}

async function runWithWebview(ctx: BenchContext, client: Client, assistantId: string, tracer: { last(): StreamTrace }, words = WORDS): Promise<WebviewRun> {
  await ctx.webview.open();
  const thread = await client.threads.create({ metadata: { title: "streaming" } });
  const result: WebviewRun = { latencies: [], hostMs: [], queuedMs: [], flushMs: [], lateMs: [], deltas: 0, streamingFrames: 0, mutationsInFrames: 0, mutationsOutsideFrames: 0, tokens: 0 };
  let applied = 0;
  const posted = new Map<number, number>();
  const { session, errors } = createSession({
    url: ctx.url,
    client,
    threadId: thread.thread_id,
    post: (message) => {
      if (message.type === "messageDelta") {
        const at = now();
        for (const match of message.textDelta.matchAll(MARKER)) posted.set(Number(match[1]), at);
        result.deltas++;
      }
      ctx.webview.send(message);
    },
  });
  const stop = ctx.webview.onFrame((frame: FrameReport) => {
    result.mutationsOutsideFrames = frame.outsideFrames;
    if (frame.deltas === 0) return;
    result.streamingFrames++;
    result.mutationsInFrames += frame.mutations;
    result.flushMs.push(frame.end - frame.start);
    result.lateMs.push(frame.start - frame.due);
    const shown = lastMarker(frame.aiTail);
    const yielded = tracer.last().yielded;
    for (let n = applied + 1; n <= shown; n++) {
      const at = yielded.get(n);
      const sent = posted.get(n);
      if (at === undefined || sent === undefined) continue;
      result.latencies.push(frame.end - at);
      result.hostMs.push(sent - at);
      result.queuedMs.push(frame.start - sent);
    }
    applied = Math.max(applied, shown);
  });
  return ctx.webview.closeAfter(async () => {
    try {
      await session.load();
      await session.send(numbered(words), assistantId);
      for (let waited = 0; applied < words && waited < 10_000; waited += 20) await sleep(20);
      if (errors.length) throw new Error(errors.join("; "));
      if (applied < words) throw new Error(`only t${applied} of t${words} reached the DOM`);
      result.tokens = tracer.last().tokens;
      return result;
    } finally {
      stop();
    }
  });
}

interface CpuRun {
  tokens: number;
  streamCpuMs: number;
}

async function runSessionCpu(ctx: BenchContext, client: Client, assistantId: string, tracer: { last(): StreamTrace }): Promise<CpuRun> {
  const thread = await client.threads.create({ metadata: { title: "streaming" } });
  const { session, errors } = createSession({ url: ctx.url, client, threadId: thread.thread_id, post: (message) => void JSON.stringify(message) });
  await session.load();
  await session.send(TEXT, assistantId);
  if (errors.length) throw new Error(errors.join("; "));
  const trace = tracer.last();
  return { tokens: trace.tokens, streamCpuMs: trace.streamCpuMs };
}

async function runRawCpu(client: Client, assistantId: string, tracer: { last(): StreamTrace }): Promise<CpuRun> {
  const thread = await client.threads.create({ metadata: { title: "streaming" } });
  const stream = client.runs.stream(thread.thread_id, assistantId, {
    input: { messages: [{ type: "human", content: TEXT }] },
    streamMode: ["messages-tuple", "updates"],
    streamResumable: true,
  });
  for await (const part of stream) void part;
  const trace = tracer.last();
  return { tokens: trace.tokens, streamCpuMs: trace.streamCpuMs };
}

export async function benchStreaming(ctx: BenchContext, client: Client, samples = { webview: 3, cpu: 4, paced: 2 }): Promise<Row[]> {
  const scenario = "3 streaming";
  const tracer = instrument(client);
  const assistantId = await defaultAssistantId(client, "echo");

  await runRawCpu(client, assistantId, tracer); // warm-up
  const { ext: session, raw } = await alternating(
    samples.cpu,
    () => runSessionCpu(ctx, client, assistantId, tracer),
    () => runRawCpu(client, assistantId, tracer),
    0,
  );
  const perToken = (runs: CpuRun[], pick: (run: CpuRun) => number) => median(runs.map((run) => (pick(run) / run.tokens) * 1000));

  const views: WebviewRun[] = [];
  for (let i = 0; i < samples.webview; i++) views.push(await runWithWebview(ctx, client, assistantId, tracer));
  const pacedAssistant = await client.assistants.create({
    graphId: "echo",
    name: "bench paced echo",
    config: { configurable: { delay_ms: PACED.delayMs } },
  });
  const paced: WebviewRun[] = [];
  for (let i = 0; i < samples.paced; i++) paced.push(await runWithWebview(ctx, client, pacedAssistant.assistant_id, tracer, PACED.words));
  const pacedMed = (pick: (run: WebviewRun) => number) => median(paced.map(pick));
  const med = (pick: (run: WebviewRun) => number) => median(views.map(pick));
  const tokens = median(views.map((v) => v.tokens));
  const p95 = (pick: (run: WebviewRun) => number[]) => med((v) => percentile(pick(v), 95)).toFixed(1);
  ctx.log(`streamed ${tokens} tokens per run; ${med((v) => v.streamingFrames)} frames with deltas per run`);

  return [
    row({
      scenario,
      metric: "chunk yielded -> in DOM, p50",
      unit: "ms",
      extension: med((v) => percentile(v.latencies, 50)),
      note: `median over ${views.length} runs of ~${tokens} tokens; 60 Hz frame clock, so up to 16.7 ms of it is waiting for the next frame.`,
    }),
    row({
      scenario,
      metric: "chunk yielded -> in DOM, p95",
      unit: "ms",
      extension: med((v) => percentile(v.latencies, 95)),
      goal: goals.atMost(16, "ms"),
      note:
        `per chunk p95: host work ${p95((v) => v.hostMs)} ms, posted -> frame start ${p95((v) => v.queuedMs)} ms ` +
        `(frames started p95 ${p95((v) => v.lateMs)} ms after their vsync), frame flush ${p95((v) => v.flushMs)} ms. ` +
        `~${Math.round(tokens / med((v) => v.streamingFrames))} tokens per frame: the server sends them in bursts.`,
    }),
    row({ scenario, metric: "frame flush duration, p95", unit: "ms", extension: med((v) => percentile(v.flushMs, 95)) }),
    row({
      scenario,
      metric: `paced ${1000 / PACED.delayMs} tok/s: chunk -> in DOM, p50`,
      unit: "ms",
      extension: pacedMed((v) => percentile(v.latencies, 50)),
      note: `${paced.length} runs of ~${median(paced.map((v) => v.tokens))} tokens from an assistant of the echo graph with configurable.delay_ms ${PACED.delayMs}.`,
    }),
    row({
      scenario,
      metric: `paced ${1000 / PACED.delayMs} tok/s: chunk -> in DOM, p95`,
      unit: "ms",
      extension: pacedMed((v) => percentile(v.latencies, 95)),
      goal: goals.atMost(16, "ms"),
      note: `per chunk p95: posted -> frame start ${pacedMed((v) => percentile(v.queuedMs, 95)).toFixed(1)} ms, frame flush ${pacedMed((v) => percentile(v.flushMs, 95)).toFixed(1)} ms; ${pacedMed((v) => v.deltas / v.streamingFrames).toFixed(1)} deltas per frame.`,
    }),
    row({
      scenario,
      metric: "host CPU per token (stream phase)",
      unit: "µs",
      extension: perToken(session, (r) => r.streamCpuMs),
      raw: perToken(raw, (r) => r.streamCpuMs),
      note: `process CPU from the first read of the stream to its end, / tokens; ${samples.cpu} runs each, alternating. Extension = ChatSession posting to a JSON-serialising sink.`,
    }),
    row({
      scenario,
      metric: "DOM mutation records per token",
      unit: "",
      extension: med((v) => v.mutationsInFrames / v.deltas),
      note: `${med((v) => v.deltas / v.streamingFrames).toFixed(1)} deltas per frame on median (records counted in frames with deltas only).`,
    }),
    row({
      scenario,
      metric: "DOM writes outside frames, per token",
      unit: "",
      extension: med((v) => v.mutationsOutsideFrames / v.deltas),
      goal: goals.atMost(0, ""),
      note: "mutation records made while a messageDelta was being handled, before any frame: must be 0 for per-frame batching.",
    }),
    row({ scenario, metric: "frames with deltas per run", unit: "", extension: med((v) => v.streamingFrames), note: `sum of deltas ${sum(views.map((v) => v.deltas))} over ${views.length} runs` }),
  ];
}
