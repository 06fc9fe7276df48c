import assert from "node:assert/strict";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, ofType, recordSession } from "../harness/chatHarness";
import { startFaultProxy, type FaultProxy } from "../harness/faultProxy";
import { lastAiText, until } from "../harness/wait";

describe("run control against a real server", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  describe("human in the loop", () => {
    it("an approval run interrupts; the card's resume continues the same run to completion", async () => {
      const { session, posted, client } = recordSession(server.url);
      await session.load();
      const approval = await defaultAssistant(client, "approval");
      await session.send("ship it", approval.assistant_id);

      const card = session.interrupt;
      assert.ok(card, "the run stopped at interrupt()");
      assert.equal(card.request?.action, "send_message");
      assert.deepEqual(JSON.parse(card.request.argsJson), { text: "ship it" });
      assert.deepEqual(card.request?.allow, { accept: true, edit: true, respond: true, ignore: true });
      assert.equal(card.assistantId, approval.assistant_id, "defaults to the interrupted assistant");
      assert.equal(ofType(posted, "interrupt").at(-1)?.interrupt?.request?.action, "send_message");
      assert.equal(session.thread.status, "interrupted");

      const reopened = recordSession(server.url, session.threadId);
      await reopened.session.load();
      const snapshot = ofType(reopened.posted, "snapshot").at(-1);
      assert.equal(snapshot?.interrupt?.request?.action, "send_message", "an interrupted thread opens onto its card");

      await session.resume({ type: "accept" });
      assert.equal(session.interrupt, undefined);
      assert.equal(ofType(posted, "interrupt").at(-1)?.interrupt, undefined, "the card is withdrawn");
      const replies = session.model.messages.filter((m) => m.role === "ai").map((m) => m.content);
      assert.deepEqual(replies, ['I am about to send "ship it". Waiting for approval.', 'Approved. Done: send "ship it".']);
      assert.equal(session.thread.status, "idle");
      const runs = await client.runs.list(session.threadId!);
      assert.equal(runs.length, 2, "one run to the interrupt, one resuming it — not a restart");
      const history = await client.threads.getHistory(session.threadId!, { limit: 50 });
      const humanMessages = (history[0].values as { messages: { type: string }[] }).messages.filter((m) => m.type === "human");
      assert.equal(humanMessages.length, 1, "resuming did not resend the message");
    });

    it("an edited decision and a free-form reply reach the graph", async () => {
      const { session, client } = recordSession(server.url);
      await session.load();
      const approval = await defaultAssistant(client, "approval");
      await session.send("draft", approval.assistant_id);
      await session.resume({ type: "edit", args: { text: "final" } });
      assert.equal(await lastAiText(server.url, session.threadId!), 'Approved with edits. Done: {"text":"final"}.');
      await session.send("again", approval.assistant_id);
      await session.resume({ type: "respond", args: "not now" });
      assert.equal(await lastAiText(server.url, session.threadId!), "You answered: not now.");
    });
  });

  describe("reconnect", () => {
    let proxy: FaultProxy;
    beforeEach(async () => {
      proxy = await startFaultProxy(server.url);
    });
    afterEach(async () => {
      await proxy.close();
    });

    it("a stream cut mid-run is rejoined: every token exactly once", async () => {
      const { session, posted, client } = recordSession(proxy.url);
      await session.load();
      const slow = await defaultAssistant(client, "slow");
      const sending = session.send("count", slow.assistant_id);
      await until(() => ofType(posted, "messageDelta").length >= 4);
      proxy.cut();
      await sending;

      const reply = session.model.messages.find((m) => m.role === "ai");
      assert.ok(reply);
      const expected = await lastAiText(server.url, session.threadId!);
      assert.ok(expected.endsWith("twenty."), "the run completed on the server");
      const streamed = ofType(posted, "messageDelta").filter((d) => d.id === reply.id).map((d) => d.textDelta).join("");
      const first = ofType(posted, "messageUpsert").find((u) => u.message.id === reply.id)!.message.content;
      assert.equal(first + streamed, expected, "no token repeated or lost across the cut");
      assert.equal(reply.content, expected);
      assert.equal(session.error, undefined, "recovered without bothering the user");
      assert.ok(proxy.connections() > 3, "a new connection was made to rejoin");
    });

    it("a panel reopened while a reply streams rejoins the run without duplicating it", async () => {
      const first = recordSession(server.url);
      await first.session.load();
      const slow = await defaultAssistant(first.client, "slow");
      const sending = first.session.send("count again", slow.assistant_id);
      await until(() => ofType(first.posted, "messageDelta").length >= 3);
      first.session.dispose();
      await sending;
      assert.ok(first.runs.get(first.session.threadId!), "the running run is remembered");

      const second = recordSession(server.url, first.session.threadId, { runs: first.runs });
      await second.session.load();
      const expected = await lastAiText(server.url, first.session.threadId!);
      const replies = second.session.model.messages.filter((m) => m.role === "ai");
      assert.equal(replies.length, 1);
      assert.equal(replies[0].content, expected);
      assert.ok(ofType(second.posted, "messageDelta").length > 0, "the rest of the reply streamed into the reopened panel");
      assert.equal(second.runs.size, 0, "the finished run is forgotten");
    });

    it("when the server cannot be reached again, the reply says so and Retry rejoins", async () => {
      const { session, posted, client } = recordSession(proxy.url);
      await session.load();
      const slow = await defaultAssistant(client, "slow");
      const sending = session.send("count once more", slow.assistant_id);
      await until(() => ofType(posted, "messageDelta").length >= 2);
      proxy.refuse();
      proxy.cut();
      await sending;
      assert.ok(session.error, "the user is told");
      assert.ok(session.error.actions.some((a) => a.id === "retry"));
      const partial = session.model.messages.find((m) => m.role === "ai")!;
      assert.ok(partial.content.length > 0, "already streamed text stays");

      proxy.accept();
      await session.retry();
      assert.equal(session.error, undefined);
      const expected = await lastAiText(server.url, session.threadId!);
      assert.equal(session.model.messages.filter((m) => m.role === "ai").at(-1)?.content, expected);
      assert.equal(session.model.messages.filter((m) => m.role === "human").length, 1, "nothing was sent twice");
    });
  });
});
