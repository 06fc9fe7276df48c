/**
 * What differs between langgraph-api versions, and how the extension deals with it (README,
 * "Server compatibility"). Runs against whichever server line `LANGGRAPH_API_VERSION` picks; `.ci/run`
 * runs it against each.
 */
import assert from "node:assert/strict";
import { Client } from "@langchain/langgraph-sdk";
import { mapError } from "../../src/deployment/errorMapping";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { startHttpFaultProxy, type HttpFaultProxy } from "../harness/httpFaultProxy";
import { requestedServerLine, type LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";

const hello = { messages: [{ type: "human", content: "hello" }] };

describe("server versions", () => {
  let server: LangGraphServer;
  let proxy: HttpFaultProxy;
  let gateway: DeploymentGateway;

  beforeEach(async () => {
    server = await testServer();
    proxy = await startHttpFaultProxy(server.url);
    gateway = DeploymentGateway.to({ url: proxy.url, retry: { baseDelayMs: 20 } });
  });
  afterEach(async () => {
    await proxy.close();
  });

  it("runs against the server line asked for, and the gateway reads its version once per connection", async () => {
    assert.match(server.version, new RegExp(`^${requestedServerLine()}\\.\\d+\\.\\d+`));
    const info = await gateway.serverInfo();
    assert.equal(info.version, server.version);
    assert.equal(info.flags.crons, false, "the local server says it has no crons");
    await gateway.serverInfo();
    assert.equal(proxy.received.filter((line) => line === "GET /info").length, 1, "cached until the connection changes");
    gateway.reset();
    await gateway.serverInfo();
    assert.equal(proxy.received.filter((line) => line === "GET /info").length, 2);
  });

  it("names the server's version and what it lacks when an endpoint is missing", async () => {
    const thread = await gateway.createThread({});
    const error = await (async () => {
      for await (const part of gateway.followThread(thread.thread_id)) void part;
    })().then(
      () => assert.fail("the local server has no threads.joinStream"),
      (failure: unknown) => failure,
    );
    const mapped = mapError(error, { url: proxy.url, operation: "follow the thread" });
    assert.equal(mapped.kind, "unsupported");
    assert.equal(
      mapped.message,
      `Could not follow the thread: ${proxy.url} runs langgraph-api ${server.version}, which does not support following a thread's runs (threads.joinStream) (404). Use a deployment whose server offers it.`,
    );
    assert.deepEqual(mapped.actions, ["showLog"]);
  });

  it("still says 'not found' for a missing assistant: only a missing endpoint is blamed on the server", async () => {
    const error = await gateway.assistantGraph("00000000-0000-0000-0000-000000000000", false).then(
      () => assert.fail("no such assistant"),
      (failure: unknown) => failure,
    );
    const mapped = mapError(error, { url: proxy.url, subject: "The assistant" });
    assert.equal(mapped.kind, "notFound", mapped.detail);
  });

  it("never streams `values` together with subgraphs, in any request that starts or joins a run", async () => {
    const [echo] = await gateway.searchAssistants({ limit: 10, graphId: "echo" });
    const thread = await gateway.createThread({});
    let runId = "";
    for await (const part of gateway.streamRun(thread.thread_id, echo.assistant_id, { input: hello }, { onRunCreated: (id) => (runId = id) })) void part;
    for await (const part of gateway.joinRun(thread.thread_id, runId, "-1")) void part;
    const queued = await gateway.createRun(thread.thread_id, echo.assistant_id, { input: hello, multitaskStrategy: "enqueue" });
    for await (const part of gateway.joinRun(thread.thread_id, queued.run_id, "-1")) void part;

    const runRequests = proxy.bodies.filter(({ path }) => /\/runs(\/stream)?$|\/runs\/[^/]+\/stream/.test(path.split("?")[0]));
    assert.ok(runRequests.length >= 4, `saw the run requests: ${runRequests.map((r) => `${r.method} ${r.path}`).join(", ")}`);
    for (const { method, path, body } of runRequests) {
      const query = new URL(path, proxy.url).searchParams;
      const sent = (body ? JSON.parse(body) : {}) as { stream_mode?: unknown; stream_subgraphs?: unknown };
      const modes = [sent.stream_mode, query.getAll("stream_mode")].flat();
      const subgraphs = sent.stream_subgraphs === true || query.get("stream_subgraphs") === "true";
      assert.ok(!(modes.includes("values") && subgraphs), `${method} ${path} asks for values with subgraphs: ${body}`);
    }
  });

  // The difference itself, asked of the server directly: if a version stops (or starts) failing this,
  // the compatibility table in the README is out of date.
  it("the server difference: `values` with subgraphs fails a run on 2.x and works on 1.x", async () => {
    const client = new Client({ apiUrl: server.url, apiKey: null });
    const thread = await client.threads.create();
    const events: string[] = [];
    for await (const part of client.runs.stream(thread.thread_id, "echo", { input: hello, streamMode: ["values"], streamSubgraphs: true })) {
      events.push(part.event.split("|")[0]);
    }
    const [run] = await client.runs.list(thread.thread_id, { limit: 1 });
    if (requestedServerLine() === "2") {
      assert.equal(run.status, "error", `events: ${events.join(", ")}`);
      assert.ok(events.includes("error"));
    } else {
      assert.equal(run.status, "success", `events: ${events.join(", ")}`);
      assert.ok(events.includes("values"));
    }
  });
});
