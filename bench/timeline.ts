/**
 * Scenario 5: the Checkpoints view's first page for a thread with 1,000 checkpoints.
 * Extension path: `TimelineModel.open()` (one `getHistory` page through the gateway, laid out as lines).
 * Raw path: one `threads.getHistory` of the same page size with the bare SDK.
 */
import { DeploymentGateway } from "../src/deployment/gateway";
import { TIMELINE_PAGE, TimelineModel } from "../src/timeline/timelineModel";
import type { BenchContext } from "./openThread";
import { goals, row, type Row } from "./results";
import { median, timed } from "./stats";

const CHECKPOINTS = 1_000;

/** One thread whose history is an input and 999 single-message writes: 1,000 checkpoints in one request. */
async function seedLongHistory(ctx: BenchContext): Promise<string> {
  const supersteps = [{ updates: [{ values: { messages: [{ type: "human", content: "start", id: "m0" }] }, asNode: "__input__" }] }];
  for (let i = 1; i < CHECKPOINTS; i++) {
    const type = i % 2 ? "ai" : "human";
    supersteps.push({ updates: [{ values: { messages: [{ type, content: `message ${i}`, id: `m${i}` }] }, asNode: i % 2 ? "agent" : "__start__" }] });
  }
  const thread = await ctx.client.threads.create({ graphId: "echo", supersteps });
  return thread.thread_id;
}

export async function benchTimeline(ctx: BenchContext, samples = 15): Promise<Row[]> {
  const scenario = "5 checkpoint timeline";
  const seeded = await timed(() => seedLongHistory(ctx));
  const threadId = seeded.value;
  const count = (await ctx.client.threads.getHistory(threadId, { limit: CHECKPOINTS + 10 })).length;
  ctx.log(`seeded a thread with ${count} checkpoints in ${(seeded.ms / 1000).toFixed(1)} s`);
  const gateway = DeploymentGateway.to({ url: ctx.url });

  const ext: number[] = [];
  const raw: number[] = [];
  // Alternating; the first two rounds warm up and are not counted.
  for (let i = -2; i < samples; i++) {
    const runExt = async () => (await timed(() => new TimelineModel(gateway, threadId).open())).ms;
    const runRaw = async () => (await timed(() => ctx.client.threads.getHistory(threadId, { limit: TIMELINE_PAGE }))).ms;
    const [e, r] = i % 2 === 0 ? [await runExt(), await runRaw()] : [await runRaw(), await runExt()].reverse();
    if (i >= 0) {
      ext.push(e);
      raw.push(r);
    }
  }
  return [
    row({
      scenario,
      metric: `first page (${TIMELINE_PAGE}) of ${count} checkpoints`,
      unit: "ms",
      extension: median(ext),
      raw: median(raw),
      goal: goals.ratioAtMost(1.2),
      note: `one getHistory page vs TimelineModel.open(); ${samples} samples each, alternating.`,
    }),
  ];
}
