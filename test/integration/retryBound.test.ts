/**
 * The retry layer's bound, counted on the wire: a real server behind an HTTP proxy that answers 503 for
 * as long as the test wants. Reading is retried at most `MAX_SENDS` times; a request that starts a run
 * is sent once, whatever the answer, so a message is never run twice.
 */
import assert from "node:assert/strict";
import { createClient } from "../../src/deployment/clientFactory";
import { DeploymentGateway, MAX_SENDS } from "../../src/deployment/gateway";
import { startHttpFaultProxy, type HttpFaultProxy } from "../harness/httpFaultProxy";
import { testServer } from "../harness/rootHooks";

const input = { messages: [{ type: "human", content: "hello" }] };

describe("retry bound: a persistent 503 through a real proxy", () => {
  let proxy: HttpFaultProxy;
  let gateway: DeploymentGateway;
  let serverUrl: string;
  let threadId: string;

  beforeEach(async () => {
    serverUrl = (await testServer()).url;
    // The thread is made directly on the server: only the requests under test cross the proxy.
    threadId = (await createClient({ url: serverUrl }).threads.create({ metadata: {} })).thread_id;
    proxy = await startHttpFaultProxy(serverUrl);
    // A small base delay keeps the four sends' backoff (20 + 40 + 80 ms) short.
    gateway = DeploymentGateway.to({ url: proxy.url, retry: { baseDelayMs: 20 } });
  });
  afterEach(async () => {
    await proxy.close();
  });

  const sent = (method: string, path: string) => proxy.received.filter((r) => r === `${method} ${path}`).length;
  const statusOf = (error: unknown) => (error as { status?: unknown } | null)?.status;

  it("a GET answered 503 every time is sent MAX_SENDS times, then fails with the 503", async () => {
    proxy.failAll(503);
    const error = await gateway.getState(threadId).then(() => undefined, (e: unknown) => e);
    assert.equal(statusOf(error), 503);
    assert.equal(sent("GET", `/threads/${threadId}/state`), MAX_SENDS);
    assert.equal(proxy.forwarded.length, 0, "nothing reached the server");
  });

  it("a streamed run's POST answered 503 is sent exactly once, and no run starts", async () => {
    proxy.failAll(503);
    const error = await (async () => {
      for await (const part of gateway.streamRun(threadId, "echo", { input })) void part;
    })().then(() => undefined, (e: unknown) => e);
    assert.equal(statusOf(error), 503);
    assert.equal(sent("POST", `/threads/${threadId}/runs/stream`), 1);
    assert.equal(proxy.received.length, 1, "no other request was made");
    assert.deepEqual(await createClient({ url: serverUrl }).runs.list(threadId), []);
  });

  it("a background run's POST answered 503 is sent exactly once, and no run starts", async () => {
    proxy.failAll(503);
    const error = await gateway.createRun(threadId, "echo", { input }).then(() => undefined, (e: unknown) => e);
    assert.equal(statusOf(error), 503);
    assert.equal(sent("POST", `/threads/${threadId}/runs`), 1);
    assert.equal(proxy.received.length, 1, "no other request was made");
    assert.deepEqual(await createClient({ url: serverUrl }).runs.list(threadId), []);
  });

  it("once the burst ends, the same GET succeeds on its first send", async () => {
    proxy.failAll(503);
    await gateway.getState(threadId).then(
      () => assert.fail("the burst should have failed the read"),
      () => undefined,
    );
    proxy.heal();
    const before = sent("GET", `/threads/${threadId}/state`);
    const state = await gateway.getState(threadId);
    assert.deepEqual(state.values, {});
    assert.equal(sent("GET", `/threads/${threadId}/state`) - before, 1);
    assert.deepEqual(proxy.forwarded, [`GET /threads/${threadId}/state`]);
  });
});
