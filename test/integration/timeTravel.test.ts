import assert from "node:assert/strict";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, personaAssistant, recordSession } from "../harness/chatHarness";
import { CheckpointEditor, SaveRefused } from "../../src/timeline/checkpointEditor";
import { TimelineModel } from "../../src/timeline/timelineModel";
import { formatState } from "../../src/timeline/stateEdit";
import { changedKeys, describeChanges } from "../../src/timeline/stateDiff";
import { mapError } from "../../src/deployment/errorMapping";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { startHttpFaultProxy } from "../harness/httpFaultProxy";
import { messagesOfValues } from "../../src/common/wireMessages";

type Values = { messages: { id: string; type: string; content: string }[]; [key: string]: unknown };

describe("time travel against a real server: edit state at a checkpoint, re-run from it", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  const contents = (values: unknown) => messagesOfValues(values).map((m) => m.content);

  it("an edited message at an old checkpoint, re-run with a second assistant: the reply sees the edit and the old branch is unchanged", async function () {
    this.timeout(180_000); // the local server derives a graph's schema from its TypeScript types
    const { session, client } = recordSession(server.url);
    const gateway = DeploymentGateway.to({ url: server.url, timeoutMs: 150_000 });
    await session.load();
    const echo = await defaultAssistant(client, "echo");
    const pirate = await personaAssistant(client, "Pirate");
    await session.send("hello", echo.assistant_id);
    await session.send("second", echo.assistant_id);
    const threadId = session.threadId!;
    const before = await gateway.getState(threadId);
    const originalHead = before.checkpoint?.checkpoint_id;
    assert.equal(contents(before.values).length, 4);

    const timeline = new TimelineModel(gateway, threadId);
    const { head } = await timeline.open();
    // The checkpoint after the first message came in, before the agent answered it.
    const old = head.find((row) => row.source === "loop" && row.messageCount === 1 && row.next.includes("agent"));
    assert.ok(old, "the timeline lists the checkpoint the first run's agent started from");
    assert.deepEqual(old.writers, ["__start__"]);

    const editor = new CheckpointEditor(gateway);
    const state = await editor.read(threadId, old.id);
    const values = structuredClone(state.values) as Values;
    values.messages[0].content = "HELLO, EDITED";
    const edited = await editor.save({ threadId, checkpointId: old.id, text: formatState(values), confirmWhileBusy: async () => assert.fail("the thread is idle") });
    assert.ok(edited, "the save made a checkpoint");

    const fork = await gateway.getState(threadId, { checkpointId: edited });
    assert.equal(fork.metadata.source, "update");
    assert.equal(fork.parent_checkpoint?.checkpoint_id, old.id, "the edit forks from the old checkpoint");
    assert.deepEqual(contents(fork.values), ["HELLO, EDITED"]);
    assert.deepEqual(fork.next, ["agent"], "written as the checkpoint's own writer, the agent runs next");

    await session.rerunFrom(edited, pirate.assistant_id);
    assert.deepEqual(
      session.model.messages.map((m) => m.content),
      ["HELLO, EDITED", '[Pirate] You said: "HELLO, EDITED". This is the start of our thread.'],
    );
    assert.equal(session.model.messages[1].author?.name, "Pirate");
    assert.equal(session.selectedAssistantId, pirate.assistant_id);
    assert.equal(session.thread.branch, "edited state · step 1", "the panel says it shows the edited branch");

    const oldBranch = await gateway.getState(threadId, { checkpointId: originalHead! });
    assert.deepEqual(contents(oldBranch.values), contents(before.values), "the old branch's head is unchanged on the server");
    assert.deepEqual(contents((await gateway.getState(threadId, { checkpointId: old.id })).values), ["hello"]);

    const after = await timeline.open();
    assert.equal(after.head.at(-1)?.step, -1, "the head line reaches the thread's first checkpoint");
    assert.ok(after.head.some((row) => row.id === edited), "the new head line runs through the edit");
    const branches = after.forks.get(old.id) ?? [];
    assert.equal(branches.length, 1, "the old line hangs under the checkpoint it forked from");
    assert.equal(branches[0][0].id, originalHead);
  });

  it("values that do not fit the graph's state schema, invalid JSON and a removed key are refused, and nothing is written", async function () {
    // The local server derives a graph's schema from its TypeScript types: seconds, more on a busy machine.
    this.timeout(180_000);
    const { client } = recordSession(server.url);
    const gateway = DeploymentGateway.to({ url: server.url, timeoutMs: 150_000 });
    const tally = await defaultAssistant(client, "tally");
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, tally.assistant_id, { input: { messages: [{ type: "human", content: "hi" }], topic: "tea" } });
    const head = await gateway.getState(thread.thread_id);
    const checkpointId = head.checkpoint!.checkpoint_id!;
    const editor = new CheckpointEditor(gateway);
    const save = (text: string) => editor.save({ threadId: thread.thread_id, checkpointId, text, confirmWhileBusy: async () => true });
    const values = head.values as Values;
    const schema = await editor.schemaAt(thread.thread_id, values);
    assert.deepEqual(Object.keys(schema?.properties ?? {}).sort(), ["topic", "turns"], "the message list, which its schema misdescribes, is left unchecked");

    await assert.rejects(save(formatState({ ...values, turns: "three" })), (error: Error) => error instanceof SaveRefused && /state schema: line \d+: Incorrect type\. Expected "number"/.test(error.message));
    await assert.rejects(save('{ "turns": 2, }'), (error: Error) => error instanceof SaveRefused && /not valid JSON|Trailing comma/.test(error.message));
    await assert.rejects(save(formatState({ messages: values.messages, turns: 2 })), (error: Error) => error instanceof SaveRefused && /"topic"/.test(error.message));
    assert.equal((await gateway.getHistory(thread.thread_id, { limit: 50 })).length, 3, "no checkpoint was written");

    // A value that fits is saved, and the next run reads it.
    const saved = await save(formatState({ ...values, topic: "coffee", turns: 10 }));
    assert.ok(saved);
    await client.runs.wait(thread.thread_id, tally.assistant_id, { input: { messages: [{ type: "human", content: "more" }] } });
    const reply = contents((await gateway.getState(thread.thread_id)).values).at(-1);
    assert.equal(reply, 'Turn 11 about coffee: you said "more".');
  });

  it("a state schema that cannot be read is said, and the save goes ahead unchecked", async () => {
    const { client } = recordSession(server.url);
    const tally = await defaultAssistant(client, "tally");
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, tally.assistant_id, { input: { messages: [{ type: "human", content: "hi" }], topic: "tea" } });
    const proxy = await startHttpFaultProxy(server.url);
    try {
      proxy.failAll(500, /\/schemas/);
      const gateway = DeploymentGateway.to({ url: proxy.url, retry: { baseDelayMs: 5 } });
      const head = await gateway.getState(thread.thread_id);
      const told: unknown[] = [];
      const editor = new CheckpointEditor(gateway);
      // A value the schema would refuse (turns is a number): with no schema to check, it is written.
      const saved = await editor.save({
        threadId: thread.thread_id,
        checkpointId: head.checkpoint!.checkpoint_id!,
        text: formatState({ ...(head.values as Values), turns: "three" }),
        confirmWhileBusy: async () => true,
        schemaUnavailable: (error) => told.push(error),
      });
      assert.ok(saved, "the save went ahead");
      assert.equal(told.length, 1, "the editor said the schema could not be read");
      assert.equal(mapError(told[0], { url: proxy.url }).kind, "server");
      assert.ok(proxy.received.some((r) => /\/schemas/.test(r)), "the schema was asked for");
      assert.equal(((await gateway.getState(thread.thread_id)).values as Values).turns, "three");
    } finally {
      await proxy.close();
    }
  });

  it("a checkpoint the thread no longer has says so, and the server is not asked to write over it", async () => {
    const { client, gateway, session } = recordSession(server.url);
    await session.load();
    const echo = await defaultAssistant(client, "echo");
    await session.send("hello", echo.assistant_id);
    const threadId = session.threadId!;
    const editor = new CheckpointEditor(gateway);
    const missing = "1f1f1bdb-7b91-68b0-8004-bc02af478786";
    const countBefore = (await gateway.getHistory(threadId, { limit: 50 })).length;
    const error = await editor.save({ threadId, checkpointId: missing, text: '{"messages": []}', confirmWhileBusy: async () => true }).then(
      () => assert.fail("saved against a missing checkpoint"),
      (e: unknown) => e,
    );
    const described = mapError(error, { url: server.url });
    assert.equal(described.kind, "notFound");
    assert.match(described.message, /Checkpoint 1f1f1bdb of thread .* no longer exists/);
    assert.equal((await gateway.getHistory(threadId, { limit: 50 })).length, countBefore, "nothing was written in its place");

    await session.rerunFrom(missing, echo.assistant_id);
    assert.match(session.error?.message ?? "", /no longer exists/);

    const head = (await gateway.getState(threadId)).checkpoint!.checkpoint_id!;
    await client.threads.delete(threadId);
    const gone = await editor.read(threadId, head).then(
      () => assert.fail("read a deleted thread"),
      (e: unknown) => mapError(e, { url: server.url, subject: "Thread" }),
    );
    assert.equal(gone.kind, "notFound");
  });

  it("saving while a run streams on the thread asks first; declining writes nothing", async function () {
    // The local server derives a graph's schema from its TypeScript types: read it before the run starts.
    this.timeout(180_000);
    const { client } = recordSession(server.url);
    const gateway = DeploymentGateway.to({ url: server.url, timeoutMs: 150_000 });
    const slow = await defaultAssistant(client, "slow");
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, slow.assistant_id, { input: { messages: [{ type: "human", content: "one" }] }, config: { configurable: { delay_ms: 0 } } });
    const head = await gateway.getState(thread.thread_id);
    const editor = new CheckpointEditor(gateway);
    await editor.schemaAt(thread.thread_id, head.values);
    const run = await client.runs.create(thread.thread_id, slow.assistant_id, { input: { messages: [{ type: "human", content: "two" }] }, config: { configurable: { delay_ms: 2000 } } });
    for (let status = ""; status !== "busy"; ) {
      status = (await gateway.getThread(thread.thread_id))?.status ?? "";
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const values = structuredClone(head.values) as Values;
    values.messages[0].content = "ONE";
    let asked = 0;
    try {
      await assert.rejects(
        editor.save({
          threadId: thread.thread_id,
          checkpointId: head.checkpoint!.checkpoint_id!,
          text: formatState(values),
          confirmWhileBusy: async () => (asked++, false),
        }),
        (error: Error) => error instanceof SaveRefused && /a run is streaming/.test(error.message),
      );
      assert.equal(asked, 1);
    } finally {
      await client.runs.cancel(thread.thread_id, run.run_id, true).catch(() => undefined);
    }
    const history = await gateway.getHistory(thread.thread_id, { limit: 50 });
    assert.ok(!history.some((c) => c.metadata.source === "update"), "no edit was written");
  });

  it("the timeline reads one page at a time, and older pages join the same line", async () => {
    const { client, gateway } = recordSession(server.url);
    const echo = await defaultAssistant(client, "echo");
    const thread = await client.threads.create();
    for (const text of ["a", "b", "c"]) await client.runs.wait(thread.thread_id, echo.assistant_id, { input: { messages: [{ type: "human", content: text }] } });
    const timeline = new TimelineModel(gateway, thread.thread_id, 4);
    const first = await timeline.open();
    assert.equal(first.head.length, 4);
    assert.equal(timeline.hasMore, true);
    assert.equal(first.head[0].messagesAdded, 1);
    while (timeline.hasMore) await timeline.loadMore();
    const all = timeline.timeline;
    assert.equal(all.head.length, 9, "three runs of three checkpoints, one line");
    assert.deepEqual(all.head.map((r) => r.step), [7, 6, 5, 4, 3, 2, 1, 0, -1], "newest first");
    assert.equal(all.forks.size + all.detached.length, 0);
  });

  it("re-running from a checkpoint where nothing is left to run says so", async () => {
    const { session, client } = recordSession(server.url);
    await session.load();
    const echo = await defaultAssistant(client, "echo");
    await session.send("hello", echo.assistant_id);
    const head = (await client.threads.getState(session.threadId!)).checkpoint.checkpoint_id!;
    await session.rerunFrom(head, echo.assistant_id);
    assert.match(session.error?.message ?? "", /Nothing is left to run/);
    assert.equal(session.model.messages.length, 2);
  });

  it("a comparison of two checkpoints names the keys that changed: what the agent node wrote, and how an edited branch differs", async () => {
    const { client, gateway } = recordSession(server.url);
    const tally = await defaultAssistant(client, "tally");
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, tally.assistant_id, { input: { messages: [{ type: "human", content: "hi" }], topic: "tea" } });
    const { head } = await new TimelineModel(gateway, thread.thread_id).open();
    const agentRow = head.find((row) => row.writers.includes("agent"));
    assert.ok(agentRow?.parentId);
    const [before, after] = await Promise.all([gateway.getCheckpoint(thread.thread_id, agentRow.parentId), gateway.getCheckpoint(thread.thread_id, agentRow.id)]);
    assert.deepEqual(changedKeys(before?.values, after?.values), ["messages", "turns"], "the agent added a reply and counted a turn; the topic stayed");
    assert.equal(describeChanges(changedKeys(after?.values, after?.values)), "no changes");

    const edited = await gateway.updateState(thread.thread_id, { topic: "coffee" }, { checkpointId: agentRow.id, asNode: "agent" });
    const branch = await gateway.getCheckpoint(thread.thread_id, edited);
    assert.equal(describeChanges(changedKeys(after?.values, branch?.values)), "changed: topic");
  });

  it("a re-run from a checkpoint before an interrupt stops at it again, and the card's answer is the one used on the new branch", async () => {
    const { session, client, gateway } = recordSession(server.url);
    await session.load();
    const approval = await defaultAssistant(client, "approval");
    await session.send("mail bob", approval.assistant_id);
    assert.ok(session.interrupt, "the first run waits for approval");
    await session.resume({ type: "accept" });
    assert.match(session.model.messages.at(-1)?.content ?? "", /^Approved\. Done/);

    const { head } = await new TimelineModel(gateway, session.threadId!).open();
    const beforeReview = head.find((row) => row.writers.includes("draft"));
    assert.ok(beforeReview, "the checkpoint the draft node wrote, before the review");
    await session.rerunFrom(beforeReview.id, approval.assistant_id);
    assert.equal(session.interrupt?.request?.action, "send_message", "the re-run stops at the same interrupt");
    await session.resume({ type: "reject" });
    assert.match(session.model.messages.at(-1)?.content ?? "", /^Rejected\./, "not the answer given on the first branch");
    const state = await gateway.getState(session.threadId!);
    assert.match(messagesOfValues(state.values).at(-1)?.content as string, /^Rejected\./);
  });
});

