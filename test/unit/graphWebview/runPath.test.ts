import assert from "node:assert/strict";
import { RunPath, namespaceNames, type StreamEvent } from "../../../src/graph/runPath";

const metadata = (runId: string): StreamEvent => ({ event: "metadata", data: { run_id: runId, attempt: 1 } });
const update = (node: string, value: unknown = { messages: [] }): StreamEvent => ({ event: "updates", data: { [node]: value } });
/** A `messages-tuple` token event as the server sends it: `[chunk, metadata]`. */
const token = (node: string, step: number, ns = `${node}:${step}-task`): StreamEvent => ({
  event: "messages",
  data: [{ type: "AIMessageChunk", content: "x" }, { langgraph_node: node, langgraph_step: step, langgraph_checkpoint_ns: ns }],
});

function feed(path: RunPath, events: StreamEvent[], threadId = "t1"): boolean[] {
  return events.map((e) => path.apply(e, threadId));
}

describe("RunPath: following a run from its stream", () => {
  it("builds the ordered path from `updates` events alone", () => {
    const path = new RunPath();
    feed(path, [metadata("r1"), update("agent"), update("tools"), update("agent")]);
    assert.deepEqual(path.path, ["agent", "tools", "agent"]);
    assert.deepEqual(path.current, []);
    assert.equal(path.status, "running");
    assert.equal(path.runId, "r1");
    assert.equal(path.threadId, "t1");
  });

  it("knows the executing node from token events, before its update", () => {
    const path = new RunPath();
    const seen: string[][] = [];
    for (const e of [metadata("r1"), token("agent", 1), token("agent", 1), update("agent"), token("tools", 2), update("tools"), token("agent", 3), update("agent")]) {
      path.apply(e, "t1");
      seen.push(path.current);
    }
    assert.deepEqual(seen, [[], ["agent"], ["agent"], [], ["tools"], [], ["agent"], []]);
    assert.deepEqual(path.view().path, [
      { node: "agent", step: 1, status: "done" },
      { node: "tools", step: 2, status: "done" },
      { node: "agent", step: 3, status: "done" },
    ]);
  });

  it("reports a change only when the path or status changed (tokens after the first do not)", () => {
    const path = new RunPath();
    assert.deepEqual(feed(path, [metadata("r1"), token("agent", 1), token("agent", 1), token("agent", 1), update("agent")]), [true, true, false, false, true]);
  });

  it("does not count a node twice when its message arrives after its update", () => {
    const path = new RunPath();
    feed(path, [metadata("r1"), update("draft"), token("draft", 1)]);
    assert.deepEqual(path.path, ["draft"]);
    feed(path, [token("review", 2), update("review"), token("review", 2)]);
    assert.deepEqual(path.path, ["draft", "review"]);
  });

  it("tracks parallel nodes of one step", () => {
    const path = new RunPath();
    feed(path, [metadata("r1"), token("a", 1), token("b", 1)]);
    assert.deepEqual(path.current, ["a", "b"]);
    feed(path, [update("b")]);
    assert.deepEqual(path.current, ["a"]);
    feed(path, [update("a")]);
    assert.deepEqual(path.path, ["a", "b"]);
  });

  it("keeps the last path after the run ends, and a new run replaces it", () => {
    const path = new RunPath();
    feed(path, [metadata("r1"), update("agent"), token("tools", 2)]);
    assert.equal(path.end(), true);
    assert.equal(path.status, "done");
    assert.deepEqual(path.view().path.map((e) => e.status), ["done", "done"]);
    assert.deepEqual(path.path, ["agent", "tools"]);
    assert.equal(path.end(), false, "ending twice changes nothing");
    feed(path, [metadata("r2"), update("agent")]);
    assert.deepEqual(path.path, ["agent"]);
    assert.equal(path.runId, "r2");
  });

  it("a rejoin of the same run keeps the path; a run joined midway starts a path", () => {
    const path = new RunPath();
    feed(path, [metadata("r1"), update("agent"), metadata("r1"), update("tools")]);
    assert.deepEqual(path.path, ["agent", "tools"]);
    const joined = new RunPath();
    feed(joined, [update("tools"), update("agent")]);
    assert.equal(joined.status, "running");
    assert.deepEqual(joined.path, ["tools", "agent"]);
  });

  it("an interrupt marks the waiting node and the run; ending keeps it interrupted", () => {
    const path = new RunPath();
    feed(path, [metadata("r1"), update("draft"), token("review", 2), { event: "updates", data: { __interrupt__: [{ id: "i1", value: {} }] } }]);
    assert.equal(path.status, "interrupted");
    assert.deepEqual(path.view().path.map((e) => [e.node, e.status]), [
      ["draft", "done"],
      ["review", "interrupted"],
    ]);
    path.end();
    assert.equal(path.status, "interrupted");
  });

  it("an error event fails the run and the running node", () => {
    const path = new RunPath();
    feed(path, [metadata("r1"), token("agent", 1), { event: "error", data: { error: "Boom", message: "boom" } }]);
    assert.equal(path.status, "error");
    assert.deepEqual(path.view().path, [{ node: "agent", step: 1, status: "error" }]);
  });

  it("a run the user stopped settles its running node as stopped", () => {
    const path = new RunPath();
    feed(path, [metadata("r1"), update("agent"), token("tools", 2)]);
    assert.equal(path.end("stopped"), true);
    assert.equal(path.status, "stopped");
    assert.deepEqual(path.view().path.map((e) => e.status), ["done", "stopped"]);
  });

  it("ignores events that say nothing about nodes", () => {
    const path = new RunPath();
    const changes = feed(path, [
      metadata("r1"),
      { event: "values", data: { messages: [] } },
      { event: "updates", data: { __metadata__: { cached: true } } },
      { event: "updates", data: null },
      { event: "messages", data: [{ content: "no metadata" }] },
      { event: "messages", data: [{ content: "x" }, { run_id: "r1" }] },
      { event: "custom", data: { agent: 1 } },
    ]);
    assert.deepEqual(changes, [true, false, false, false, false, false, false]);
    assert.deepEqual(path.path, []);
  });

  it("a subgraph's nodes show as the inner node of the running subgraph node", () => {
    const path = new RunPath();
    feed(path, [
      metadata("r1"),
      update("agent"),
      token("plan", 1, "research:abc|plan:def"),
      { event: "updates|research:abc", data: { plan: {} } },
      token("act", 2, "research:abc|act:ghi"),
    ]);
    assert.deepEqual(path.view().path, [
      { node: "agent", status: "done" },
      { node: "research", inner: "research:act", status: "running" },
    ]);
    feed(path, [update("research")]);
    assert.deepEqual(path.view().path.at(-1), { node: "research", status: "done" });
  });

  it("restores a path read elsewhere", () => {
    const path = new RunPath();
    path.restore({ status: "done", threadId: "t9", runId: "r9", current: [], path: [{ node: "a", step: 1, status: "done" }] });
    assert.deepEqual(path.path, ["a"]);
    assert.equal(path.threadId, "t9");
    assert.equal(path.active, false);
  });

  it("reads checkpoint namespaces", () => {
    assert.deepEqual(namespaceNames("research:1234|plan:5678"), ["research", "plan"]);
    assert.deepEqual(namespaceNames("agent:uuid"), ["agent"]);
    assert.deepEqual(namespaceNames(""), []);
    assert.deepEqual(namespaceNames(undefined), []);
  });
});
