/**
 * The event log against a real server: the chat's runs stream the modes a thread's open log picks
 * (through the gateway), and every mode produces rows: time, mode, namespace, node, summary, with the
 * event's JSON to open and copy.
 */
import assert from "node:assert/strict";
import { STREAM_MODE_NAMES, type StreamModeName } from "../../src/common/streamModes";
import { EventLogSession } from "../../src/eventLog/eventLogSession";
import { EventLogStore } from "../../src/eventLog/eventLogStore";
import type { EventRowView, HostToEventLog } from "../../src/protocol/eventLogProtocol";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, recordSession } from "../harness/chatHarness";

type Snapshot = Extract<HostToEventLog, { type: "snapshot" }>;

/** A chat panel whose run events feed an event log store, as extension.ts wires them. */
function loggedChat(url: string, store: EventLogStore) {
  return recordSession(url, undefined, {
    streamModes: (threadId) => store.extraModes(threadId),
    onRunEvent: (assistantId, threadId, part, runId) => store.record(threadId, assistantId, runId, part),
  });
}

function openLog(store: EventLogStore, threadId: string) {
  const posted: HostToEventLog[] = [];
  const copied: string[] = [];
  const session = new EventLogSession(
    {
      store,
      post: (message) => posted.push(structuredClone(message)),
      copy: async (json) => void copied.push(json),
      title: () => "thread",
      runLabel: (run) => run.key,
      truncatedNote: () => "cut",
    },
    threadId,
  );
  return { session, posted, copied, snapshot: () => session.snapshot() as Snapshot };
}

const modesOf = (rows: readonly EventRowView[]) => new Set(rows.map((row) => row.mode));

describe("event log: every stream mode of a chat's run, against a real server", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  it("each stream mode picked in an open log produces its rows, from inside subgraphs too", async () => {
    const store = new EventLogStore();
    const chat = loggedChat(server.url, store);
    await chat.session.load();
    const supervisor = await defaultAssistant(chat.client, "supervisor");
    // The thread exists once the first message is sent; the log opens on it before the second run.
    await chat.session.send("hello", supervisor.assistant_id);
    const threadId = chat.session.threadId!;
    const log = openLog(store, threadId);
    assert.deepEqual(store.extraModes(threadId), ["values", "debug", "tasks", "checkpoints", "events"], "every mode the chat does not stream itself");

    await chat.session.send("status", supervisor.assistant_id);
    const snapshot = log.snapshot();
    assert.equal(snapshot.runs.length, 2, "one entry per run");
    const rows = snapshot.rows;
    // langgraph-api 2 fails a run that streams values with subgraphs: the gateway leaves values out there.
    const streamable: readonly string[] = server.version.startsWith("1.") ? STREAM_MODE_NAMES : STREAM_MODE_NAMES.filter((mode) => mode !== "values");
    for (const mode of streamable) assert.ok(modesOf(rows).has(mode), `rows of ${mode}`);
    assert.equal(modesOf(rows).has("values"), streamable.includes("values"));
    assert.equal(rows[0].mode, "metadata", "the run's first event names it");
    assert.deepEqual(rows.map((row) => row.seq), rows.map((_, i) => i));

    const row = (mode: string, test: (row: EventRowView) => boolean = () => true) => {
      const found = rows.find((r) => r.mode === mode && test(r));
      assert.ok(found, `a ${mode} row`);
      return found;
    };
    // Rows say where and what: the node, the subgraph, a one-line summary.
    assert.match(row("updates", (r) => r.node === "supervisor").summary, /^wrote \{messages/);
    assert.equal(row("messages-tuple", (r) => r.namespace === "researcher").node, "agent", "a sub-agent's tokens, under its subgraph");
    assert.match(row("custom").summary, /Supervisor → (researcher|writer)/);
    assert.match(row("checkpoints").summary, /step \d+/);
    assert.match(row("tasks", (r) => r.summary.startsWith("result")).node, /\w/);
    assert.match(row("debug").summary, /^(checkpoint|task|task_result) step \d+/);
    assert.match(row("events").summary, /^on_/);
    assert.ok(rows.some((r) => r.namespace !== "" && r.mode === "updates"), "updates from inside a subgraph");
    for (const r of rows) assert.ok(r.time >= snapshot.rows[0].time, "times in order");

    // A row opens to the event's JSON and copies as JSON.
    const custom = row("custom");
    await log.session.handle({ type: "expand", runKey: snapshot.runKey!, seq: custom.seq });
    const detail = log.posted.find((m): m is Extract<HostToEventLog, { type: "detail" }> => m.type === "detail");
    assert.ok(detail);
    const opened = JSON.parse(detail.json) as { event: string; data: unknown };
    assert.match(opened.event, /^custom/);
    await log.session.handle({ type: "copy", runKey: snapshot.runKey!, seq: custom.seq });
    assert.deepEqual(JSON.parse(log.copied[0]), opened, "Copy gives the same JSON");

    // The first run, streamed before the log was open, had only the chat's modes.
    await log.session.handle({ type: "selectRun", runKey: snapshot.runs[0].key });
    const first = log.snapshot();
    const chatModes = new Set(["metadata", "messages-tuple", "updates", "custom"]);
    assert.deepEqual([...modesOf(first.rows)].filter((mode) => !chatModes.has(mode)), []);
    assert.ok(modesOf(first.rows).has("messages-tuple"));
    log.session.dispose();
  });

  it("streams only the modes the log picks, and nothing extra once it is closed", async () => {
    const store = new EventLogStore();
    const chat = loggedChat(server.url, store);
    await chat.session.load();
    const tally = await defaultAssistant(chat.client, "echo");
    await chat.session.send("one", tally.assistant_id);
    const threadId = chat.session.threadId!;
    const log = openLog(store, threadId);
    const picked: StreamModeName[] = ["updates", "tasks"];
    await log.session.handle({ type: "setModes", modes: picked });
    assert.deepEqual(store.extraModes(threadId), ["tasks"]);
    await chat.session.send("two", tally.assistant_id);
    assert.deepEqual([...modesOf(log.snapshot().rows)].sort(), ["messages-tuple", "metadata", "tasks", "updates"]);

    log.session.dispose();
    assert.deepEqual(store.extraModes(threadId), [], "a closed log asks for nothing");
    await chat.session.send("three", tally.assistant_id);
    const runs = store.runs(threadId);
    assert.equal(runs.length, 3);
    assert.ok(!runs[2].events.some((event) => event.event.startsWith("tasks")), "the run after closing streamed no tasks");
  });

  it("sends the rows of a live run in batches, not one message per event", async () => {
    const store = new EventLogStore();
    const chat = loggedChat(server.url, store);
    await chat.session.load();
    const echo = await defaultAssistant(chat.client, "echo");
    await chat.session.send("first", echo.assistant_id);
    const log = openLog(store, chat.session.threadId!);
    await chat.session.send("a longer message that streams back as many tokens, one after the other", echo.assistant_id);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const live = log.posted.filter((m): m is Extract<HostToEventLog, { type: "rows" }> => m.type === "rows");
    const streamedRows = live.flatMap((m) => m.rows);
    const all = log.snapshot().rows;
    // The new run's snapshot carried its first event; every later one came in a rows batch, once.
    assert.deepEqual(
      streamedRows.map((r) => r.seq),
      all.slice(1).map((r) => r.seq),
    );
    assert.ok(live.length < streamedRows.length, `${live.length} messages for ${streamedRows.length} rows`);
    log.session.dispose();
  });
});
