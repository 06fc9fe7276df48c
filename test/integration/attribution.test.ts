import assert from "node:assert/strict";
import type { Run } from "@langchain/langgraph-sdk";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, ofType, recordSession } from "../harness/chatHarness";

describe("who wrote each reply on a long thread, against a real server", () => {
  it("replies older than the first history read get their authors when the panel reveals them, each its own run's", async function () {
    this.timeout(180_000);
    const server = await testServer();
    const { client } = recordSession(server.url);
    const echo = await defaultAssistant(client, "echo");
    const pirate = await client.assistants.create({ graphId: "echo", name: "Long-thread pirate", config: { configurable: { persona: "Pirate" } } });
    const thread = await client.threads.create();
    // Enough runs that their checkpoints outnumber what the panel reads when it opens.
    const RUNS = 90;
    const writer = (run: number) => (run % 2 ? pirate : echo);
    /** The reply names the message it answers, and so the run (the server may run queued runs in any order). */
    const expectedAuthor = (reply: { content: string }) => writer(Number(/You said: "message (\d+)"/.exec(reply.content)![1])).assistant_id;
    // Queued on the server all at once: it runs them one after the other, in order.
    let last: Run | undefined;
    for (let run = 0; run < RUNS; run++) {
      last = await client.runs.create(thread.thread_id, writer(run).assistant_id, {
        input: { messages: [{ role: "human", content: `message ${run}` }] },
        multitaskStrategy: "enqueue",
      });
    }
    await client.runs.join(thread.thread_id, last!.run_id);

    const { session, posted } = recordSession(server.url, thread.thread_id);
    await session.load();
    const replies = session.model.messages.filter((m) => m.role === "ai");
    assert.equal(replies.length, RUNS);
    assert.equal(replies.at(-1)!.author?.id, expectedAuthor(replies.at(-1)!), "the newest replies are attributed on open");
    const unattributed = replies.filter((m) => !m.author);
    assert.ok(unattributed.length > 0, "the oldest replies are beyond the first read (else this test proves nothing)");

    // The panel reveals the oldest twenty replies: those get their authors.
    const oldest = replies.slice(0, 20);
    await session.attributeEarlier(oldest.map((m) => m.id));
    for (const reply of oldest) assert.equal(reply.author?.id, expectedAuthor(reply), reply.content.slice(0, 60));
    const posted20 = ofType(posted, "attribution").flatMap((m) => Object.keys(m.authors));
    for (const reply of oldest) assert.ok(posted20.includes(reply.id), "the panel is told");

    // And every reply, when all of them are revealed.
    await session.attributeEarlier(replies.map((m) => m.id));
    for (const reply of replies) assert.equal(reply.author?.id, expectedAuthor(reply), reply.content.slice(0, 60));
    assert.ok(replies.some((reply) => reply.author?.name === "Long-thread pirate"));
  });
});
