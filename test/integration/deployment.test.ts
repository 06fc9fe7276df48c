import assert from "node:assert/strict";
import { createServer } from "node:net";
import { createClient } from "../../src/deployment/clientFactory";
import { mapError } from "../../src/deployment/errorMapping";
import { startLangGraphServer, type LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, personaAssistant } from "../harness/chatHarness";

async function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function lastText(values: unknown): string {
  const messages = (values as { messages: { content: string }[] }).messages;
  return messages[messages.length - 1].content;
}

describe("deployment connection against a real LangGraph server", () => {
  let server: LangGraphServer;
  before(async () => {
    server = await testServer();
  });

  it("connects and lists the example agents' default assistants", async () => {
    const client = createClient({ url: server.url });
    const assistants = await client.assistants.search({ limit: 100 });
    const graphs = assistants.map((a) => a.graph_id).sort();
    assert.deepEqual(graphs, ["approval", "cards", "echo", "pipeline", "slow", "supervisor", "tally", "tools"]);
  });

  it("streams a run token by token", async () => {
    const client = createClient({ url: server.url });
    const thread = await client.threads.create();
    const tokens: string[] = [];
    for await (const part of client.runs.stream(thread.thread_id, "echo", {
      input: { messages: [{ type: "human", content: "hello there" }] },
      streamMode: "messages-tuple",
    })) {
      if (part.event === "messages") tokens.push((part.data as unknown as [{ content: string }])[0].content);
    }
    assert.ok(tokens.length > 3, `expected several token chunks, got ${tokens.length}`);
    assert.equal(tokens.join(""), 'You said: "hello there". This is the start of our thread.');
  });

  it("second assistant continues the first one's thread", async () => {
    const client = createClient({ url: server.url });
    const echo = await defaultAssistant(client, "echo");
    const other = await personaAssistant(client, "Pirate");
    const thread = await client.threads.create();
    const first = await client.runs.wait(thread.thread_id, other.assistant_id, {
      input: { messages: [{ type: "human", content: "my name is Ada" }] },
    });
    assert.match(lastText(first), /^\[Pirate\] You said: "my name is Ada"/);
    const second = await client.runs.wait(thread.thread_id, echo.assistant_id, {
      input: { messages: [{ type: "human", content: "what did I say?" }] },
    });
    assert.match(lastText(second), /Earlier you said: "my name is Ada"; I had replied 1 time/);
  });

  describe("maps real failures to clear messages", () => {
    it("names the URL when nothing listens there", async () => {
      const url = `http://127.0.0.1:${await unusedPort()}`;
      const client = createClient({ url });
      const error = await client.assistants.search({ limit: 1 }).then(() => undefined, (e: unknown) => e);
      const mapped = mapError(error, { url });
      assert.equal(mapped.kind, "unreachable");
      assert.ok(mapped.message.includes(url), mapped.message);
      assert.deepEqual(mapped.actions, ["retry", "openSettings"]);
    });

    it("says which thread is gone (404)", async () => {
      const client = createClient({ url: server.url });
      const thread = await client.threads.create();
      await client.threads.delete(thread.thread_id);
      const error = await client.threads.getState(thread.thread_id).then(() => undefined, (e: unknown) => e);
      const mapped = mapError(error, { url: server.url, subject: "Thread abc" });
      assert.equal(mapped.kind, "notFound");
      assert.match(mapped.message, /Thread abc was not found/);
    });

    it("reports a busy thread (422) when the run is rejected", async () => {
      const client = createClient({ url: server.url });
      const thread = await client.threads.create();
      const run = await client.runs.create(thread.thread_id, "slow", { input: { messages: [{ type: "human", content: "take your time" }] } });
      const error = await client.runs
        .create(thread.thread_id, "slow", { input: { messages: [{ type: "human", content: "again" }] }, multitaskStrategy: "reject" })
        .then(() => undefined, (e: unknown) => e);
      await client.runs.cancel(thread.thread_id, run.run_id, true);
      const mapped = mapError(error, { url: server.url });
      assert.equal(mapped.status, 422);
      assert.equal(mapped.kind, "busy");
    });
  });

  describe("with a server that checks the API key", () => {
    let secured: LangGraphServer;
    before(async function () {
      this.timeout(90_000);
      secured = await startLangGraphServer({ auth: true });
    });
    after(async () => {
      await secured?.stop();
    });

    it("rejects a wrong key with a Set API Key action", async () => {
      const client = createClient({ url: secured.url, apiKey: "wrong" });
      const error = await client.assistants.search({ limit: 1 }).then(() => undefined, (e: unknown) => e);
      const mapped = mapError(error, { url: secured.url });
      assert.equal(mapped.kind, "unauthorized");
      assert.ok(mapped.actions.includes("setApiKey"));
      assert.ok(!mapped.message.includes("wrong"), "the key must not appear in the message");
    });

    it("sends no key from the environment when none is set", async () => {
      process.env.LANGGRAPH_API_KEY = "test-key";
      try {
        const client = createClient({ url: secured.url });
        const error = await client.assistants.search({ limit: 1 }).then(() => undefined, (e: unknown) => e);
        assert.equal(mapError(error).kind, "unauthorized");
      } finally {
        delete process.env.LANGGRAPH_API_KEY;
      }
    });

    it("accepts the right key", async () => {
      const client = createClient({ url: secured.url, apiKey: "test-key" });
      const assistants = await client.assistants.search({ limit: 10 });
      assert.equal(assistants.length, 8);
    });
  });
});
