/**
 * Scenario 5: the Needs Input view with 1,000 threads on the server, 100 of them waiting at an interrupt.
 * Extension path: `InboxModel.refresh()`, the view's first page (one `threads.search` selecting the
 * interrupts, plus reading each request). Raw path: one `threads.search({ status: "interrupted" })` page
 * of the same size, as an SDK user would write it. Then polling an idle deployment: requests per interval
 * of the Needs Input view, of a visible chat panel and of the notifications' watch of pinned threads,
 * counted at the client over a few seconds.
 */
import type { Client } from "@langchain/langgraph-sdk";
import { LiveThreads } from "../src/chat/liveThreads";
import { threadInterrupt } from "../src/chat/interrupts";
import { mapError } from "../src/deployment/errorMapping";
import { DeploymentGateway } from "../src/deployment/gateway";
import { InboxFeed } from "../src/inbox/inboxFeed";
import { InboxModel } from "../src/inbox/inboxModel";
import { ThreadNotifications } from "../src/inbox/threadNotifications";
import { ThreadStore } from "../src/state/threadStore";
import type { BenchContext } from "./openThread";
import { goals, row, type Row } from "./results";
import { seedThreads } from "./seed";
import { alternating, median, sleep, timed } from "./stats";

const THREADS = 1_000;
const INTERRUPTED = 100;
const PAGE_SIZE = 50; // the `langgraph.threads.pageSize` default
const POLL_MS = 200;
const POLL_FOR_MS = 4_000;
const PINNED = 10;

/** Counts the requests a gateway sends (the client's request hook, as the output channel's log). */
function countingGateway(url: string): { gateway: DeploymentGateway; count(): number } {
  let sent = 0;
  const gateway = DeploymentGateway.to({ url, onRequest: () => sent++ });
  return { gateway, count: () => sent };
}

async function seedInterrupted(client: Client, total: number, concurrency = 8): Promise<void> {
  const approval = (await client.assistants.search({ graphId: "approval", limit: 1 }))[0];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const n = next++;
      const thread = await client.threads.create({ metadata: { title: `Waiting ${n}` } });
      await client.runs.wait(thread.thread_id, approval.assistant_id, { input: { messages: [{ type: "human", content: `item ${n}` }] } });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export async function benchInbox(ctx: BenchContext, samples = 25): Promise<Row[]> {
  const scenario = "5 needs input";
  const seeded = await timed(async () => {
    await seedThreads(ctx.client, THREADS - INTERRUPTED, 8);
    await seedInterrupted(ctx.client, INTERRUPTED, 8);
  });
  ctx.log(`seeded ${THREADS} threads (${INTERRUPTED} interrupted) in ${(seeded.ms / 1000).toFixed(1)} s`);
  const gateway = DeploymentGateway.to({ url: ctx.url });
  const model = () =>
    new InboxModel({ gateway, describe: (error) => mapError(error), pageSize: () => PAGE_SIZE, ignored: () => ({}), interruptOf: threadInterrupt });
  const check = model();
  await check.refresh();
  if (check.entries.length !== PAGE_SIZE || !check.entries.every((e) => e.interrupt.request)) throw new Error(`expected a full page of requests, got ${check.entries.length}`);

  const { ext, raw } = await alternating(
    samples,
    async () => (await timed(() => model().refresh())).ms,
    async () => (await timed(() => ctx.client.threads.search({ status: "interrupted", limit: PAGE_SIZE }))).ms,
    3,
  );

  // Idle: nothing changes while the view and a panel are visible.
  const inbox = countingGateway(ctx.url);
  const feed = new InboxFeed({ gateway: inbox.gateway, describe: (error) => mapError(error), pageSize: () => PAGE_SIZE, ignored: () => ({}), interruptOf: threadInterrupt, timing: () => ({ intervalMs: POLL_MS }) });
  const panel = countingGateway(ctx.url);
  const [thread] = await ctx.client.threads.search({ status: "idle", limit: 1 });
  const session = { threadId: thread.thread_id, running: false, joinRunFromElsewhere: async () => false, catchUp: async () => undefined };
  const live = new LiveThreads({ gateway: panel.gateway, store: new ThreadStore(), visible: () => [session], timing: () => ({ intervalMs: POLL_MS }) });
  const watch = countingGateway(ctx.url);
  const pinned = (await ctx.client.threads.search({ status: "idle", limit: PINNED })).map((t) => t.thread_id);
  feed.setVisible(true);
  live.update();
  const notifications = new ThreadNotifications({
    store: new ThreadStore(),
    gateway: watch.gateway,
    scope: () => "pinned",
    pinned: () => pinned,
    open: () => [],
    isFocused: () => false,
    notify: () => undefined,
    timing: () => ({ intervalMs: POLL_MS }),
  });
  await sleep(POLL_FOR_MS);
  feed.dispose();
  live.dispose();
  notifications.dispose();
  const intervals = POLL_FOR_MS / POLL_MS;

  return [
    row({
      scenario,
      metric: `first page (${PAGE_SIZE}) of ${INTERRUPTED} interrupted in ${THREADS / 1000}k threads`,
      unit: "ms",
      extension: median(ext),
      raw: median(raw),
      goal: goals.ratioAtMost(1.2),
      note: `InboxModel.refresh() (select with interrupts) vs threads.search({ status: "interrupted", limit: ${PAGE_SIZE} }); ${samples} samples each, alternating.`,
    }),
    row({
      scenario,
      metric: "Needs Input polling, idle deployment",
      unit: "req/interval",
      extension: inbox.count() / intervals,
      goal: goals.atMost(1, "req/interval"),
      note: `${inbox.count()} requests in ${POLL_FOR_MS / 1000} s at a ${POLL_MS} ms interval (backoff while nothing changes)`,
    }),
    row({
      scenario,
      metric: "chat panel polling, idle thread",
      unit: "req/interval",
      extension: panel.count() / intervals,
      goal: goals.atMost(1, "req/interval"),
      note: `${panel.count()} requests in ${POLL_FOR_MS / 1000} s at a ${POLL_MS} ms interval`,
    }),
    row({
      scenario,
      metric: `notifications' watch of ${PINNED} pinned threads, idle`,
      unit: "req/interval",
      extension: watch.count() / intervals,
      goal: goals.atMost(1, "req/interval"),
      note: `${watch.count()} requests in ${POLL_FOR_MS / 1000} s at a ${POLL_MS} ms interval (one search by id for all of them)`,
    }),
  ];
}
