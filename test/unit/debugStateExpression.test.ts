import assert from "node:assert/strict";
import { NodeBreakpoints, nodeAddedOnLine } from "../../src/debug/nodeBreakpoints";
import { formatPath, parsePath, valueAt, withValueAt } from "../../src/debug/stateExpression";

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
    assert.match(nested.message ?? "", /inside the subgraph agent/);
    assert.match(empty.message ?? "", /needs a node name/);
    assert.deepEqual(breakpoints.interrupts(), { before: ["tools"], after: ["agent"] });
    assert.deepEqual(breakpoints.hitBy(["tools"], "agent").map((b) => b.id), [tools.id, after.id]);
  });
});
