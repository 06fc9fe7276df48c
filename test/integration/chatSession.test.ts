import assert from "node:assert/strict";
import type { ChatMessageView } from "../../src/protocol/chatProtocol";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, ofType, personaAssistant, recordSession } from "../harness/chatHarness";

function replies(messages: readonly ChatMessageView[]) {
  return messages.filter((m) => m.role === "ai");
}

describe("chat session (host side of the panel) against a real server", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  it("tokens that arrive apart reach the panel as they come, not merged until the end", async () => {
    const { session, posted, client } = recordSession(server.url);
    await session.load();
    const paced = await client.assistants.create({ graphId: "echo", name: "Paced echo", config: { configurable: { delay_ms: 20 } } });
    await session.send("one two three four", paced.assistant_id);
    const deltas = posted.flatMap((message, index) => (message.type === "messageDelta" ? [index] : []));
    assert.ok(deltas.length > 3, `expected a delta per token or few, got ${deltas.length}`);
    const idle = posted.findIndex((message) => message.type === "run" && message.run.phase === "idle");
    assert.ok(idle > deltas[deltas.length - 1], "every delta was posted before the run ended");
  });

  it("first send creates the thread, streams several deltas, and confirms the message", async () => {
    const { session, posted, client } = recordSession(server.url);
    await session.load();
    const echo = await defaultAssistant(client, "echo");
    await session.send("hello world", echo.assistant_id);

    assert.ok(session.threadId, "a thread was created");
    const deltas = ofType(posted, "messageDelta");
    // Tokens that arrive together cross as one merged delta (DeltaBatcher), so no count per token.
    assert.ok(deltas.length > 0, "the reply streamed as deltas");
    const streamed = deltas.map((d) => d.textDelta).join("");
    const [reply] = replies(session.model.messages);
    assert.equal(reply.content, 'You said: "hello world". This is the start of our thread.');
    assert.ok(reply.content.endsWith(streamed), "deltas carry the reply's tokens");
    assert.equal(reply.author?.id, echo.assistant_id);
    assert.equal(reply.author?.name, "echo");
    const human = session.model.messages[0];
    assert.equal(human.role, "human");
    assert.equal(human.pending, false);
    const state = await client.threads.getState(session.threadId);
    assert.equal((state.values as { messages: unknown[] }).messages.length, 2);
    assert.deepEqual(ofType(posted, "run").map((r) => r.run.phase).filter((p, i, a) => p !== a[i - 1]), ["starting", "streaming", "idle"]);
  });

  it("message 1 to assistant A and message 2 to assistant B: B sees A's exchange, each attributed, also after re-opening", async () => {
    const { session, client, remembered } = recordSession(server.url);
    await session.load();
    const pirate = await personaAssistant(client, "Pirate");
    const echo = await defaultAssistant(client, "echo");
    await session.refreshAssistants();

    await session.send("my name is Ada", pirate.assistant_id);
    await session.send("what is my name?", echo.assistant_id);

    const [first, second] = replies(session.model.messages);
    assert.match(first.content, /^\[Pirate\] You said: "my name is Ada"/);
    assert.match(second.content, /^You said: "what is my name\?". Earlier you said: "my name is Ada"; I had replied 1 time/);
    assert.ok(!second.content.includes("[Pirate]"), "B must not inherit A's configurable");
    assert.equal(first.author?.name, "Pirate");
    assert.equal(second.author?.name, "echo");

    const reopened = recordSession(server.url, session.threadId, { remembered });
    await reopened.session.load();
    const [a, b] = replies(reopened.session.model.messages);
    assert.equal(a.author?.id, pirate.assistant_id);
    assert.equal(a.author?.name, "Pirate");
    assert.equal(b.author?.id, echo.assistant_id);
    assert.equal(reopened.session.selectedAssistantId, echo.assistant_id, "the last used assistant is preselected");
    const attribution = ofType(reopened.posted, "attribution").at(-1);
    assert.equal(attribution?.authors[a.id]?.name, "Pirate");
  });

  it("a thread opened for the first time here preselects the assistant that last ran on it", async () => {
    const { session, client } = recordSession(server.url);
    await session.load();
    const critic = await personaAssistant(client, "Critic");
    await session.refreshAssistants();
    await session.send("review this", critic.assistant_id);
    const approval = await defaultAssistant(client, "approval");
    const elsewhere = new Map<string | undefined, string>([[undefined, approval.assistant_id]]);
    const reopened = recordSession(server.url, session.threadId, { remembered: elsewhere });
    await reopened.session.load();
    assert.equal(reopened.session.selectedAssistantId, critic.assistant_id, "not the default for new threads");
    const fresh = recordSession(server.url, undefined, { remembered: elsewhere });
    await fresh.session.load();
    assert.equal(fresh.session.selectedAssistantId, approval.assistant_id, "a new thread starts with the default");
  });

  it("history loads in order with tool calls folded into their cards", async () => {
    const { session, client } = recordSession(server.url);
    await session.load();
    await session.send("weather in Oslo please", (await defaultAssistant(client, "tools")).assistant_id);
    const reopened = recordSession(server.url, session.threadId);
    await reopened.session.load();
    const roles = reopened.session.model.messages.map((m) => m.role);
    assert.deepEqual(roles, ["human", "ai", "ai"]);
    const [, call, answer] = reopened.session.model.messages;
    assert.equal(call.toolCalls[0].name, "get_weather");
    assert.deepEqual(JSON.parse(call.toolCalls[0].args), { city: "Oslo" });
    assert.equal(call.toolCalls[0].result?.content, "It is 21°C and sunny in Oslo.");
    assert.match(answer.content, /The weather tool says: It is 21°C and sunny in Oslo\./);
  });

  it("streams tool-call arguments and slots the tool result into the card", async () => {
    const { session, posted, client } = recordSession(server.url);
    await session.load();
    await session.send("weather in Lima", (await defaultAssistant(client, "tools")).assistant_id);
    const argDeltas = ofType(posted, "messageDelta").flatMap((d) => d.toolCalls ?? []);
    assert.ok(argDeltas.length >= 2, "arguments arrive in fragments");
    assert.deepEqual(JSON.parse(argDeltas.map((d) => d.argsDelta).join("")), { city: "Lima" });
    const results = ofType(posted, "toolResult");
    assert.equal(results.length, 1);
    assert.equal(results[0].result.content, "It is 21°C and sunny in Lima.");
  });

  it("Stop cancels the run on the server", async () => {
    const { session, posted, client } = recordSession(server.url);
    await session.load();
    const slow = await defaultAssistant(client, "slow");
    const sending = session.send("count for me", slow.assistant_id);
    while (ofType(posted, "messageDelta").length < 2) await new Promise((r) => setTimeout(r, 20));
    const runId = session.run.runId!;
    await session.stop();
    await sending;
    const run = await client.runs.get(session.threadId!, runId);
    assert.notEqual(run.status, "success", "the run did not complete");
    assert.ok(["error", "interrupted"].includes(run.status), `run status ${run.status}`);
    assert.equal(session.run.phase, "idle");
    assert.equal(session.error, undefined, "stopping is not an error");
    const reply = replies(session.model.messages)[0];
    assert.ok(reply && reply.content.length > 0, "the text streamed before Stop stays on screen");
    assert.ok(!reply.content.includes("twenty."), "the reply was cut short");
    assert.ok(ofType(posted, "thread").some((t) => t.thread.status === "busy"), "the header showed the thread busy while it streamed");
  });

  it("a failed send keeps the draft and shows the error", async () => {
    const { session, posted, client } = recordSession(server.url);
    await session.load();
    const echo = await defaultAssistant(client, "echo");
    const thread = await client.threads.create();
    const failing = recordSession(server.url, thread.thread_id);
    await failing.session.load();
    await client.threads.delete(thread.thread_id);
    await failing.session.send("please keep me", echo.assistant_id);
    assert.deepEqual(ofType(failing.posted, "restoreDraft").map((d) => d.text), ["please keep me"]);
    assert.ok(failing.session.error, "an error is shown");
    assert.ok(failing.session.error.actions.some((a) => a.id === "retry"));
    assert.equal(failing.session.model.messages.filter((m) => m.role === "human").length, 0, "the optimistic message is withdrawn");
    assert.equal(session.error, undefined);
    assert.ok(posted.length > 0);
  });

  it("an unreachable deployment fails the send with the URL named and the draft back", async () => {
    const { session, posted } = recordSession("http://127.0.0.1:9");
    await session.load();
    assert.match(session.error?.message ?? "", /127\.0\.0\.1:9/);
    await session.send("still here", "any-assistant");
    assert.equal(ofType(posted, "restoreDraft").at(-1)?.text, "still here");
  });
});
