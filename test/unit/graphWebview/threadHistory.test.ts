import assert from "node:assert/strict";
import { MAX_JSON_CHARS, nodeStateFromHistory, pathFromHistory, prettyJson, type HistoryState } from "../../../src/graph/threadHistory";

const ai = (content: string) => ({ messages: [{ type: "ai", content }] });

/** The `tools` run's history as a JS server reports it: newest first, node results in `tasks`. */
const TASK_HISTORY: HistoryState[] = [
  { metadata: { run_id: "r1", source: "loop", step: 3 }, checkpoint: { checkpoint_id: "c3" }, next: [], tasks: [] },
  { metadata: { run_id: "r1", source: "loop", step: 2 }, checkpoint: { checkpoint_id: "c2" }, next: ["agent"], tasks: [{ name: "agent", result: ai("final answer"), error: null, interrupts: [] }] },
  { metadata: { run_id: "r1", source: "loop", step: 1 }, checkpoint: { checkpoint_id: "c1" }, next: ["tools"], tasks: [{ name: "tools", result: { messages: [{ type: "tool", content: "21°C" }] }, error: null, interrupts: [] }] },
  { metadata: { run_id: "r1", source: "loop", step: 0 }, checkpoint: { checkpoint_id: "c0" }, next: ["agent"], tasks: [{ name: "agent", result: ai("calling a tool"), error: null, interrupts: [] }] },
  { metadata: { run_id: "r1", source: "input", step: -1 }, checkpoint: { checkpoint_id: "cin" }, next: ["__start__"], tasks: [{ name: "__start__", result: { messages: [{ type: "human", content: "weather?" }] }, error: null, interrupts: [] }] },
];

/** The same run as a server that records `metadata.writes` reports it. */
const WRITES_HISTORY: HistoryState[] = [
  { metadata: { run_id: "r1", source: "loop", step: 3, writes: { agent: ai("final answer") } }, checkpoint: { checkpoint_id: "c3" }, next: [] },
  { metadata: { run_id: "r1", source: "loop", step: 2, writes: { tools: { messages: [{ type: "tool", content: "21°C" }] } } }, checkpoint: { checkpoint_id: "c2" }, next: ["agent"] },
  { metadata: { run_id: "r1", source: "loop", step: 1, writes: { agent: ai("calling a tool") } }, checkpoint: { checkpoint_id: "c1" }, next: ["tools"] },
  { metadata: { run_id: "r1", source: "loop", step: 0, writes: null }, checkpoint: { checkpoint_id: "c0" }, next: ["agent"] },
  { metadata: { run_id: "r1", source: "input", step: -1, writes: { __start__: { messages: [] } } }, checkpoint: { checkpoint_id: "cin" }, next: ["__start__"] },
];

/** The `approval` run stopped at its interrupt. */
const INTERRUPTED: HistoryState[] = [
  {
    metadata: { run_id: "r2", step: 1 },
    checkpoint: { checkpoint_id: "c1" },
    next: ["review"],
    tasks: [{ name: "review", result: null, error: null, interrupts: [{ id: "i1", value: { description: "Approve?" } }] }],
  },
  { metadata: { run_id: "r2", step: 0 }, checkpoint: { checkpoint_id: "c0" }, next: ["draft"], tasks: [{ name: "draft", result: ai("drafted"), error: null, interrupts: [] }] },
  { metadata: { run_id: "r2", step: -1, source: "input" }, checkpoint: { checkpoint_id: "cin" }, next: ["__start__"], tasks: [{ name: "__start__", result: {}, interrupts: [] }] },
];

