import assert from "node:assert/strict";
import type { MultitaskStrategy } from "../../src/deployment/types";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, ofType, recordSession } from "../harness/chatHarness";
import { until } from "../harness/wait";

describe("sending while a reply streams (double-texting) against a real server", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  async function busyThread(strategy: MultitaskStrategy | undefined) {
    const recorded = recordSession(server.url, undefined, { strategy });
    await recorded.session.load();
    const slow = await defaultAssistant(recorded.client, "slow");
    const first = recorded.session.send("first", slow.assistant_id);
    await until(() => ofType(recorded.posted, "messageDelta").length >= 2);
    return { ...recorded, first, slow };
  }

  it("enqueue runs both messages in order; the second shows as pending until its run starts", async () => {
    const { session, client, posted, first, slow } = await busyThread("enqueue");
    const second = session.send("second", slow.assistant_id);
    await until(() => session.model.messages.some((m) => m.role === "human" && m.content === "second"));
    const queued = session.model.messages.find((m) => m.content === "second")!;
    assert.equal(queued.pending, true, "queued message is pending");
    await Promise.all([first, second]);
    await until(() => session.run.phase === "idle" && !session.model.messages.some((m) => m.pending));

    const state = await client.threads.getState(session.threadId!);
    const serverMessages = (state.values as { messages: { type: string; content: string }[] }).messages;
    assert.deepEqual(serverMessages.map((m) => m.type), ["human", "ai", "human", "ai"]);
    assert.equal(serverMessages[2].content, "second");
    assert.match(serverMessages[3].content, /You said: "second". Earlier you said: "first"/);
    assert.deepEqual(session.model.messages.map((m) => m.content), serverMessages.map((m) => m.content), "the panel shows what the server has");
    const runs = await client.runs.list(session.threadId!);
    assert.deepEqual(runs.map((r) => r.status).sort(), ["success", "success"]);
    assert.equal(ofType(posted, "error").filter((e) => e.error).length, 0);
  });

  it("a queued message's reply is labelled with the assistant it was sent to, never with the run before it", async () => {
    const { session, client, posted, first, slow } = await busyThread("enqueue");
    const pirate = await client.assistants.create({ graphId: "echo", name: "Queued pirate", config: { configurable: { persona: "Pirate" } } });
    await session.refreshAssistants();
    const second = session.send("second", pirate.assistant_id);
    await Promise.all([first, second]);
    await until(() => session.run.phase === "idle" && !session.model.messages.some((m) => m.pending));

    const reply = session.model.messages.find((m) => m.role === "ai" && m.content.startsWith("[Pirate]"))!;
    assert.equal(reply.author?.id, pirate.assistant_id);
    assert.equal(session.model.messages.find((m) => m.role === "ai")!.author?.id, slow.assistant_id);
    // Everything the panel was told about the reply's author: this server's checkpoints and events for a
    // queued run name the assistant of the run before it.
    const told = posted.flatMap((m) => {
      if (m.type === "attribution") return m.authors[reply.id] ? [m.authors[reply.id].id] : [];
      if (m.type === "messageUpsert") return m.message.id === reply.id && m.message.author ? [m.message.author.id] : [];
      if (m.type === "snapshot") return m.messages.flatMap((v) => (v.id === reply.id && v.author ? [v.author.id] : []));
      return [];
    });
    assert.ok(told.length > 0, "the panel was told who wrote the reply");
    assert.deepEqual([...new Set(told)], [pirate.assistant_id]);
  });

  for (const strategy of ["interrupt", "rollback"] as const) {
    it(`${strategy} stops the first run and the panel shows the thread as the server reports it`, async () => {
      const { session, client, first, slow } = await busyThread(strategy);
      const firstRun = session.run.runId!;
      await session.send("second", slow.assistant_id);
      await first;
      await until(() => session.run.phase === "idle");

      const state = await client.threads.getState(session.threadId!);
      const serverMessages = (state.values as { messages: { content: string }[] }).messages.map((m) => m.content);
      assert.deepEqual(session.model.messages.map((m) => m.content), serverMessages, "panel and server agree");
      assert.ok(serverMessages.includes("second"));
      assert.match(serverMessages.at(-1)!, /You said: "second"/);
      const run = await client.runs.get(session.threadId!, firstRun).catch(() => undefined);
      if (strategy === "interrupt") assert.notEqual(run?.status, "success", "the first run did not finish");
      assert.equal(session.error, undefined, "an interrupt the user asked for is not an error");
    });
  }

  it("reject: the server refuses the second message, which goes back to the composer", async () => {
    const { session, posted, first, slow } = await busyThread("reject");
    await session.send("second", slow.assistant_id);
    assert.equal(ofType(posted, "restoreDraft").at(-1)?.text, "second");
    assert.match(session.error?.message ?? "", /busy/);
    assert.ok(!session.model.messages.some((m) => m.content === "second"), "the refused message is not shown as sent");
    await first;
    assert.match(session.model.messages.filter((m) => m.role === "ai").at(-1)!.content, /twenty\.$/, "the first reply finished");
  });

  it("cancelling the question keeps the draft and sends nothing", async () => {
    const { session, posted, first, slow } = await busyThread(undefined);
    await session.send("maybe later", slow.assistant_id);
    assert.equal(ofType(posted, "restoreDraft").at(-1)?.text, "maybe later");
    await first;
    assert.equal(session.model.messages.filter((m) => m.role === "human").length, 1);
  });
});
