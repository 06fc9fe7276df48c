import assert from "node:assert/strict";
import { NodeBreakpoints, nodeAddedOnLine } from "../../src/debug/nodeBreakpoints";
import { formatPath, parsePath, valueAt, withValueAt } from "../../src/debug/stateExpression";
import { isSubgraph, stepIntoNote, subgraphNodes } from "../../src/debug/subgraphs";

describe("Debug Console paths into the state", () => {
  const state = { messages: [{ content: "hi" }, { content: "there", tool_calls: [{ args: { city: "Oslo" } }] }], "odd key": 1 };

  it("reads names, indexes from either end and quoted keys", () => {
    assert.deepEqual(parsePath("messages[-1].content"), ["messages", -1, "content"]);
    assert.equal(valueAt(state, parsePath("messages[-1].content")), "there");
    assert.equal(valueAt(state, parsePath("$.messages[0].content")), "hi");
    assert.equal(valueAt(state, parsePath('["odd key"]')), 1);
    assert.equal(valueAt(state, parsePath("messages[1].tool_calls[0].args.city")), "Oslo");
  });

  it("says where a path is malformed or missing", () => {
    assert.throws(() => parsePath("messages[x]"), /Expected an index or a quoted key at column 9/);
    assert.throws(() => parsePath("messages..content"), /Expected a name/);
    assert.throws(() => valueAt(state, parsePath("messages[5]")), /messages\[5\] is out of range \(length 2\)/);
    assert.throws(() => valueAt(state, parsePath("values")), /values is not in the state/);
  });

  it("replaces one value in a copy and formats paths back", () => {
    const copy = withValueAt(state, ["messages", 1, "tool_calls", 0, "args", "city"], "Berlin");
    assert.equal(valueAt(copy, parsePath("messages[1].tool_calls[0].args.city")), "Berlin");
    assert.equal(state.messages[1].tool_calls![0].args.city, "Oslo", "the original is untouched");
    assert.equal(formatPath(["messages", -1, "odd key"]), 'messages[-1]["odd key"]');
  });
});

describe("node breakpoints", () => {
  it("finds the node a source line adds, in JS/TS and Python", () => {
    assert.equal(nodeAddedOnLine('  .addNode("tools", new ToolNode([getWeather]))'), "tools");
    assert.equal(nodeAddedOnLine("builder.add_node('agent', call_model)"), "agent");
    assert.equal(nodeAddedOnLine("builder.add_node(call_model)"), undefined);
  });

  it("turns names into interrupts and explains the ones that match no node", () => {
    const breakpoints = new NodeBreakpoints();
    const [tools, after, missing, nested, empty] = breakpoints.setFunctionBreakpoints(["tools", "after:agent", "nope", "agent:inner", " "]);
    assert.equal(tools.verified, false, "unverified until the graph is known");
    breakpoints.setGraphNodes(["__start__", "agent", "tools", "__end__"]);
    assert.deepEqual([tools, after, missing, nested, empty].map((b) => b.verified), [true, true, false, false, false]);
    assert.match(missing.message ?? "", /no node named nope \(its nodes: agent, tools\)/);
    assert.match(nested.message ?? "", /^The graph's drawing does not show the nodes inside agent, so agent:inner cannot be checked/);
    assert.match(empty.message ?? "", /needs a node name/);
    assert.deepEqual(breakpoints.interrupts(), { before: ["tools"], after: ["agent"] });
    assert.deepEqual(breakpoints.hitBy(["tools"], "agent").map((b) => b.id), [tools.id, after.id]);
  });

  it("checks subgraph:node against the subgraph's nodes from the xray drawing; those found stop in replay, not on the server", () => {
    const inside = subgraphNodes(["__start__", "supervisor", "researcher:__start__", "researcher:agent", "researcher:inner:tools", "researcher:inner:__end__", "writer", "__end__"]);
    assert.deepEqual([...inside], [["researcher", ["agent", "inner:tools"]]]);
    const breakpoints = new NodeBreakpoints();
    const [agent, inner, deeper, missing, collapsed, after] = breakpoints.setFunctionBreakpoints(["researcher:agent", "researcher:inner", "researcher:inner:tools", "researcher:nope", "writer:agent", "after:researcher:agent"]);
    breakpoints.setGraphNodes(["supervisor", "researcher", "writer"], inside);
    assert.deepEqual([agent, inner, deeper, missing, collapsed, after].map((b) => b.verified), [true, true, false, false, false, false]);
    for (const b of [agent, inner]) assert.match(b.message ?? "", /^Stops in replay: researcher runs whole in one step of the run/);
    assert.match(deeper.message ?? "", /^A replay reaches one subgraph deep: .* A breakpoint on researcher:inner stops in the replay before it runs\.$/);
    assert.equal(missing.message, "The subgraph researcher has no node named nope (its nodes: agent, inner:tools).");
    assert.match(collapsed.message ?? "", /does not show the nodes inside writer/);
    assert.match(after.message ?? "", /^after:researcher:agent is inside the subgraph researcher, and the server stops a run only before or after the graph's own nodes/);
    // They are no interrupts of the run: the session stops after the subgraph's step itself.
    assert.deepEqual(breakpoints.interrupts(), { before: [], after: [] });
    assert.deepEqual([...breakpoints.subgraphStops()].map(([subgraph, list]) => [subgraph, list.map((b) => b.id)]), [["researcher", [agent.id, inner.id]]]);
  });

  it("says what Step Into does at a subgraph and elsewhere", () => {
    const tasks = [{ name: "writer", checkpoint: { checkpoint_ns: "writer:1" }, interrupts: [] }, { name: "agent", checkpoint: null, interrupts: [] }];
    const subgraph = (node: string) => isSubgraph(node, new Map([["researcher", ["agent"]]]), tasks);
    assert.deepEqual(["researcher", "writer", "agent"].map(subgraph), [true, true, false]);
    assert.match(stepIntoNote(["researcher"], subgraph), /like Step Over: researcher is a subgraph, and the server stops a run only before or after the graph's own nodes .*researcher runs to its end in this step\.$/);
    assert.match(stepIntoNote(["researcher", "writer"], subgraph), /researcher, writer are subgraphs/);
    assert.equal(stepIntoNote(["agent"], subgraph), "Step Into runs one step, like Step Over: agent is not a subgraph.");
  });
});
