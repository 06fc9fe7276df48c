import assert from "node:assert/strict";
import { buildTimeline, originOf } from "../../src/timeline/checkpointLines";
import { formatState, parseState, stateUpdate } from "../../src/timeline/stateEdit";
import { parseCheckpointPath, schemaPath, statePath } from "../../src/timeline/checkpointPaths";
import type { ThreadCheckpoint } from "../../src/deployment/types";

/** A history entry: id, parent, step, source, message ids, and the tasks it left. */
function entry(id: string, parent: string | undefined, step: number, source: string, messages: string[], tasks: ThreadCheckpoint["tasks"] = []): ThreadCheckpoint {
  return {
    values: { messages: messages.map((m) => ({ id: m, type: m.startsWith("h") ? "human" : "ai", content: m })) },
    next: tasks.map((t) => t.name ?? ""),
    checkpoint: { checkpoint_id: id },
    parent_checkpoint: parent ? { checkpoint_id: parent } : null,
    metadata: { step, source },
    created_at: "2026-12-01T10:00:00Z",
    tasks,
  };
}

const task = (name: string, result?: unknown) => ({ name, result, interrupts: [] });

describe("checkpoint timeline", () => {
  // c0 -input-> c1 -start-> c2 -agent-> c3 (old head); c1 edited into e2 -agent-> e3 (new head)
  const history = [
    entry("e3", "e2", 2, "loop", ["h1'", "a1'"]),
    entry("e2", "c1", 1, "update", ["h1'"], [task("agent", { messages: [] })]),
    entry("c3", "c2", 2, "loop", ["h1", "a1"]),
    entry("c2", "c1", 1, "loop", ["h1"], [task("agent", { messages: [] })]),
    entry("c1", "c0", 0, "loop", ["h1"], [task("agent")]),
    entry("c0", undefined, -1, "input", [], [task("__start__", { messages: [] })]),
  ];

  it("the head's line runs back through the edit, and the old line hangs under the checkpoint it forked from", () => {
    const timeline = buildTimeline(history);
    assert.deepEqual(timeline.head.map((r) => r.id), ["e3", "e2", "c1", "c0"]);
    assert.deepEqual([...timeline.forks.keys()], ["c1"]);
    assert.deepEqual(timeline.forks.get("c1")?.map((line) => line.map((r) => r.id)), [["c3", "c2"]]);
    assert.deepEqual(timeline.detached, []);
  });

  it("each row says who wrote it and how many messages it added", () => {
    const rows = new Map(buildTimeline(history).head.concat(buildTimeline(history).forks.get("c1")![0]).map((r) => [r.id, r]));
    assert.deepEqual(rows.get("e3")?.writers, ["agent"]);
    assert.equal(rows.get("e3")?.messagesAdded, 1);
    assert.equal(originOf(rows.get("e2")!), "edited");
    assert.equal(originOf(rows.get("c0")!), "input");
    assert.equal(originOf(rows.get("c3")!), "agent");
    assert.equal(rows.get("c0")?.messagesAdded, undefined, "the first checkpoint has no parent to compare with");
  });

  it("a line whose fork point is not read yet waits at the top level", () => {
    const timeline = buildTimeline(history.slice(0, 4));
    assert.deepEqual(timeline.head.map((r) => r.id), ["e3", "e2"]);
    assert.deepEqual(timeline.detached.map((line) => line.map((r) => r.id)), [["c3", "c2"]]);
  });
});

describe("editing state", () => {
  const before = {
    messages: [
      { id: "h1", type: "human", content: "hello" },
      { id: "a1", type: "ai", content: "hi" },
    ],
    topic: "tea",
    turns: 1,
  };

  it("sends only what changed: one edited message, a changed key", () => {
    const after = structuredClone(before);
    after.messages[0].content = "HELLO";
    after.turns = 2;
    assert.deepEqual(stateUpdate(before, after), { messages: [{ id: "h1", type: "human", content: "HELLO" }], turns: 2 });
  });

  it("a deleted message is sent as a removal; nothing changed sends nothing", () => {
    assert.deepEqual(stateUpdate(before, { ...before, messages: [before.messages[0]] }), { messages: [{ type: "remove", id: "a1" }] });
    assert.equal(stateUpdate(before, structuredClone(before)), undefined);
  });

  it("a removed key is refused with its name", () => {
    assert.throws(() => stateUpdate(before, { messages: before.messages, turns: 1 }), /"topic"/);
  });

  it("the document sorts keys, points at its schema, and parses back without the pointer", () => {
    const text = formatState({ turns: 1, topic: "tea", messages: [] }, "langgraph-checkpoint:/schema/t/c.json");
    assert.deepEqual(Object.keys(JSON.parse(text) as object), ["$schema", "messages", "topic", "turns"]);
    assert.deepEqual(parseState(text), { messages: [], topic: "tea", turns: 1 });
    assert.throws(() => parseState("[1]"), /must be a JSON object/);
    assert.throws(() => parseState("{"), /not valid JSON/);
  });

  it("document paths round-trip and the schema path is told apart", () => {
    assert.deepEqual(parseCheckpointPath(statePath("t-1", "c-2", "step 3 · agent")), { kind: "state", threadId: "t-1", checkpointId: "c-2" });
    assert.deepEqual(parseCheckpointPath(schemaPath("t-1", "c-2")), { kind: "schema", threadId: "t-1", checkpointId: "c-2" });
    assert.equal(parseCheckpointPath("/t-1.json"), undefined);
  });
});
