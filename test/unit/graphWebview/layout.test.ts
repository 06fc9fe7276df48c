import assert from "node:assert/strict";
import { fetchGraph, layoutGraph, normalizeGraph, type NormalizedGraph, type RawGraph } from "../../../src/graph/graphModel";
import type { GraphLayout, GraphNodeView, Point } from "../../../src/protocol/graphProtocol";

/** The `tools` example graph as the server sends it. */
const TOOLS: RawGraph = {
  nodes: [
    { id: "__start__", type: "schema", data: {} },
    { id: "agent", type: "runnable", data: { name: "agent" } },
    { id: "tools", type: "runnable", data: { name: "func" } },
    { id: "__end__", type: "schema", data: {} },
  ],
  edges: [
    { source: "__start__", target: "agent", conditional: false },
    { source: "tools", target: "agent", conditional: false },
    { source: "agent", target: "tools", conditional: true },
    { source: "agent", target: "__end__", conditional: true },
  ],
};

/** A graph with a subgraph drawn with xray (`research:plan`, `research:act`). */
const XRAY: RawGraph = {
  nodes: [{ id: "__start__" }, { id: "agent" }, { id: "research:plan" }, { id: "research:act" }, { id: "__end__" }],
  edges: [
    { source: "research:plan", target: "research:act", data: "go", conditional: true },
    { source: "__start__", target: "agent", conditional: false },
    { source: "agent", target: "research:plan", conditional: false },
    { source: "research:act", target: "__end__", conditional: false },
  ],
};

function box(node: GraphNodeView) {
  return { left: node.x - node.width / 2, right: node.x + node.width / 2, top: node.y - node.height / 2, bottom: node.y + node.height / 2 };
}

function distanceToBox(point: Point, node: GraphNodeView): number {
  const b = box(node);
  const dx = Math.max(b.left - point.x, 0, point.x - b.right);
  const dy = Math.max(b.top - point.y, 0, point.y - b.bottom);
  const outside = Math.hypot(dx, dy);
  if (outside > 0) return outside;
  return Math.min(point.x - b.left, b.right - point.x, point.y - b.top, b.bottom - point.y);
}

function nodeOf(layout: GraphLayout, id: string): GraphNodeView {
  const node = layout.nodes.find((n) => n.id === id);
  assert.ok(node, `node ${id} is laid out`);
  return node;
}

describe("graph model: normalising the server's graph", () => {
  it("keeps ids, marks start and end, and labels them", () => {
    const graph = normalizeGraph(TOOLS);
    assert.deepEqual(
      graph.nodes.map((n) => [n.id, n.kind, n.label]),
      [
        ["__start__", "start", "start"],
        ["agent", "node", "agent"],
        ["tools", "node", "tools"],
        ["__end__", "end", "end"],
      ],
    );
  });

  it("keeps which edges are conditional and gives each a unique id", () => {
    const graph = normalizeGraph(TOOLS);
    assert.deepEqual(
      graph.edges.map((e) => [e.source, e.target, e.conditional]),
      [
        ["__start__", "agent", false],
        ["tools", "agent", false],
        ["agent", "tools", true],
        ["agent", "__end__", true],
      ],
    );
    assert.equal(new Set(graph.edges.map((e) => e.id)).size, graph.edges.length);
  });

  it("drops duplicate edges, adds nodes only edges mention, and turns numeric ids into strings", () => {
    const graph = normalizeGraph({
      nodes: [{ id: 1 }, { id: "" }, { id: null }],
      edges: [
        { source: 1, target: "b", conditional: false },
        { source: 1, target: "b", conditional: false },
        { source: 1, target: "b", conditional: true, data: "maybe" },
        { source: "b", target: undefined },
      ],
    });
    assert.deepEqual(graph.nodes.map((n) => n.id), ["1", "b"]);
    assert.deepEqual(graph.edges.map((e) => [e.id, e.conditional, e.label]), [
      ["1->b", false, undefined],
      ["1->b#1", true, "maybe"],
    ]);
  });

  it("labels a branch only when its name differs from the target's", () => {
    const graph = normalizeGraph({ edges: [{ source: "a", target: "b", data: "b", conditional: true }, { source: "a", target: "c", data: "other", conditional: true }] });
    assert.deepEqual(graph.edges.map((e) => e.label), [undefined, "other"]);
  });

  it("puts xray nodes into their subgraph's cluster, unless the subgraph is itself a node", () => {
    const graph = normalizeGraph(XRAY);
    assert.equal(graph.nodes.find((n) => n.id === "research:plan")?.cluster, "research");
    assert.equal(graph.nodes.find((n) => n.id === "research:plan")?.label, "plan");
    assert.equal(graph.nodes.find((n) => n.id === "agent")?.cluster, undefined);
    const flat = normalizeGraph({ nodes: [{ id: "a" }, { id: "a:b" }] });
    assert.equal(flat.nodes.find((n) => n.id === "a:b")?.cluster, undefined);
  });
});

