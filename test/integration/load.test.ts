import assert from "node:assert/strict";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createClient } from "../../src/deployment/clientFactory";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, personaAssistant, recordSession } from "../harness/chatHarness";

describe("load against a real server", function () {
  this.timeout(180_000);
  let server: LangGraphServer;
  before(async () => {
    server = await testServer();
  });

  it("20 threads streaming at once: nothing lost, duplicated or reordered, the host stays responsive", async () => {
    const client = createClient({ url: server.url });
    const echo = await defaultAssistant(client, "echo");
    const sessions = Array.from({ length: 20 }, () => recordSession(server.url, undefined, { client }));
    await Promise.all(sessions.map((s) => s.session.load()));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await Promise.all(sessions.map((s, i) => s.session.send(`message number ${i}`, echo.assistant_id)));
    delay.disable();
    const worstMs = delay.max / 1e6;
    console.log(`      event-loop delay while 20 replies streamed: p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${worstMs.toFixed(1)} ms`);
    assert.ok(worstMs < 1_000, `the host stalled for ${worstMs} ms`);

    for (const [i, { session }] of sessions.entries()) {
      const state = await client.threads.getState(session.threadId!);
      const server = (state.values as { messages: { content: string }[] }).messages.map((m) => m.content);
      assert.deepEqual(session.model.messages.map((m) => m.content), server, `thread ${i} matches the server`);
      assert.deepEqual(server, [`message number ${i}`, `You said: "message number ${i}". This is the start of our thread.`]);
      assert.equal(session.error, undefined);
    }
    assert.equal(new Set(sessions.map((s) => s.session.threadId)).size, 20, "20 distinct threads");
  });

  it("an assistant switch on every message for 50 messages keeps order and attribution", async () => {
    const client = createClient({ url: server.url });
    const echo = await defaultAssistant(client, "echo");
    const pirate = await personaAssistant(client, "Pirate");
    const critic = await personaAssistant(client, "Critic");
    const rotation = [echo, pirate, critic];
    const { session } = recordSession(server.url, undefined, { client });
    await session.load();
    await session.refreshAssistants();
    for (let i = 0; i < 50; i++) await session.send(`turn ${i}`, rotation[i % 3].assistant_id);

    const humans = session.model.messages.filter((m) => m.role === "human").map((m) => m.content);
    assert.deepEqual(humans, Array.from({ length: 50 }, (_, i) => `turn ${i}`), "in order, none lost or doubled");
    const replies = session.model.messages.filter((m) => m.role === "ai");
    assert.equal(replies.length, 50);
    replies.forEach((reply, i) => {
      const assistant = rotation[i % 3];
      assert.equal(reply.author?.id, assistant.assistant_id, `reply ${i} attributed`);
      const persona = (assistant.config?.configurable as { persona?: string } | undefined)?.persona;
      assert.ok(reply.content.startsWith(persona ? `[${persona}] You said: "turn ${i}"` : `You said: "turn ${i}"`), `reply ${i}: ${reply.content.slice(0, 60)}`);
    });

    const reopened = recordSession(server.url, session.threadId, { client });
    await reopened.session.load();
    const reloaded = reopened.session.model.messages.filter((m) => m.role === "ai").map((m) => m.author?.name);
    assert.deepEqual(reloaded, replies.map((_, i) => rotation[i % 3].name), "attribution survives a reload");
  });
});
