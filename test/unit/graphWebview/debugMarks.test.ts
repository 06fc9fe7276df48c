import assert from "node:assert/strict";
import { layoutGraph, normalizeGraph } from "../../../src/graph/graphModel";
import type { GraphLayout } from "../../../src/protocol/graphProtocol";
import { click, graphSnapshot, openGraphPage, type GraphPage } from "./harness";

const LAYOUT: GraphLayout = layoutGraph(
  normalizeGraph({
    nodes: [{ id: "__start__" }, { id: "agent" }, { id: "tools" }, { id: "__end__" }],
    edges: [
      { source: "__start__", target: "agent", conditional: false },
      { source: "agent", target: "tools", conditional: true },
      { source: "tools", target: "agent", conditional: false },
      { source: "agent", target: "__end__", conditional: true },
    ],
  }),
);
const ASSISTANT = { id: "asst-1", name: "Weather", graphId: "tools" };

const marker = (page: GraphPage, node: string, stop: "before" | "after") => page.node(node).querySelector(`.node-breakpoint[data-stop="${stop}"]`)!;

describe("graph webview: debugger breakpoints and the paused node", () => {
  let page: GraphPage;
  afterEach(() => page?.close());

  it("shows node breakpoints as markers, before on the left edge and after on the right", async () => {
    page = await openGraphPage({ width: 800, height: 600 });
    page.send(graphSnapshot({ assistant: ASSISTANT, layout: LAYOUT, debug: { breakpoints: [{ node: "tools", stop: "before" }], paused: [] } }));
    assert.equal(page.node("__start__").querySelectorAll(".node-breakpoint").length, 0, "start and end take no breakpoints");
    assert.equal(marker(page, "tools", "before").classList.contains("set"), true);
    assert.equal(marker(page, "tools", "after").classList.contains("set"), false);
    assert.equal(marker(page, "agent", "before").classList.contains("set"), false);
    assert.equal(Number(marker(page, "tools", "before").getAttribute("cx")), 0);

    page.send({ type: "debug", debug: { breakpoints: [{ node: "agent", stop: "after" }], paused: ["tools"] } });
    assert.equal(marker(page, "tools", "before").classList.contains("set"), false, "a removed breakpoint loses its marker");
    assert.equal(marker(page, "agent", "after").getAttribute("aria-pressed"), "true");
    assert.ok(page.node("tools").classList.contains("paused"), "the paused node is highlighted");
    assert.ok(!page.node("agent").classList.contains("paused"));
    page.send({ type: "debug", debug: { breakpoints: [], paused: [] } });
    assert.ok(!page.node("tools").classList.contains("paused"), "a run that goes on clears the highlight");
  });

  it("a click on a marker asks the host to toggle that breakpoint, not to select the node", async () => {
    page = await openGraphPage({ width: 800, height: 600 });
    page.send(graphSnapshot({ assistant: ASSISTANT, layout: LAYOUT }));
    click(page, marker(page, "tools", "before"));
    click(page, marker(page, "agent", "after"));
    assert.deepEqual(page.posted.slice(1), [
      { type: "toggleBreakpoint", node: "tools", stop: "before" },
      { type: "toggleBreakpoint", node: "agent", stop: "after" },
    ]);
    click(page, page.node("tools").querySelector(".node-shape")!);
    assert.deepEqual(page.posted.at(-1), { type: "selectNode", node: "tools" });
  });
});
