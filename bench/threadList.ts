/**
 * Scenario 2: the Threads view's first page with 10,000 threads on the server.
 * Extension path: `ThreadListModel.reload()` (one `threads.search` with `select`, plus its bookkeeping).
 * Raw path: one `threads.search` with exactly the parameters the gateway sent (captured, not copied).
 */
import type { Client } from "@langchain/langgraph-sdk";
import { DeploymentGateway } from "../src/deployment/gateway";
import { ThreadListModel } from "../src/threads/threadListModel";
import type { BenchContext } from "./openThread";
import { goals, row, type Row } from "./results";
import { seedThreads } from "./seed";
import { alternating, median, settledHeap, timed } from "./stats";

const THREADS = 10_000;
const PAGE_SIZE = 50; // the `langgraph.threads.pageSize` default

type SearchParams = Parameters<Client["threads"]["search"]>[0];

/** Records the parameters of every `threads.search` the model makes. */
function capturingClient(client: Client, seen: SearchParams[]): Client {
  const threads = new Proxy(client.threads, {
    get(target, key, receiver) {
      if (key !== "search") return Reflect.get(target, key, receiver) as unknown;
      return (params: SearchParams) => {
        seen.push(structuredClone(params));
        return target.search(params);
      };
    },
  });
  return new Proxy(client, { get: (target, key, receiver) => (key === "threads" ? threads : (Reflect.get(target, key, receiver) as unknown)) });
}

/** The extension's gateway over a given client (the URL is the client's own). */
function gatewayOver(client: Client): DeploymentGateway {
  return new DeploymentGateway(() => ({ url: "unused" }), () => client);
}

/** Heap kept per model after loading `pages`, measured over `copies` models to rise above the noise. */
async function heapOfModel(client: Client, pages: number, copies: number): Promise<{ bytes: number; threads: number }> {
  const before = await settledHeap();
  const models: ThreadListModel[] = [];
  for (let c = 0; c < copies; c++) {
    const model = new ThreadListModel(gatewayOver(client), () => PAGE_SIZE);
    await model.reload();
    for (let i = 1; i < pages; i++) await model.loadMore();
    models.push(model);
  }
  const bytes = (await settledHeap()) - before;
  return { bytes: bytes / copies, threads: models[0].threads.length };
}

export async function benchThreadList(ctx: BenchContext, samples = 25): Promise<Row[]> {
  const scenario = "2 thread tree";
  const seeded = await timed(() => seedThreads(ctx.client, THREADS, 8));
  ctx.log(`seeded ${THREADS} threads in ${(seeded.ms / 1000).toFixed(1)} s (8 concurrent creates)`);

  const seen: SearchParams[] = [];
  const capturing = capturingClient(ctx.client, seen);
  const model = new ThreadListModel(gatewayOver(capturing), () => PAGE_SIZE);
  await model.reload();
  const params = seen[0];
  if (seen.length !== 1 || !params?.select) throw new Error(`expected one threads.search with select, saw ${JSON.stringify(seen)}`);

  // Three warm-up rounds: the server's and both paths' code.
  const { ext, raw } = await alternating(
    samples,
    async () => (await timed(() => new ThreadListModel(gatewayOver(ctx.client), () => PAGE_SIZE).reload())).ms,
    async () => (await timed(() => ctx.client.threads.search(params))).ms,
    3,
  );

  // Twenty pages: the model's loadMore vs the same twenty searches.
  const deep = await timed(async () => {
    const m = new ThreadListModel(gatewayOver(ctx.client), () => PAGE_SIZE);
    await m.reload();
    for (let i = 1; i < 20; i++) await m.loadMore();
  });
  const deepRaw = await timed(async () => {
    for (let i = 0; i < 20; i++) await ctx.client.threads.search({ ...params, offset: i * PAGE_SIZE });
  });

  const one = await heapOfModel(ctx.client, 1, 100);
  const twenty = await heapOfModel(ctx.client, 20, 5);
  const kib = (bytes: number) => bytes / 1024;

  return [
    row({
      scenario,
      metric: `first page (${PAGE_SIZE}) of ${THREADS / 1000}k threads`,
      unit: "ms",
      extension: median(ext),
      raw: median(raw),
      goal: goals.ratioAtMost(1.2),
      note: `select ${JSON.stringify(params.select)}, sortBy ${params.sortBy} ${params.sortOrder}; ${samples} samples each, alternating.`,
    }),
    row({ scenario, metric: "20 pages (1,000 threads)", unit: "ms", extension: deep.ms, raw: deepRaw.ms, note: "one sample each" }),
    row({ scenario, metric: "model heap after 1 page", unit: "KiB", extension: kib(one.bytes), note: `${one.threads} threads; heap used after GC, averaged over 100 models` }),
    row({
      scenario,
      metric: "model heap after 20 pages",
      unit: "KiB",
      extension: kib(twenty.bytes),
      note: `${twenty.threads} threads, ${(twenty.bytes / Math.max(1, twenty.threads)).toFixed(0)} bytes each; averaged over 5 models`,
    }),
  ];
}
