import assert from "node:assert/strict";
import type { Client } from "@langchain/langgraph-sdk";
import { createClient } from "../../src/deployment/clientFactory";
import { LiveThreads } from "../../src/chat/liveThreads";
import { ThreadStore, type ThreadChange } from "../../src/state/threadStore";
import { defaultAssistant, ofType, recordSession, type RecordedSession } from "../harness/chatHarness";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { lastAiText, until } from "../harness/wait";

describe("live threads: runs another client starts on a thread open here", () => {
  let server: LangGraphServer;
  /** The second SDK client: "another client" of the same deployment. */
  let other: Client;
  const watchers: LiveThreads[] = [];
  const sessions: RecordedSession[] = [];

  beforeEach(async () => {
    server = await testServer();
    other = createClient({ url: server.url });
  });
  afterEach(() => {
    for (const watcher of watchers.splice(0)) watcher.dispose();
    for (const recorded of sessions.splice(0)) recorded.session.dispose();
  });

  /** A panel open on the thread, visible, its thread's status looked at every `intervalMs`. */
  const openVisible = async (threadId: string, intervalMs = 100) => {
    const recorded = recordSession(server.url, threadId);
    sessions.push(recorded);
    await recorded.session.load();
    const store = new ThreadStore();
    const changes: ThreadChange[] = [];
    store.onDidChange((change) => changes.push(change));
    let visible = true;
    const watcher = new LiveThreads({
      gateway: recorded.gateway,
      store,
      visible: () => (visible ? [recorded.session] : []),
      timing: () => ({ intervalMs }),
    });
    watchers.push(watcher);
    watcher.update();
    return {
      ...recorded,
      changes,
      hide: () => {
        visible = false;
        watcher.update();
      },
    };
  };

  const aiMessages = (recorded: RecordedSession) => recorded.session.model.messages.filter((m) => m.role === "ai");

  it("another client's run shows as it streams, once, labelled with its assistant", async () => {
    const echo = await defaultAssistant(other, "echo");
    const slow = await defaultAssistant(other, "slow");
    const thread = await other.threads.create({ metadata: { title: "shared" } });
    await other.runs.wait(thread.thread_id, echo.assistant_id, { input: { messages: [{ type: "human", content: "first" }] } });
    const panel = await openVisible(thread.thread_id);
    assert.equal(aiMessages(panel).length, 1);

    // The other client streams a slow reply, resumable (as this extension and Studio start runs).
    const theirTokens: string[] = [];
    const stream = other.runs.stream(thread.thread_id, slow.assistant_id, {
      input: { messages: [{ type: "human", content: "one two three four five six" }] },
      streamMode: "messages-tuple",
      streamResumable: true,
      config: { configurable: { delay_ms: 150 } },
    });
    const consumed = (async () => {
      for await (const part of stream) if (part.event === "messages") theirTokens.push(String((part.data as unknown as [{ content: unknown }])[0].content));
    })();
    // Tokens arrive while the run is still going: the panel joined the stream, it did not wait for the end.
    await until(() => ofType(panel.posted, "messageDelta").length > 0, 15_000);
    const running = await other.runs.list(thread.thread_id, { status: "running" });
    assert.equal(running.length, 1, "the reply streamed in while the other client's run was going");
    await consumed;

    const final = await lastAiText(server.url, thread.thread_id);
    assert.equal(theirTokens.join(""), final, "joining took nothing from the client that started the run");
    // Settled against the server once the run ended: its question comes in too.
    await until(() => panel.session.run.phase === "idle" && panel.session.model.messages.length === 4, 15_000);
    const replies = aiMessages(panel);
    assert.equal(replies[1].content, final);
    assert.equal(replies[1].author?.id, slow.assistant_id, "labelled with the run's assistant");
    assert.equal(replies[0].author?.id, echo.assistant_id);
    assert.equal(new Set(panel.session.model.messages.map((m) => m.id)).size, panel.session.model.messages.length, "no message twice");
    assert.deepEqual(
      panel.session.model.messages.map((m) => m.role),
      ["human", "ai", "human", "ai"],
      "the other client's question is read in too, in its place",
    );
    assert.ok(
      panel.changes.some((c) => c.kind === "updated" && c.change.status === "busy"),
      "the store (and the Threads view) saw the thread busy",
    );
  });

  it("the panel's own run is not joined a second time", async () => {
    const slow = await defaultAssistant(other, "slow");
    const thread = await other.threads.create();
    const panel = await openVisible(thread.thread_id, 50);
    panel.session.selectAssistant(slow.assistant_id);
    await panel.session.send("alpha beta gamma delta");
    await until(() => panel.session.run.phase === "idle", 15_000);
    const replies = aiMessages(panel);
    assert.equal(replies.length, 1);
    assert.equal(replies[0].content, await lastAiText(server.url, thread.thread_id));
    const first = ofType(panel.posted, "messageUpsert").find((m) => m.message.role === "ai")!.message;
    const streamed = first.content + ofType(panel.posted, "messageDelta").filter((d) => d.id === first.id).map((d) => d.textDelta).join("");
    assert.equal(streamed, replies[0].content, "every token streamed once: its own run was not joined again");
  });

  it("a run that is not resumable is not joined (that would take its client's events), and is read in when it ends", async () => {
    const slow = await defaultAssistant(other, "slow");
    const thread = await other.threads.create();
    const panel = await openVisible(thread.thread_id, 50);
    let theirs = "";
    for await (const part of other.runs.stream(thread.thread_id, slow.assistant_id, {
      input: { messages: [{ type: "human", content: "hello" }] },
      streamMode: "messages-tuple",
      config: { configurable: { delay_ms: 20 } },
    })) {
      if (part.event === "messages") theirs += String((part.data as unknown as [{ content: unknown }])[0].content);
    }
    const final = await lastAiText(server.url, thread.thread_id);
    assert.equal(theirs, final, "the other client got every token");
    await until(() => aiMessages(panel)[0]?.content === final, 15_000);
    assert.equal(ofType(panel.posted, "messageDelta").length, 0, "not streamed here");
  });

  it("a run begun and ended between two looks is read in when the thread is next seen", async () => {
    const echo = await defaultAssistant(other, "echo");
    const thread = await other.threads.create();
    const panel = await openVisible(thread.thread_id, 300);
    await until(() => panel.changes.length > 0, 5_000);
    await other.runs.wait(thread.thread_id, echo.assistant_id, { input: { messages: [{ type: "human", content: "quick" }] } });
    await until(() => aiMessages(panel).length === 1, 15_000);
    assert.equal(aiMessages(panel)[0].content, await lastAiText(server.url, thread.thread_id));
  });

  it("a hidden panel looks at nothing", async () => {
    const thread = await other.threads.create();
    const panel = await openVisible(thread.thread_id, 50);
    panel.hide();
    const echo = await defaultAssistant(other, "echo");
    await other.runs.wait(thread.thread_id, echo.assistant_id, { input: { messages: [{ type: "human", content: "unseen" }] } });
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(aiMessages(panel).length, 0, "nothing read while hidden");
  });
});
