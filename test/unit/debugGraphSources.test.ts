import assert from "node:assert/strict";
import { graphFileIn, lineAddingNode } from "../../src/debug/graphSources";

describe("where a graph's nodes are added in the workspace's source", () => {
  const config = JSON.stringify({ graphs: { tools: "./tools.ts:graph", supervisor: { path: "./agents/supervisor.py:graph", description: "…" }, bare: "./bare.ts", broken: 7 } });

  it("reads the graph's file from a langgraph.json entry, a string or an object with a path", () => {
    assert.equal(graphFileIn(config, "tools"), "./tools.ts");
    assert.equal(graphFileIn(config, "supervisor"), "./agents/supervisor.py");
    assert.equal(graphFileIn(config, "bare"), "./bare.ts");
    assert.equal(graphFileIn(JSON.stringify({ graphs: { win: "C:\\agents\\tools.ts:graph" } }), "win"), "C:\\agents\\tools.ts");
  });

  it("knows no file for a graph the config does not declare, or a config that does not parse", () => {
    assert.equal(graphFileIn(config, "other"), undefined);
    assert.equal(graphFileIn(config, "broken"), undefined);
    assert.equal(graphFileIn("{ not json", "tools"), undefined);
    assert.equal(graphFileIn("[]", "tools"), undefined);
  });

  it("finds the line that adds a node by name, in JS/TS and Python", () => {
    const source = ["const graph = new StateGraph(State)", '  .addNode("agent", agent)', "  .addNode('tools', tools)", 'builder.add_node("review", review)'].join("\n");
    assert.equal(lineAddingNode(source, "agent"), 2);
    assert.equal(lineAddingNode(source, "tools"), 3);
    assert.equal(lineAddingNode(source.replace(/\n/g, "\r\n"), "review"), 4);
    assert.equal(lineAddingNode(source, "missing"), undefined);
  });
});
