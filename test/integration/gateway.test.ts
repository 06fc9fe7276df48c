import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { mapError } from "../../src/deployment/errorMapping";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { startHttpFaultProxy, type HttpFaultProxy } from "../harness/httpFaultProxy";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";

describe("the deployment gateway against a real server", () => {
  let server: LangGraphServer;
  let gateway: DeploymentGateway;

  beforeEach(async () => {
    server = await testServer();
    gateway = DeploymentGateway.to({ url: server.url, retry: { baseDelayMs: 20 } });
  });

  it("returns threads as domain types: a status of the four, metadata always an object", async () => {
    const created = await gateway.createThread({ title: "gateway" });
    assert.equal(created.status, "idle");
    const [listed] = await gateway.searchThreads({ limit: 5, ids: [created.thread_id] });
    assert.equal(listed.thread_id, created.thread_id);
    assert.deepEqual(listed.metadata, { title: "gateway" });
    assert.equal("values" in listed, false, "listings never carry the thread's values");
    const summary = await gateway.getThread(created.thread_id);
    assert.ok(summary?.config, "a single thread comes with its stored config");
  });

  it("says 'not there' for a missing thread, run or assistant instead of throwing", async () => {
    assert.equal(await gateway.getThread(randomUUID()), undefined);
    assert.equal(await gateway.getAssistant(randomUUID()), undefined);
    const thread = await gateway.createThread({});
    assert.equal(await gateway.getRun(thread.thread_id, randomUUID()), undefined);
  });

  it("reads state and history with tasks and next as arrays", async () => {
    const [echo] = await gateway.searchAssistants({ limit: 10, graphId: "echo" });
    const thread = await gateway.createThread({});
    for await (const part of gateway.streamRun(thread.thread_id, echo.assistant_id, { input: { messages: [{ type: "human", content: "hi" }] } })) void part;
    const state = await gateway.getState(thread.thread_id);
    assert.deepEqual(state.next, []);
    assert.ok(Array.isArray(state.tasks));
    const history = await gateway.getHistory(thread.thread_id, { limit: 3 });
    assert.ok(history.length >= 2);
    const older = await gateway.getHistory(thread.thread_id, { limit: 3, before: history[0].checkpoint?.checkpoint_id ?? undefined });
    assert.notEqual(older[0]?.checkpoint?.checkpoint_id, history[0].checkpoint?.checkpoint_id, "`before` pages back by checkpoint id");
    const runs = await gateway.listRuns(thread.thread_id, 10);
    assert.equal(runs[0]?.assistant_id, echo.assistant_id);
  });

  describe("through a proxy that fails requests", () => {
    let proxy: HttpFaultProxy;
    beforeEach(async () => {
      proxy = await startHttpFaultProxy(server.url);
    });
    afterEach(async () => {
      await proxy.close();
    });

    it("a run that cannot be read is an error, not a run that ended", async () => {
      const thread = await gateway.createThread({});
      const proxied = DeploymentGateway.to({ url: proxy.url, retry: { baseDelayMs: 5 } });
      proxy.failNext(1, 401, /\/runs\//);
      const error = await proxied.getRun(thread.thread_id, randomUUID()).then(() => undefined, (e: unknown) => e);
      assert.equal(mapError(error, { url: proxy.url }).kind, "unauthorized");
    });
  });

  describe("against something that is not a LangGraph deployment", () => {
    let odd: Server;
    let url: string;
    before(async () => {
      odd = createServer((req, res) => {
        req.resume();
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify([{ id: 1, name: "not a thread" }]));
      });
      await new Promise<void>((resolve) => odd.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(odd.address() as { port: number }).port}`;
    });
    after(() => new Promise<void>((resolve) => odd.close(() => resolve())));

    it("says the answer is not understood, and where it went wrong", async () => {
      const error = await DeploymentGateway.to({ url })
        .searchThreads({ limit: 5 })
        .then(() => undefined, (e: unknown) => e);
      const mapped = mapError(error, { url, operation: "load threads" });
      assert.equal(mapped.kind, "badResponse");
      assert.match(mapped.message, /does not understand/);
      assert.match(mapped.message, /thread_id/, mapped.message);
      assert.ok(mapped.message.includes(url));
    });
  });
});