describe("graph model: layout", () => {
  it("places every node without overlaps, start at the top and end at the bottom", () => {
    const layout = layoutGraph(normalizeGraph(TOOLS));
    assert.equal(layout.nodes.length, 4);
    for (const node of layout.nodes) {
      for (const value of [node.x, node.y, node.width, node.height]) assert.ok(Number.isFinite(value), `${node.id} has a finite box`);
      assert.ok(node.x - node.width / 2 >= 0 && node.x + node.width / 2 <= layout.width, `${node.id} is inside the drawing horizontally`);
      assert.ok(node.y - node.height / 2 >= 0 && node.y + node.height / 2 <= layout.height, `${node.id} is inside the drawing vertically`);
    }
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b) continue;
        const ba = box(a);
        const bb = box(b);
        const overlap = ba.left < bb.right && bb.left < ba.right && ba.top < bb.bottom && bb.top < ba.bottom;
        assert.ok(!overlap, `${a.id} and ${b.id} do not overlap`);
      }
    }
    assert.ok(nodeOf(layout, "__start__").y < nodeOf(layout, "agent").y, "start above agent");
    assert.ok(nodeOf(layout, "agent").y < nodeOf(layout, "tools").y || nodeOf(layout, "agent").y < nodeOf(layout, "__end__").y, "agent above what follows it");
    assert.ok(nodeOf(layout, "agent").y < nodeOf(layout, "__end__").y, "agent above end");
  });

  it("routes every edge from its source's border to its target's border", () => {
    const layout = layoutGraph(normalizeGraph(TOOLS));
    assert.equal(layout.edges.length, 4);
    for (const edge of layout.edges) {
      assert.ok(edge.points.length >= 2, `${edge.id} has a route`);
      assert.ok(distanceToBox(edge.points[0], nodeOf(layout, edge.source)) < 2, `${edge.id} starts at ${edge.source}`);
      assert.ok(distanceToBox(edge.points.at(-1)!, nodeOf(layout, edge.target)) < 2, `${edge.id} ends at ${edge.target}`);
    }
    assert.deepEqual(layout.edges.filter((e) => e.conditional).map((e) => e.id).sort(), ["agent->__end__", "agent->tools"]);
  });

  it("is deterministic and sizes nodes by their label", () => {
    const graph: NormalizedGraph = normalizeGraph({ edges: [{ source: "__start__", target: "a" }, { source: "a", target: "a_much_longer_node_name" }] });
    const first = layoutGraph(graph);
    assert.deepEqual(layoutGraph(graph), first);
    assert.ok(nodeOf(first, "a_much_longer_node_name").width > nodeOf(first, "a").width);
    assert.ok(nodeOf(first, "__start__").height < nodeOf(first, "a").height, "start and end are smaller pills");
  });

  it("left to right puts start left of end", () => {
    const layout = layoutGraph(normalizeGraph(TOOLS), { direction: "LR" });
    assert.ok(nodeOf(layout, "__start__").x < nodeOf(layout, "__end__").x);
  });

  it("draws a subgraph's box around its nodes and places branch labels", () => {
    const layout = layoutGraph(normalizeGraph(XRAY));
    assert.equal(layout.clusters.length, 1);
    const [cluster] = layout.clusters;
    assert.equal(cluster.id, "research");
    for (const id of ["research:plan", "research:act"]) {
      const b = box(nodeOf(layout, id));
      assert.ok(b.left >= cluster.x && b.right <= cluster.x + cluster.width && b.top >= cluster.y && b.bottom <= cluster.y + cluster.height, `${id} is inside its cluster`);
    }
    const agent = box(nodeOf(layout, "agent"));
    assert.ok(agent.right <= cluster.x || agent.left >= cluster.x + cluster.width || agent.bottom <= cluster.y || agent.top >= cluster.y + cluster.height, "agent is outside");
    const labelled = layout.edges.find((e) => e.label === "go");
    assert.ok(labelled?.labelPosition, "the branch label has a position");
  });

  it("lays out a self-loop and an empty graph", () => {
    const loop = layoutGraph(normalizeGraph({ edges: [{ source: "__start__", target: "a" }, { source: "a", target: "a", conditional: true }] }));
    assert.ok(loop.edges.every((e) => e.points.length >= 2));
    const empty = layoutGraph(normalizeGraph({}));
    assert.deepEqual([empty.nodes.length, empty.edges.length], [0, 0]);
  });
});

describe("graph model: fetching", () => {
  function stubClient(answer: (options: unknown) => unknown) {
    const calls: unknown[] = [];
    const client = {
      assistantGraph: async (_id: string, xray: boolean) => {
        const options = xray ? { xray: true } : undefined;
        calls.push(options);
        return answer(options);
      },
    };
    return { client: client as unknown as Parameters<typeof fetchGraph>[0], calls };
  }

  it("asks for xray and uses it when the server accepts", async () => {
    const { client, calls } = stubClient(() => TOOLS);
    const result = await fetchGraph(client, "a1");
    assert.equal(result.xray, true);
    assert.deepEqual(calls, [{ xray: true }]);
  });

  it("falls back to the plain graph when the server rejects xray", async () => {
    const { client, calls } = stubClient((options) => {
      if ((options as { xray?: boolean } | undefined)?.xray) throw Object.assign(new Error("xray not supported"), { status: 422 });
      return TOOLS;
    });
    const result = await fetchGraph(client, "a1");
    assert.equal(result.xray, false);
    assert.deepEqual(calls, [{ xray: true }, undefined]);
    assert.equal(normalizeGraph(result.raw).nodes.length, 4);
  });

  it("does not retry when the request itself is refused (key, missing assistant, network)", async () => {
    for (const error of [Object.assign(new Error("no"), { status: 401 }), Object.assign(new Error("gone"), { status: 404 }), new TypeError("fetch failed")]) {
      const { client, calls } = stubClient(() => {
        throw error;
      });
      await assert.rejects(fetchGraph(client, "a1"), error);
      assert.equal(calls.length, 1);
    }
  });
});