describe("thread history: what a node last wrote", () => {
  for (const [kind, history, checkpoint] of [
    ["tasks", TASK_HISTORY, "c2"],
    ["writes", WRITES_HISTORY, "c3"],
  ] as const) {
    it(`finds the newest update of a node (${kind})`, () => {
      const agent = nodeStateFromHistory(history, "agent", "t1");
      assert.equal(agent.status, "found");
      assert.equal(agent.step, 3);
      assert.equal(agent.checkpointId, checkpoint);
      assert.equal(agent.threadId, "t1");
      assert.deepEqual(JSON.parse(agent.json!), ai("final answer"));
      const tools = nodeStateFromHistory(history, "tools");
      assert.equal(tools.step, 2);
      assert.match(tools.json!, /21°C/);
    });
  }

  it("shows the input for the start node and explains the end node", () => {
    assert.match(nodeStateFromHistory(TASK_HISTORY, "__start__").json!, /weather\?/);
    const end = nodeStateFromHistory(TASK_HISTORY, "__end__");
    assert.equal(end.status, "notFound");
    assert.match(end.message!, /end node writes nothing/);
  });

  it("a node waiting on an interrupt shows the interrupt instead of an update", () => {
    const review = nodeStateFromHistory(INTERRUPTED, "review");
    assert.equal(review.status, "found");
    assert.equal(review.json, undefined);
    assert.match(review.interruptsJson!, /Approve\?/);
    assert.match(review.message!, /waiting on an interrupt/);
  });

  it("a failed node shows its error", () => {
    const failed = nodeStateFromHistory([{ metadata: { step: 0 }, tasks: [{ name: "agent", error: "ValueError: boom", interrupts: [] }] }], "agent");
    assert.equal(failed.error, "ValueError: boom");
    assert.match(failed.message!, /failed/);
  });

  it("a node that never ran, and an empty history", () => {
    assert.equal(nodeStateFromHistory(TASK_HISTORY, "nobody").status, "notFound");
    assert.match(nodeStateFromHistory([], "agent").message!, /no checkpoints/);
  });

  it("an xray node shows its subgraph node's update", () => {
    const history: HistoryState[] = [{ metadata: { step: 1, writes: { research: { notes: 1 } } } }];
    const state = nodeStateFromHistory(history, "research:plan");
    assert.deepEqual(JSON.parse(state.json!), { notes: 1 });
    assert.match(state.message!, /subgraph/);
  });

  it("cuts huge JSON", () => {
    const text = prettyJson({ big: "x".repeat(MAX_JSON_CHARS + 10) });
    assert.ok(text.length < MAX_JSON_CHARS + 100);
    assert.match(text, /more characters not shown/);
    assert.equal(prettyJson(undefined), "undefined");
  });
});

describe("thread history: the last run's path", () => {
  it("reads the path from tasks and from writes alike", () => {
    for (const history of [TASK_HISTORY, WRITES_HISTORY]) {
      const view = pathFromHistory(history, "t1");
      assert.deepEqual(view.path.map((e) => [e.node, e.step, e.status]), [
        ["agent", 1, "done"],
        ["tools", 2, "done"],
        ["agent", 3, "done"],
      ]);
      assert.equal(view.status, "done");
      assert.equal(view.runId, "r1");
      assert.equal(view.threadId, "t1");
      assert.deepEqual(view.current, []);
    }
  });

  it("an interrupted run ends at the waiting node", () => {
    const view = pathFromHistory(INTERRUPTED);
    assert.deepEqual(view.path.map((e) => [e.node, e.status]), [
      ["draft", "done"],
      ["review", "interrupted"],
    ]);
    assert.equal(view.status, "interrupted");
  });

  it("only the newest run counts, with the step it resumed", () => {
    const resumed: HistoryState[] = [
      { metadata: { run_id: "r3", step: 2 }, next: [], tasks: [] },
      { metadata: { run_id: "r2", step: 1 }, next: ["review"], tasks: [{ name: "review", result: ai("approved"), interrupts: [{ id: "i1", value: {} }] }] },
      ...INTERRUPTED.slice(1),
    ];
    const view = pathFromHistory(resumed);
    assert.deepEqual(view.path.map((e) => [e.node, e.status]), [["review", "done"]]);
    assert.equal(view.runId, "r3");
  });

  it("no history, no path", () => {
    assert.deepEqual(pathFromHistory([]), { status: "idle", current: [], path: [] });
  });
});
