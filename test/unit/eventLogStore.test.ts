/** The event log store's bounds: threads, runs per thread, and events in all, and what an open log hears when one is reached. */
import assert from "node:assert/strict";
import { EventLogSession } from "../../src/eventLog/eventLogSession";
import { EventLogStore, type EventLogLimits } from "../../src/eventLog/eventLogStore";
import type { HostToEventLog } from "../../src/protocol/eventLogProtocol";

function store(limits: Partial<EventLogLimits>) {
  let tick = 0;
  return new EventLogStore(() => ++tick, { threads: 20, runsPerThread: 10, events: 100, ...limits });
}

/** `count` events of run `runId` on `threadId`. */
function stream(log: EventLogStore, threadId: string, runId: string, count: number) {
  for (let i = 0; i < count; i++) log.record(threadId, "agent", runId, { event: "updates", data: { agent: { i } } });
}

function openLog(log: EventLogStore, threadId: string) {
  const posted: HostToEventLog[] = [];
  const session = new EventLogSession({ store: log, post: (message) => posted.push(structuredClone(message)), copy: async () => undefined, title: () => "log", runLabel: (run) => `${run.key}${run.dropped ? " (full)" : ""}`, truncatedNote: () => "" }, threadId);
  return { session, posted, runMessages: () => posted.filter((message) => message.type === "runs") };
}

const eventsOf = (log: EventLogStore, threadId: string) => log.runs(threadId).map((run) => [run.runId, run.events.length]);

describe("event log store: what it keeps", () => {
  it("a full store lets the oldest run go, whichever thread holds it, and that thread's open log drops it from its picker", () => {
    const log = store({ events: 5 });
    stream(log, "a", "a1", 2);
    stream(log, "b", "b1", 1);
    stream(log, "a", "a2", 2);
    const a = openLog(log, "a");

    stream(log, "c", "c1", 1);
    assert.deepEqual(eventsOf(log, "a"), [["a2", 2]], "the oldest run, a1, made room");
    assert.deepEqual(eventsOf(log, "b"), [["b1", 1]]);
    assert.deepEqual(eventsOf(log, "c"), [["c1", 1]]);
    const [message] = a.runMessages();
    assert.ok(message?.type === "runs");
    assert.deepEqual(message.runs.map((run) => run.key), ["a2"], "the open log of a learns a1 is gone");

    stream(log, "c", "c1", 2);
    assert.deepEqual(eventsOf(log, "b"), [], "then b1, the next oldest");
    assert.deepEqual(eventsOf(log, "a"), [["a2", 2]], "a2, newer than b1, stays");
    assert.deepEqual(eventsOf(log, "c"), [["c1", 3]]);
    a.session.dispose();
  });

  it("a run that alone fills the store keeps its first events and counts the rest, and its label says so once", () => {
    const log = store({ events: 3 });
    const a = openLog(log, "a");
    stream(log, "a", "a1", 2);
    const before = a.runMessages().length;
    stream(log, "a", "a1", 4);
    const [run] = log.runs("a");
    assert.equal(run.events.length, 3);
    assert.equal(run.dropped, 3);
    assert.deepEqual(run.events.map((event) => (event.data as { agent: { i: number } }).agent.i), [0, 1, 0], "the first three are the ones kept");
    const told = a.runMessages().slice(before);
    assert.equal(told.length, 1, "one update, at the first event not kept");
    assert.ok(told[0].type === "runs" && told[0].runs[0].label === "a1 (full)");
    a.session.dispose();
  });

  it("runs and threads past their limits leave, and their events no longer count against the store", () => {
    const log = store({ threads: 2, runsPerThread: 2, events: 6 });
    stream(log, "a", "a1", 2);
    stream(log, "a", "a2", 2);
    stream(log, "a", "a3", 2);
    assert.deepEqual(eventsOf(log, "a"), [["a2", 2], ["a3", 2]], "two runs per thread");
    stream(log, "b", "b1", 2);
    assert.deepEqual(eventsOf(log, "a"), [["a2", 2], ["a3", 2]], "a1's events left with it: b's fit without letting a run go");
    stream(log, "c", "c1", 2);
    assert.deepEqual(eventsOf(log, "a"), [], "two threads: the oldest, a, went");
    stream(log, "c", "c1", 2);
    assert.deepEqual(eventsOf(log, "b"), [["b1", 2]], "a's four events left with it: c's fit beside b's");
    assert.deepEqual(eventsOf(log, "c"), [["c1", 4]]);
    assert.equal(log.runs("c")[0].dropped, 0);
  });
});
