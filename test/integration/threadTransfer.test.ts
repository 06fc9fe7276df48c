import assert from "node:assert/strict";
import { startLangGraphServer, type LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant } from "../harness/chatHarness";
import { createClient } from "../../src/deployment/clientFactory";
import { DeploymentGateway } from "../../src/deployment/gateway";
import type { ThreadCheckpoint } from "../../src/deployment/types";
import { exportThread, importThread, lineTips, readHistory } from "../../src/timeline/threadTransfer";
import { formatThreadFile, parseThreadFile } from "../../src/timeline/threadFile";

describe("export a thread and import it into another server", function () {
  this.timeout(120_000);
  let source: LangGraphServer;
  let target: LangGraphServer;
  before(async () => {
    target = await startLangGraphServer();
  });
  after(async () => {
    await target?.stop();
  });
  beforeEach(async () => {
    source = await testServer();
    await target.reset();
  });

  /** What a history says, checkpoint by checkpoint, oldest first: step, what runs next, the messages. */
  const outline = (history: ThreadCheckpoint[]) =>
    history
      .map((c) => ({ step: c.metadata.step, next: c.next, messages: ((c.values as { messages?: { id: string }[] }).messages ?? []).map((m) => m.id) }))
      .reverse();

  /** Exports, writes and reads back the file (as a user would), imports it on the second server. */
  async function roundTrip(threadId: string, checkpointId?: string) {
    const from = DeploymentGateway.to({ url: source.url });
    const to = DeploymentGateway.to({ url: target.url });
    const file = parseThreadFile(formatThreadFile(await exportThread(from, threadId, { sourceUrl: source.url, checkpointId })));
    const imported = await importThread(to, file);
    return { from, to, file, imported };
  }

  it("a thread with tool calls comes back with the same state and the same history", async () => {
    const client = createClient({ url: source.url });
    const tools = await defaultAssistant(client, "tools");
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, tools.assistant_id, { input: { messages: [{ type: "human", content: "What is the weather in Oslo?" }] } });
    await client.runs.wait(thread.thread_id, tools.assistant_id, { input: { messages: [{ type: "human", content: "And in Rome?" }] } });
    const { from, to, file, imported } = await roundTrip(thread.thread_id);

    assert.equal(file.graph_id, "tools");
    assert.ok(file.supersteps.some((s) => s.updates.some((u) => u.as_node === "tools")), "the tool node's writes are in the file");
    assert.deepEqual(imported.differs, []);
    const [original, copy] = await Promise.all([from.getState(thread.thread_id), to.getState(imported.threadId)]);
    assert.deepEqual(copy.values, original.values, "messages, tool calls and tool results are the same");
    assert.deepEqual(copy.next, original.next);
    const [originalHistory, copyHistory] = await Promise.all([from.getHistory(thread.thread_id, { limit: 100 }), to.getHistory(imported.threadId, { limit: 100 })]);
    assert.deepEqual(outline(copyHistory), outline(originalHistory));
    const toolCalls = (copy.values as { messages: { tool_calls?: unknown[] }[] }).messages.filter((m) => m.tool_calls?.length);
    assert.equal(toolCalls.length, 2);
  });

  it("a thread stopped at an interrupt comes back at the same step, and running it reaches the same request", async () => {
    const client = createClient({ url: source.url });
    const approval = await defaultAssistant(client, "approval");
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, approval.assistant_id, { input: { messages: [{ type: "human", content: "mail bob" }] } });
    const { from, to, file, imported } = await roundTrip(thread.thread_id);

    assert.deepEqual(file.head.next, ["review"]);
    assert.equal(file.head.interrupts.length, 1);
    assert.equal(file.head.interrupts[0].node, "review");
    const [original, copy] = await Promise.all([from.getState(thread.thread_id), to.getState(imported.threadId)]);
    assert.deepEqual(copy.values, original.values);
    assert.deepEqual(copy.next, ["review"]);
    const [originalHistory, copyHistory] = await Promise.all([from.getHistory(thread.thread_id, { limit: 100 }), to.getHistory(imported.threadId, { limit: 100 })]);
    assert.deepEqual(outline(copyHistory), outline(originalHistory));

    const targetClient = createClient({ url: target.url });
    const targetApproval = await defaultAssistant(targetClient, "approval");
    await targetClient.runs.wait(imported.threadId, targetApproval.assistant_id, { input: null });
    const resumed = await to.getState(imported.threadId);
    assert.deepEqual(resumed.tasks[0]?.interrupts.map((i) => i.value), original.tasks[0]?.interrupts.map((i) => i.value));
  });

  it("a branch other than the head line, or the line up to any checkpoint, comes back as it was", async () => {
    const client = createClient({ url: source.url });
    const echo = await defaultAssistant(client, "echo");
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, echo.assistant_id, { input: { messages: [{ type: "human", content: "hello" }] } });
    const firstAnswer = await client.threads.getState(thread.thread_id);
    await client.runs.wait(thread.thread_id, echo.assistant_id, { input: { messages: [{ type: "human", content: "second" }] } });
    const oldHead = await client.threads.getState(thread.thread_id);
    // A new branch from the first answer becomes the head line; the old line is a branch beside it.
    await client.runs.wait(thread.thread_id, echo.assistant_id, { input: { messages: [{ type: "human", content: "other" }] }, checkpointId: firstAnswer.checkpoint.checkpoint_id! });
    const from = DeploymentGateway.to({ url: source.url });
    const history = await readHistory(from, thread.thread_id);
    const tips = lineTips(history).map((row) => row.id);
    assert.equal(tips.length, 2, "the head line and one branch");
    assert.equal(tips[1], oldHead.checkpoint.checkpoint_id, "the branch ends at the old head");

    /** The line that ends at `id`, oldest first, as `outline` reads it. */
    const lineTo = (id: string) => {
      const byId = new Map(history.map((c) => [c.checkpoint?.checkpoint_id, c]));
      const line: ThreadCheckpoint[] = [];
      for (let c = byId.get(id); c; c = byId.get(c.parent_checkpoint?.checkpoint_id)) line.push(c);
      return line;
    };
    for (const tip of [oldHead.checkpoint.checkpoint_id!, firstAnswer.checkpoint.checkpoint_id!]) {
      await target.reset();
      const { to, file, imported } = await roundTrip(thread.thread_id, tip);
      assert.equal(file.source?.checkpoint_id, tip);
      assert.deepEqual(imported.differs, []);
      const copy = await to.getState(imported.threadId);
      const original = history.find((c) => c.checkpoint?.checkpoint_id === tip)!;
      assert.deepEqual(copy.values, original.values, "the state at the line's end, not the head's");
      assert.deepEqual(outline(await to.getHistory(imported.threadId, { limit: 100 })), outline(lineTo(tip)));
    }
    const contents = (values: unknown) => (values as { messages: { content: string }[] }).messages.map((m) => m.content);
    assert.deepEqual(contents(history.find((c) => c.checkpoint?.checkpoint_id === tips[1])!.values).filter((_, i) => i % 2 === 0), ["hello", "second"]);
  });

  it("a file that does not validate, or names what the deployment lacks, is refused and nothing is created", async () => {
    const client = createClient({ url: source.url });
    const echo = await defaultAssistant(client, "echo");
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, echo.assistant_id, { input: { messages: [{ type: "human", content: "hi" }] } });
    const file = await exportThread(DeploymentGateway.to({ url: source.url }), thread.thread_id);
    const to = DeploymentGateway.to({ url: target.url });

    assert.throws(() => parseThreadFile("{ not json"), /not valid JSON/);
    assert.throws(() => parseThreadFile(JSON.stringify({ ...file, supersteps: [] })), /supersteps/);
    assert.throws(() => parseThreadFile(JSON.stringify({ ...file, format: "other" })), /format/);
    const badNode = { ...file, supersteps: [...file.supersteps, { updates: [{ as_node: "nowhere", values: {} }] }] };
    await assert.rejects(importThread(to, parseThreadFile(formatThreadFile(badNode))), /no node "nowhere"/);
    await assert.rejects(importThread(to, parseThreadFile(formatThreadFile({ ...file, graph_id: "missing" }))), /no graph "missing"/);
    // A node the graph has, with values its state cannot take: the server fails halfway, and the partial thread is removed.
    const badValues = { ...file, supersteps: [...file.supersteps, { updates: [{ as_node: "agent", values: { messages: 42 } }] }] };
    await assert.rejects(importThread(to, parseThreadFile(formatThreadFile(badValues))));
    assert.equal((await to.searchThreads({ limit: 10 })).length, 0, "no thread was created on the target");
  });
});
