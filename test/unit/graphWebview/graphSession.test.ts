import assert from "node:assert/strict";
import type { HostToGraphWebview } from "../../../src/protocol/graphProtocol";
import { GraphSession, decodeExport, safeFileName, type GraphSessionDeps } from "../../../src/graph/graphSession";
import type { HistoryState } from "../../../src/graph/threadHistory";

const GRAPH = {
  nodes: [{ id: "__start__" }, { id: "agent" }, { id: "__end__" }],
  edges: [
    { source: "__start__", target: "agent", conditional: false },
    { source: "agent", target: "__end__", conditional: false },
  ],
};

/** The gateway's reads, answered from memory; `history` may be swapped per thread, `delay` holds answers back. */
function fakeClient(histories: Record<string, HistoryState[]>, delays: Record<string, number> = {}) {
  const client = {
    getAssistant: async (id: string) => ({ assistant_id: id, name: "Echo", graph_id: "echo" }),
    assistantGraph: async () => GRAPH,
    getHistory: async (threadId: string) => {
      await new Promise((resolve) => setTimeout(resolve, delays[threadId] ?? 0));
      return histories[threadId] ?? [];
    },
  };
  return client as unknown as GraphSessionDeps["gateway"];
}

function session(client: GraphSessionDeps["gateway"], threadId?: string) {
  const posted: HostToGraphWebview[] = [];
  const graph = new GraphSession(
    {
      gateway: client,
      describe: (error) => ({ message: String(error) }),
      post: (message) => posted.push(structuredClone(message)),
      save: async () => undefined,
    },
    "asst-1",
    threadId,
  );
  return { graph, posted };
}

const DONE: HistoryState[] = [
  { metadata: { run_id: "r1", step: 1 }, next: [], tasks: [] },
  { metadata: { run_id: "r1", step: 0 }, next: ["agent"], tasks: [{ name: "agent", result: { messages: ["hi"] }, interrupts: [] }] },
];

describe("graph session (host side of the panel)", () => {
  it("loads the graph and, on a thread, the last run's path", async () => {
    const { graph, posted } = session(fakeClient({ t1: DONE }), "t1");
    await graph.load();
    assert.deepEqual(graph.assistant, { id: "asst-1", name: "Echo", graphId: "echo" });
    assert.equal(graph.layout?.nodes.length, 3);
    assert.deepEqual(graph.runPath.path, ["agent"]);
    assert.deepEqual(posted.map((m) => m.type), ["error", "loading", "graph", "loading", "runPath"]);
    const snapshot = graph.snapshot();
    assert.equal(snapshot.type === "snapshot" && snapshot.run.status, "done");
  });

  it("a run on another thread takes over only when no run is being followed", async () => {
    const { graph } = session(fakeClient({}), "t1");
    graph.onRunEvent("t1", { event: "metadata", data: { run_id: "r1" } });
    graph.onRunEvent("t1", { event: "updates", data: { agent: {} } });
    graph.onRunEvent("t2", { event: "metadata", data: { run_id: "r2" } });
    graph.onRunEvent("t2", { event: "updates", data: { other: {} } });
    assert.equal(graph.threadId, "t1");
    assert.deepEqual(graph.runPath.path, ["agent"]);
    graph.onRunEnd("t2");
    assert.equal(graph.runPath.active, true, "the end of another thread's run changes nothing");
    graph.onRunEnd("t1");
    assert.equal(graph.runPath.status, "done");

    // Now idle: the next run anywhere is followed, even one joined without its metadata event.
    graph.onRunEvent("t2", { event: "updates", data: { agent: {} } });
    assert.equal(graph.threadId, "t2");
    assert.equal(graph.runPath.threadId, "t2");
    assert.deepEqual(graph.runPath.path, ["agent"]);
  });

  it("after an interrupted run, a run on another thread starts a fresh path", () => {
    const { graph } = session(fakeClient({}), "t1");
    graph.onRunEvent("t1", { event: "updates", data: { agent: {} } });
    graph.onRunEvent("t1", { event: "updates", data: { __interrupt__: [{ value: 1 }] } });
    assert.equal(graph.runPath.status, "interrupted");
    graph.onRunEvent("t2", { event: "updates", data: { other: {} } });
    assert.deepEqual(graph.runPath.path, ["other"]);
    assert.equal(graph.runPath.status, "running");
  });

  it("only the latest click's answer is shown", async () => {
    const { graph, posted } = session(fakeClient({ slow: DONE, fast: DONE }, { slow: 30 }), "slow");
    const first = graph.selectNode("agent");
    await graph.followThread("fast");
    await first;
    await new Promise((resolve) => setTimeout(resolve, 40));
    const states = posted.filter((m): m is Extract<HostToGraphWebview, { type: "nodeState" }> => m.type === "nodeState").map((m) => m.state);
    assert.equal(graph.selected?.threadId, "fast");
    assert.equal(states.at(-1)?.threadId, "fast", "the slow answer for the old thread did not overwrite it");
  });

  it("without a thread, a click explains where node states come from", async () => {
    const { graph } = session(fakeClient({}));
    await graph.handle({ type: "selectNode", node: "agent" });
    assert.equal(graph.selected?.status, "noThread");
    await graph.handle({ type: "clearSelection" });
    assert.equal(graph.selected, undefined);
  });

  it("checks exports before they are written", () => {
    assert.ok(decodeExport("svg", `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>`));
    assert.equal(decodeExport("svg", "<html></html>"), undefined);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]).toString("base64");
    assert.deepEqual([...(decodeExport("png", png) ?? [])].slice(0, 2), [0x89, 0x50]);
    assert.equal(decodeExport("png", Buffer.from("GIF89a....").toString("base64")), undefined);
    assert.equal(decodeExport("png", "not base64 at all!"), undefined);
    assert.equal(safeFileName("My Agent / v2"), "My-Agent-v2");
    assert.equal(safeFileName("../../etc"), "etc");
    assert.equal(safeFileName("///"), "graph");
  });
});
