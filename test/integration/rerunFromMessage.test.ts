import assert from "node:assert/strict";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, ofType, personaAssistant, recordSession } from "../harness/chatHarness";
import { messagesOfValues } from "../../src/common/wireMessages";

describe("re-run from a human message in the chat, against a real server", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  const contents = (messages: readonly { content?: unknown }[]) => messages.map((m) => m.content);

  it("runs from the state just after the message with the picked assistant: a new branch, the old one unchanged", async () => {
    const { session, client, gateway } = recordSession(server.url);
    await session.load();
    const echo = await defaultAssistant(client, "echo");
    const pirate = await personaAssistant(client, "Pirate");
    await session.send("hello", echo.assistant_id);
    await session.send("second", echo.assistant_id);
    const threadId = session.threadId!;
    const before = await gateway.getState(threadId);
    const firstReply = String(messagesOfValues(before.values)[1].content);
    const second = session.model.messages[2];
    assert.equal(second.content, "second");

    await session.rerunFromMessage(second.id, pirate.assistant_id);
    assert.equal(session.error, undefined);
    const shown = session.model.messages;
    assert.deepEqual(contents(shown.slice(0, 3)), ["hello", firstReply, "second"], "the messages up to it stay");
    assert.equal(shown.length, 4, "the message itself is not sent again");
    assert.match(shown[3].content, /^\[Pirate\] You said: "second"/);
    assert.equal(shown[3].author?.name, "Pirate");
    assert.deepEqual(shown[3].branch, { index: 1, count: 2 }, "the new reply is a second version beside the first");
    assert.equal(session.selectedAssistantId, pirate.assistant_id);

    // On the server: the new head forks from the checkpoint where "second" was added; the old line is whole.
    const head = await gateway.getState(threadId);
    assert.match(String(messagesOfValues(head.values).at(-1)?.content), /^\[Pirate\]/);
    const history = await gateway.getHistory(threadId, { limit: 50 });
    const runCheckpoint = history.find((c) => c.checkpoint?.checkpoint_id === head.parent_checkpoint?.checkpoint_id);
    assert.deepEqual(contents(messagesOfValues(runCheckpoint?.values)), ["hello", firstReply, "second"]);
    assert.deepEqual(runCheckpoint?.next, ["agent"], "the run started where the agent was still to answer");
    const oldHead = await gateway.getState(threadId, { checkpointId: before.checkpoint!.checkpoint_id! });
    assert.deepEqual(contents(messagesOfValues(oldHead.values)), contents(messagesOfValues(before.values)));

    await session.switchBranch(shown[3].id, -1);
    assert.match(session.model.messages[3].content, /^You said: "second"/, "the first reply is still reachable");
  });

  it("a re-run that reaches an interrupt stops at it, and the answer given on the new branch is the one used", async () => {
    const { session, client, gateway } = recordSession(server.url);
    await session.load();
    const approval = await defaultAssistant(client, "approval");
    await session.send("mail bob", approval.assistant_id);
    await session.resume({ type: "accept" });
    assert.match(session.model.messages.at(-1)?.content ?? "", /^Approved\. Done/);

    await session.rerunFromMessage(session.model.messages[0].id, approval.assistant_id);
    assert.equal(session.interrupt?.request?.action, "send_message", "the re-run waits at the same request");
    await session.resume({ type: "reject" });
    assert.match(session.model.messages.at(-1)?.content ?? "", /^Rejected\./);
    assert.match(String(messagesOfValues((await gateway.getState(session.threadId!)).values).at(-1)?.content), /^Rejected\./);
  });

  it("Stop cancels a re-run on the server and keeps what streamed", async () => {
    const { session, posted, client } = recordSession(server.url);
    await session.load();
    const fast = await client.assistants.create({ graphId: "slow", name: "Fast", config: { configurable: { delay_ms: 0 } } });
    const slow = await client.assistants.create({ graphId: "slow", name: "Slow", config: { configurable: { delay_ms: 150 } } });
    await session.send("count", fast.assistant_id);
    const deltasBefore = ofType(posted, "messageDelta").length;

    const rerun = session.rerunFromMessage(session.model.messages[0].id, slow.assistant_id);
    while (ofType(posted, "messageDelta").length < deltasBefore + 2) await new Promise((r) => setTimeout(r, 20));
    const runId = session.run.runId!;
    await session.stop();
    await rerun;
    const run = await client.runs.get(session.threadId!, runId);
    assert.ok(["error", "interrupted"].includes(run.status), `run status ${run.status}`);
    assert.equal(session.run.phase, "idle");
    assert.equal(session.error, undefined, "stopping is not an error");
    const reply = session.model.messages[1];
    assert.ok(reply.content.length > 0 && !reply.content.includes("twenty."), "the reply was cut short and stays on screen");
  });

  it("a message with nothing after it in the loaded history says so and starts nothing", async () => {
    const { session, client, gateway } = recordSession(server.url);
    await session.load();
    const echo = await defaultAssistant(client, "echo");
    await session.send("hello", echo.assistant_id);
    const runs = (await client.runs.list(session.threadId!)).length;
    await session.rerunFromMessage("not-a-message", echo.assistant_id);
    assert.equal((await client.runs.list(session.threadId!)).length, runs, "an unknown message starts nothing");
    // The reply's own checkpoint has nothing left to run: a re-run from the reply is not offered this way.
    await session.rerunFromMessage(session.model.messages[1].id, echo.assistant_id);
    assert.match(session.error?.message ?? "", /No checkpoint where this message was added/);
    assert.equal((await client.runs.list(session.threadId!)).length, runs);
    assert.equal((await gateway.getHistory(session.threadId!, { limit: 50 })).some((c) => c.metadata.source === "update"), false);
  });
});
