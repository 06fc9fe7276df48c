import assert from "node:assert/strict";
import type { Client } from "@langchain/langgraph-sdk";
import { createClient } from "../../src/deployment/clientFactory";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { ThreadListModel } from "../../src/threads/threadListModel";
import { defaultAssistant } from "../harness/chatHarness";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";

const COUNT = 260;
const PAGE = 50;

describe("thread list against a real server with many threads", () => {
  let server: LangGraphServer;
  let client: Client;
  let created: string[];

  before(async function () {
    this.timeout(120_000);
    server = await testServer();
    client = createClient({ url: server.url });
    created = [];
    // Sequential and a few milliseconds apart, so updated_at orders them with no ties (the server's order
    // among equal timestamps is arbitrary); the newest is the last created.
    for (let i = 0; i < COUNT; i++) {
      const thread = await client.threads.create({ metadata: { title: `Thread ${i}`, team: i % 3 === 0 ? "red" : "blue" } });
      created.push(thread.thread_id);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  });

  const model = (pageSize = PAGE) => new ThreadListModel(DeploymentGateway.to({ url: server.url }), () => pageSize);

  it("first page holds the newest threads in order", async () => {
    const list = model();
    await list.reload();
    assert.equal(list.threads.length, PAGE);
    assert.deepEqual(list.threads.map((t) => t.thread_id), [...created].reverse().slice(0, PAGE));
    assert.ok(list.hasMore);
    assert.equal((list.threads[0] as { values?: unknown }).values, undefined, "listings never carry values");
  });

  it("Load more appends the next pages without duplicates until the end", async () => {
    const list = model();
    await list.reload();
    while (list.hasMore) await list.loadMore();
    const ids = list.threads.map((t) => t.thread_id);
    assert.equal(ids.length, COUNT);
    assert.equal(new Set(ids).size, COUNT);
    assert.deepEqual(ids, [...created].reverse());
  });

  it("a thread touched between pages is not shown twice", async () => {
    const list = model();
    await list.reload();
    // Moves an already-loaded thread's activity forward: offsets shift on the server.
    await client.threads.update(list.threads[10].thread_id, { metadata: { touched: true } });
    await list.loadMore();
    const ids = list.threads.map((t) => t.thread_id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it("filters by metadata return exactly the matching threads", async () => {
    const red = model(500);
    red.setFilter({ metadata: { team: "red" } });
    await red.reload();
    const expected = created.filter((_, i) => i % 3 === 0);
    assert.deepEqual(new Set(red.threads.map((t) => t.thread_id)), new Set(expected));
  });

  it("filters by status, graph and text", async () => {
    const echo = await defaultAssistant(client, "echo");
    const ran = created[5];
    await client.runs.wait(ran, echo.assistant_id, { input: { messages: [{ type: "human", content: "hi" }] } });
    const erroring = created[6];
    await client.runs.wait(erroring, echo.assistant_id, { input: { messages: [{ type: "human", content: "/fail" }] } }).catch(() => undefined);
    const waiting = created[7];
    await client.runs.wait(waiting, "approval", { input: { messages: [{ type: "human", content: "ship it" }] } });

    const byGraph = model();
    byGraph.setFilter({ graphId: "echo" });
    await byGraph.reload();
    assert.deepEqual(new Set(byGraph.threads.map((t) => t.thread_id)), new Set([ran, erroring]));

    const byStatus = model();
    byStatus.setFilter({ status: "error" });
    await byStatus.reload();
    assert.deepEqual(byStatus.threads.map((t) => t.thread_id), [erroring]);

    const byInterrupt = model();
    byInterrupt.setFilter({ status: "interrupted" });
    await byInterrupt.reload();
    assert.deepEqual(byInterrupt.threads.map((t) => t.thread_id), [waiting]);

    const byText = model(20);
    byText.setFilter({ text: "Thread 12" });
    await byText.reload();
    while (byText.hasMore) await byText.loadMore();
    const titles = byText.threads.map((t) => (t.metadata as { title: string }).title).sort();
    assert.deepEqual(titles, ["Thread 12", "Thread 120", "Thread 121", "Thread 122", "Thread 123", "Thread 124", "Thread 125", "Thread 126", "Thread 127", "Thread 128", "Thread 129"].sort());

    const byId = model();
    byId.setFilter({ text: created[42] });
    await byId.reload();
    assert.deepEqual(byId.threads.map((t) => t.thread_id), [created[42]]);
  });

  it("a thread run by two different assistants appears once, with the last one named", async () => {
    const echo = await defaultAssistant(client, "echo");
    const tools = await defaultAssistant(client, "tools");
    const thread = created[0];
    await client.runs.wait(thread, echo.assistant_id, { input: { messages: [{ type: "human", content: "one" }] } });
    await client.runs.wait(thread, tools.assistant_id, { input: { messages: [{ type: "human", content: "weather in Rome" }] } });
    const list = model();
    await list.reload();
    const matches = list.threads.filter((t) => t.thread_id === thread);
    assert.equal(matches.length, 1);
    assert.equal(list.threads[0].thread_id, thread, "the latest activity comes first");
    assert.equal((matches[0].metadata as { assistant_id?: string }).assistant_id, tools.assistant_id);
  });

  it("rename and delete round-trip through the server", async () => {
    const list = model();
    await list.reload();
    const target = list.threads[1].thread_id;
    await client.threads.update(target, { metadata: { title: "Renamed" } });
    await client.threads.delete(list.threads[2].thread_id);
    const fresh = model();
    await fresh.reload();
    assert.equal((fresh.get(target)?.metadata as { title?: string }).title, "Renamed");
    assert.equal(fresh.get(list.threads[2].thread_id), undefined);
    assert.ok(list.remove(list.threads[2].thread_id));
    assert.equal(list.threads.length, PAGE - 1);
  });
});
