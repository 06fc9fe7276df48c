import assert from "node:assert/strict";
import { createClient } from "../../src/deployment/clientFactory";
import { mapError } from "../../src/deployment/errorMapping";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { ThreadStore, type ThreadChange } from "../../src/state/threadStore";
import { deleteThread, findThreadById, forkThread, renameThread, type ThreadActionDeps } from "../../src/threads/threadActions";
import { startHttpFaultProxy, type HttpFaultProxy } from "../harness/httpFaultProxy";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";

describe("thread actions against a real server", () => {
  let server: LangGraphServer;
  let proxy: HttpFaultProxy;
  let store: ThreadStore;
  let changes: ThreadChange[];

  beforeEach(async () => {
    server = await testServer();
    proxy = await startHttpFaultProxy(server.url);
    store = new ThreadStore();
    changes = [];
    store.onDidChange((change) => changes.push(change));
  });
  afterEach(async () => {
    await proxy.close();
  });

  const deps = (url = proxy.url): ThreadActionDeps => ({
    gateway: DeploymentGateway.to({ url, retry: { baseDelayMs: 5 } }),
    store,
    describe: (error, context) => mapError(error, { url, ...context }),
    url,
  });
  const newThread = async (title: string) => (await createClient({ url: server.url }).threads.create({ metadata: { title } })).thread_id;
  const titleChanges = () => changes.filter((c) => c.kind === "updated" && c.change.title !== undefined);

  it("a rename the server accepts retitles the thread everywhere", async () => {
    const threadId = await newThread("before");
    const result = await renameThread(deps(), threadId, "after");
    assert.deepEqual(result.errors, []);
    assert.equal(store.get(threadId)?.title, "after");
    assert.equal(titleChanges().length, 1);
    const stored = await createClient({ url: server.url }).threads.get(threadId);
    assert.equal(stored.metadata?.title, "after");
  });

  it("a rename the server rejects leaves the title as it was, with one error", async () => {
    const threadId = await newThread("before");
    await createClient({ url: server.url }).threads.delete(threadId);
    const result = await renameThread(deps(), threadId, "after");
    assert.equal(result.errors.length, 1);
    assert.equal(result.value, undefined);
    assert.equal(store.get(threadId)?.title, undefined, "the store keeps no title the server refused");
    assert.deepEqual(titleChanges(), [], "no panel or row is retitled");
  });

  it("a rename failing with a server error (after retries) leaves the title as it was", async () => {
    const threadId = await newThread("before");
    proxy.failNext(10, 500, /\/threads\//);
    const result = await renameThread(deps(), threadId, "after");
    assert.equal(result.errors.length, 1);
    assert.deepEqual(titleChanges(), []);
  });

  it("Open Thread by ID finds an existing thread with its title", async () => {
    const threadId = await newThread("found me");
    const result = await findThreadById(deps(), threadId);
    assert.deepEqual(result, { value: { threadId, title: "found me" }, errors: [] });
  });

  it("Open Thread by ID of a thread the deployment does not have: one error saying so", async () => {
    const result = await findThreadById(deps(), "00000000-0000-4000-8000-000000000000");
    assert.equal(result.value, undefined);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0], /was not found/);
  });

  it("a failed Open Thread by ID shows one error: the failure, not also “not found”", async () => {
    const threadId = await newThread("unreachable");
    proxy.failNext(10, 500, /\/threads\/search/);
    const result = await findThreadById(deps(), threadId);
    assert.equal(result.value, undefined);
    assert.equal(result.errors.length, 1, result.errors.join(" | "));
    assert.doesNotMatch(result.errors[0], /was not found/);
  });

  it("delete removes the thread from the store; a failed delete keeps it", async () => {
    const threadId = await newThread("doomed");
    proxy.failNext(10, 500, /\/threads\//);
    const failed = await deleteThread(deps(), threadId);
    assert.equal(failed.errors.length, 1);
    assert.deepEqual(changes.filter((c) => c.kind === "deleted"), []);
    proxy.failNext(0);
    const done = await deleteThread(deps(), threadId);
    assert.deepEqual(done.errors, []);
    assert.deepEqual(changes.filter((c) => c.kind === "deleted"), [{ kind: "deleted", threadId, origin: undefined }]);
  });

  it("fork creates a named copy and announces it", async () => {
    const threadId = await newThread("original");
    const result = await forkThread(deps(), threadId, "original (fork)");
    assert.deepEqual(result.errors, []);
    const fork = result.value!;
    assert.notEqual(fork.thread_id, threadId);
    assert.equal(fork.metadata.title, "original (fork)");
    const created = changes.find((c) => c.kind === "created");
    assert.equal(created?.kind === "created" ? created.thread.thread_id : undefined, fork.thread_id);
  });
});
