import assert from "node:assert/strict";
import { createServer } from "node:net";
import { createClient } from "../../src/deployment/clientFactory";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { mapError } from "../../src/deployment/errorMapping";
import { ThreadListModel } from "../../src/threads/threadListModel";
import { defaultAssistant, ofType, recordSession } from "../harness/chatHarness";
import { startFaultProxy, type FaultProxy } from "../harness/faultProxy";
import { startHttpFaultProxy, type HttpFaultProxy } from "../harness/httpFaultProxy";
import { startLangGraphServer, type LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { lastAiText, until } from "../harness/wait";

async function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe("fault matrix: real server, real sockets", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  describe("through a TCP proxy", () => {
    let proxy: FaultProxy;
    beforeEach(async () => {
      proxy = await startFaultProxy(server.url);
    });
    afterEach(async () => {
      await proxy.close();
    });

    it("server down when the panel opens: a clear message, then Retry loads the thread", async () => {
      const thread = await createClient({ url: server.url }).threads.create({ metadata: { title: "kept" } });
      await createClient({ url: server.url }).runs.wait(thread.thread_id, "echo", { input: { messages: [{ type: "human", content: "before" }] } });
      proxy.refuse();
      const { session } = recordSession(proxy.url, thread.thread_id);
      await session.load();
      assert.match(session.error?.message ?? "", new RegExp(`Cannot reach ${proxy.url.replace(/\./g, "\\.")}`));
      assert.deepEqual(session.error?.actions.map((a) => a.id), ["retry", "openSettings"]);
      const list = new ThreadListModel(DeploymentGateway.to({ url: proxy.url }), () => 10);
      const treeError = await list.reload().then(() => undefined, (e: unknown) => e);
      assert.equal(mapError(treeError, { url: proxy.url }).kind, "unreachable", "the tree says the same");

      proxy.accept();
      await session.retry();
      assert.equal(session.error, undefined);
      assert.deepEqual(session.model.messages.map((m) => m.content), ["before", 'You said: "before". This is the start of our thread.']);
      await list.reload();
      assert.equal(list.threads[0].thread_id, thread.thread_id, "the tree recovers with Retry too");
    });

    it("a connection that stalls mid-reply is abandoned and the run rejoined: every token once", async () => {
      const { session, posted, client } = recordSession(proxy.url, undefined, { streamIdleTimeoutMs: 1_000 });
      await session.load();
      const slow = await defaultAssistant(client, "slow");
      const sending = session.send("stall please", slow.assistant_id);
      await until(() => ofType(posted, "messageDelta").length >= 3);
      proxy.stallExisting();
      await sending;
      const expected = await lastAiText(server.url, session.threadId!);
      const reply = session.model.messages.find((m) => m.role === "ai")!;
      assert.equal(reply.content, expected);
      const streamed = ofType(posted, "messageDelta").filter((d) => d.id === reply.id).map((d) => d.textDelta).join("");
      const first = ofType(posted, "messageUpsert").find((u) => u.message.id === reply.id)!.message.content;
      assert.equal(first + streamed, expected, "no token repeated or lost");
      assert.equal(session.error, undefined);
    });
  });

  describe("through an HTTP proxy", () => {
    let proxy: HttpFaultProxy;
    beforeEach(async () => {
      proxy = await startHttpFaultProxy(server.url);
    });
    afterEach(async () => {
      await proxy.close();
    });

    it("a short burst of 503s is retried away", async () => {
      const thread = await createClient({ url: server.url }).threads.create();
      proxy.failNext(3);
      const { session } = recordSession(proxy.url, thread.thread_id);
      await session.load();
      assert.equal(session.error, undefined);
      assert.ok(session.selectedAssistantId);
    });

    it("a long burst ends in a clear error naming the status; Retry works once it passes", async () => {
      const thread = await createClient({ url: server.url }).threads.create();
      proxy.failNext(100);
      const { session } = recordSession(proxy.url, thread.thread_id);
      await session.load();
      assert.match(session.error?.message ?? "", /internal error \(503\)/);
      assert.ok(session.error?.actions.some((a) => a.id === "retry"));
      proxy.failNext(0);
      await session.retry();
      assert.equal(session.error, undefined);
    });

    it("a 5xx on send is not retried: the draft comes back and nothing is sent twice", async () => {
      const thread = await createClient({ url: server.url }).threads.create();
      const { session, posted, client } = recordSession(proxy.url, thread.thread_id);
      await session.load();
      const echo = await defaultAssistant(client, "echo");
      proxy.failNext(5, 502, /\/runs\/stream$/);
      await session.send("only once", echo.assistant_id);
      assert.match(session.error?.message ?? "", /\(502\)/);
      assert.equal(ofType(posted, "restoreDraft").at(-1)?.text, "only once");
      assert.equal(session.model.messages.filter((m) => m.role === "human").length, 0, "the message is not shown as sent");
      const runs = await createClient({ url: server.url }).runs.list(thread.thread_id);
      assert.equal(runs.length, 0, "the server never got it");

      await session.retry();
      assert.equal(session.error?.message.includes("502"), true, "still failing while the burst lasts: no silent resend");
      proxy.failNext(0);
      await session.retry();
      assert.equal(session.error, undefined);
      const after = await createClient({ url: server.url }).runs.list(thread.thread_id);
      assert.equal(after.length, 1, "sent exactly once after Retry");
    });

    it("a reopened panel that cannot read its running run says so, and Retry rejoins the run", async () => {
      const first = recordSession(server.url);
      await first.session.load();
      const slow = await defaultAssistant(first.client, "slow");
      const sending = first.session.send("keep counting", slow.assistant_id);
      await until(() => ofType(first.posted, "messageDelta").length >= 2);
      first.session.dispose();
      await sending;
      const threadId = first.session.threadId!;
      const runId = first.runs.get(threadId)!;
      assert.ok(runId, "the running run is remembered");

      // Reading the run fails (not a 404): that is no news about the run, which goes on.
      proxy.failNext(100, 503, /\/runs\/[^/?]+$/);
      const second = recordSession(proxy.url, threadId, { runs: first.runs });
      await second.session.load();
      assert.ok(second.session.error, "the failure is shown, not taken for the run's end");
      assert.ok(second.session.error.actions.some((a) => a.id === "retry"));
      assert.equal(second.runs.get(threadId), runId, "the run stays remembered");

      proxy.failNext(0);
      await second.session.retry();
      assert.equal(second.session.error, undefined);
      assert.ok(proxy.forwarded.some((request) => request.includes(`/runs/${runId}/stream`)), "Retry joined the run's stream");
      const expected = await lastAiText(server.url, threadId);
      assert.ok(expected.endsWith("twenty."));
      assert.deepEqual(second.session.model.messages.filter((m) => m.role === "ai").map((m) => m.content), [expected]);
      assert.equal(second.runs.size, 0, "the finished run is forgotten");
    });

    it("a malformed stream is dropped and the run rejoined from the last good event", async () => {
      const { session, client } = recordSession(proxy.url);
      await session.load();
      const echo = await defaultAssistant(client, "echo");
      proxy.corruptNextStream();
      await session.send("a long enough message to stream many tokens", echo.assistant_id);
      assert.equal(proxy.corrupted(), 1, "the stream really was corrupted");
      const expected = await lastAiText(server.url, session.threadId!);
      assert.equal(session.model.messages.find((m) => m.role === "ai")?.content, expected);
      assert.equal(session.error, undefined);
    });
  });

  describe("with a server of its own", () => {
    it("server killed mid-reply and restarted with its state lost: says what happened, keeps what was shown, sends nothing twice", async function () {
      this.timeout(120_000);
      const port = await unusedPort();
      let own = await startLangGraphServer({ port });
      try {
        const { session, posted, client } = recordSession(own.url);
        await session.load();
        const slow = await defaultAssistant(client, "slow");
        const sending = session.send("do not lose me", slow.assistant_id);
        await until(() => ofType(posted, "messageDelta").length >= 3);
        await own.stop();
        await sending;
        assert.ok(session.error, "the user is told");
        assert.match(session.error.message, /Cannot reach|dropped|stalled/);
        assert.ok(session.error.actions.some((a) => a.id === "retry"));
        const shown = session.model.messages.map((m) => m.content);
        assert.equal(shown[0], "do not lose me");
        assert.ok(shown[1]?.length > 0, "the partial reply stays on screen");

        own = await startLangGraphServer({ port });
        await session.retry();
        assert.match(session.error?.message ?? "", /Thread \w+ was not found on .*\(404\)/, `the lost thread is named: ${session.error?.message}`);
        assert.deepEqual(session.model.messages.map((m) => m.content).slice(0, 1), ["do not lose me"], "rendered messages are kept");
        const threads = await createClient({ url: own.url }).threads.search({ limit: 10 });
        assert.equal(threads.length, 0, "nothing was re-sent to the new server");
      } finally {
        await own.stop();
      }
    });

    it("a server that rejects the key: the send says so and keeps the draft", async function () {
      this.timeout(90_000);
      const secured = await startLangGraphServer({ auth: true });
      try {
        const { session, posted } = recordSession(secured.url, undefined, { apiKey: "wrong-key" });
        await session.load();
        assert.match(session.error?.message ?? "", /rejected the API key \(401\)/);
        assert.ok(session.error?.actions.some((a) => a.id === "setApiKey"));
        await session.send("hello", "any");
        assert.equal(ofType(posted, "restoreDraft").at(-1)?.text, "hello");
      } finally {
        await secured.stop();
      }
    });
  });
});
