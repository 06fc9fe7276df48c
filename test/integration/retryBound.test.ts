/**
 * The retry layer's bound, counted on the wire: a real server behind an HTTP proxy that answers 503 for
 * as long as the test wants. Reading is retried at most `MAX_SENDS` times; a request that starts a run
 * is sent once, whatever the answer, so a message is never run twice. A connection closed under a
 * request is met by sending a read once more, and nothing else.
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

describe("a connection closed under a request, through a real proxy", () => {
  let proxy: HttpFaultProxy;
  let gateway: DeploymentGateway;
  let serverUrl: string;
  let threadId: string;
  const retried: string[] = [];

  beforeEach(async () => {
    serverUrl = (await testServer()).url;
    threadId = (await createClient({ url: serverUrl }).threads.create({ metadata: { title: "kept alive" } })).thread_id;
    proxy = await startHttpFaultProxy(serverUrl);
    retried.length = 0;
    gateway = DeploymentGateway.to({ url: proxy.url, retry: { baseDelayMs: 20, onRetry: (reason) => retried.push(String(reason)) } });
  });
  afterEach(async () => {
    await proxy.close();
  });

  const sent = (method: string, path: string) => proxy.received.filter((r) => r === `${method} ${path}`).length;

  it("a read is sent once more on a new connection and answers; the log is told why", async () => {
    proxy.dropNext(1);
    const state = await gateway.getState(threadId);
    assert.deepEqual(state.values, {});
    assert.equal(sent("GET", `/threads/${threadId}/state`), 2);
    assert.deepEqual(proxy.forwarded, [`GET /threads/${threadId}/state`]);
    assert.equal(retried.length, 1);
    assert.match(retried[0], /^(UND_ERR_SOCKET|ECONNRESET|EPIPE)$/);
  });

  it("a thread search, a POST that only reads, is sent once more too", async () => {
    proxy.dropNext(1);
    const threads = await gateway.searchThreads({ limit: 10, offset: 0 });
    assert.ok(threads.some((t) => t.thread_id === threadId));
    assert.equal(sent("POST", "/threads/search"), 2);
  });

  it("closed again on the second send, the read fails as unreachable: no third send", async () => {
    proxy.dropNext(2);
    const error = await gateway.getState(threadId).then(() => undefined, (e: unknown) => e);
    assert.ok(error, "the read failed");
    assert.equal(sent("GET", `/threads/${threadId}/state`), 2);
    assert.equal(proxy.forwarded.length, 0);
  });

  it("a request that starts a run is not sent again, and no run starts", async () => {
    proxy.dropNext(1);
    const error = await (async () => {
      for await (const part of gateway.streamRun(threadId, "echo", { input })) void part;
    })().then(() => undefined, (e: unknown) => e);
    assert.ok(error, "the send failed");
    assert.equal(sent("POST", `/threads/${threadId}/runs/stream`), 1);
    assert.equal(proxy.received.length, 1, "no other request was made");
    assert.deepEqual(await createClient({ url: serverUrl }).runs.list(threadId), []);
  });

  it("a write is not sent again: creating a thread makes at most one", async () => {
    proxy.dropNext(1);
    const error = await gateway.createThread({ title: "written once" }).then(() => undefined, (e: unknown) => e);
    assert.ok(error, "the write failed");
    assert.equal(sent("POST", "/threads"), 1);
    assert.equal(proxy.received.length, 1);
  });
});
