import assert from "node:assert/strict";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, ofType, personaAssistant, recordSession } from "../harness/chatHarness";

describe("edit, regenerate and branches against a real server", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  const contents = (session: { model: { messages: readonly { content: string }[] } }) => session.model.messages.map((m) => m.content);

  it("an edited message makes a second branch, and both branches stay reachable", async () => {
    const { session, posted, client } = recordSession(server.url);
    await session.load();
    const echo = await defaultAssistant(client, "echo");
    await session.send("hello", echo.assistant_id);
    await session.send("second", echo.assistant_id);
    const original = contents(session);
    const firstHuman = session.model.messages[0];

    await session.edit(firstHuman.id, "HELLO");
    const edited = contents(session);
    assert.deepEqual(edited, ["HELLO", 'You said: "HELLO". This is the start of our thread.']);
    const editedHuman = session.model.messages[0];
    assert.deepEqual(editedHuman.branch, { index: 1, count: 2 });
    assert.deepEqual(ofType(posted, "branches").at(-1)?.branches[editedHuman.id], { index: 1, count: 2 });

    await session.switchBranch(editedHuman.id, -1);
    assert.deepEqual(contents(session), original, "the first branch is back, whole");
    assert.deepEqual(session.model.messages[0].branch, { index: 0, count: 2 });

    await session.switchBranch(session.model.messages[0].id, 1);
    assert.deepEqual(contents(session), edited);

    const reopened = recordSession(server.url, session.threadId);
    await reopened.session.load();
    assert.deepEqual(contents(reopened.session), edited, "the newest branch is the thread's head");
    assert.deepEqual(reopened.session.model.messages[0].branch, { index: 1, count: 2 });
  });

  it("regenerating with another assistant adds a sibling reply written by it", async () => {
    const { session, client } = recordSession(server.url);
    await session.load();
    const echo = await defaultAssistant(client, "echo");
    const pirate = await personaAssistant(client, "Pirate");
    await session.send("hi", echo.assistant_id);
    const reply = session.model.messages[1];
    await session.regenerate(reply.id, pirate.assistant_id);

    const regenerated = session.model.messages[1];
    assert.equal(session.model.messages.length, 2, "the question is not repeated");
    assert.match(regenerated.content, /^\[Pirate\] You said: "hi"/);
    assert.equal(regenerated.author?.name, "Pirate");
    assert.deepEqual(regenerated.branch, { index: 1, count: 2 });

    await session.switchBranch(regenerated.id, -1);
    assert.equal(session.model.messages[1].content, reply.content);
    assert.equal(session.model.messages[1].author?.name, "echo");
  });

  it("sending while an older branch is shown continues that branch", async () => {
    const { session, client } = recordSession(server.url);
    await session.load();
    const echo = await defaultAssistant(client, "echo");
    await session.send("alpha", echo.assistant_id);
    await session.edit(session.model.messages[0].id, "beta");
    await session.switchBranch(session.model.messages[0].id, -1);
    assert.equal(session.model.messages[0].content, "alpha");

    await session.send("gamma", echo.assistant_id);
    const last = session.model.messages.at(-1)!;
    assert.match(last.content, /You said: "gamma". Earlier you said: "alpha"/);
    const state = await client.threads.getState(session.threadId!);
    const serverTexts = (state.values as { messages: { content: string }[] }).messages.map((m) => m.content);
    assert.deepEqual(contents(session), serverTexts);
  });

  it("Open at Checkpoint shows the thread as it was, and the next message forks from there", async () => {
    const { session, client } = recordSession(server.url);
    await session.load();
    const echo = await defaultAssistant(client, "echo");
    await session.send("one", echo.assistant_id);
    await session.send("two", echo.assistant_id);
    const history = await client.threads.getHistory(session.threadId!, { limit: 50 });
    const afterFirst = history.find((h) => (h.values as { messages: unknown[] }).messages.length === 2 && h.next.length === 0)!;
    await session.openAtCheckpoint(afterFirst.checkpoint.checkpoint_id!);
    assert.deepEqual(contents(session), ["one", 'You said: "one". This is the start of our thread.']);
    await session.send("three", echo.assistant_id);
    assert.match(session.model.messages.at(-1)!.content, /You said: "three". Earlier you said: "one"; I had replied 1 time/);
  });

  it("tool results folded into their cards make no phantom branch, and a later message can be edited", async () => {
    const { session, client } = recordSession(server.url);
    await session.load();
    const tools = await defaultAssistant(client, "tools");
    const echo = await defaultAssistant(client, "echo");
    await session.send("weather in Oslo", tools.assistant_id);
    await session.send("thanks", echo.assistant_id);
    assert.deepEqual(session.model.messages.map((m) => m.role), ["human", "ai", "ai", "human", "ai"]);
    await session.load();
    assert.deepEqual(session.model.messages.filter((m) => m.branch), [], "no message has siblings yet");

    const thanks = session.model.messages[3];
    await session.edit(thanks.id, "thank you");
    assert.equal(session.error, undefined);
    assert.equal(session.model.messages[3].content, "thank you");
    assert.deepEqual(session.model.messages[3].branch, { index: 1, count: 2 });
    assert.equal(session.model.messages.filter((m) => m.branch).length, 1);
  });
});
