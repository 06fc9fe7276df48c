import assert from "node:assert/strict";
import { layoutGraph, normalizeGraph } from "../../../src/graph/graphModel";
import type { GraphLayout, HostToGraphWebview, RunPathView } from "../../../src/protocol/graphProtocol";
import { until } from "../../harness/wait";
import { click, graphSnapshot, key, openGraphPage, runClasses, type GraphPage } from "./harness";

const TOOLS_LAYOUT: GraphLayout = layoutGraph(
  normalizeGraph({
    nodes: [{ id: "__start__" }, { id: "agent" }, { id: "tools" }, { id: "__end__" }],
    edges: [
      { source: "__start__", target: "agent", conditional: false },
      { source: "tools", target: "agent", conditional: false },
      { source: "agent", target: "tools", conditional: true },
      { source: "agent", target: "__end__", conditional: true },
    ],
  }),
);
const ASSISTANT = { id: "asst-1", name: "Weather", graphId: "tools" };

function graph(layout = TOOLS_LAYOUT): HostToGraphWebview {
  return { type: "graph", assistant: ASSISTANT, layout };
}

function run(status: RunPathView["status"], path: RunPathView["path"], threadId = "thread-1"): HostToGraphWebview {
  return { type: "runPath", run: { status, threadId, current: path.filter((e) => e.status === "running").map((e) => e.node), path } };
}

/** The viewport's transform as numbers: [x, y, k]. */
function transform(page: GraphPage): number[] {
  const value = page.$(".viewport").getAttribute("transform") ?? "";
  const match = value.match(/translate\(([-\d.]+) ([-\d.]+)\) scale\(([-\d.]+)\)/);
  assert.ok(match, `a translate/scale transform: ${value}`);
  return match.slice(1).map(Number);
}

describe("graph webview: drawing", () => {
  let page: GraphPage;
  afterEach(() => page?.close());

  it("says ready, then draws one node per node and one path per edge", async () => {
    page = await openGraphPage();
    assert.deepEqual(page.posted, [{ type: "ready" }]);
    page.send(graphSnapshot({ assistant: ASSISTANT, layout: TOOLS_LAYOUT }));
    assert.deepEqual(page.$$(".graph-node").map((n) => [n.getAttribute("data-node-id"), n.querySelector(".node-label")?.textContent]), [
      ["__start__", "start"],
      ["agent", "agent"],
      ["tools", "tools"],
      ["__end__", "end"],
    ]);
    assert.ok(page.node("__start__").classList.contains("kind-start"));
    assert.ok(page.node("__end__").classList.contains("kind-end"));
    assert.ok(page.node("agent").classList.contains("kind-node"));
    const edges = page.$$(".graph-edge");
    assert.equal(edges.length, 4);
    for (const edge of edges) {
      const path = edge.querySelector("path.edge-path")!;
      assert.match(path.getAttribute("d") ?? "", /^M[\d.]+,[\d.]+ [LQ]/);
      assert.match(path.getAttribute("marker-end") ?? "", /^url\(#lg-graph-arrow\)$/);
      const conditional = edge.getAttribute("data-source") === "agent";
      assert.equal(edge.classList.contains("conditional"), conditional, `${edge.getAttribute("data-edge-id")} conditional`);
      assert.equal(path.hasAttribute("stroke-dasharray"), conditional, `${edge.getAttribute("data-edge-id")} dashed`);
    }
    assert.equal(page.$(".graph-name").textContent, "Weather");
    assert.deepEqual(page.state, { assistantId: "asst-1" });
    assert.deepEqual(page.errors, []);
  });

  it("fits the graph into the panel on open and on resize until the user moves it", async () => {
    page = await openGraphPage({ width: 1000, height: 500 });
    page.send(graph());
    const [x, y, k] = transform(page);
    assert.ok(k > 0 && k <= 1.5);
    assert.ok(TOOLS_LAYOUT.height * k <= 500 - 48 + 0.01, "the whole height fits");
    assert.ok(Math.abs(x - (1000 - TOOLS_LAYOUT.width * k) / 2) < 0.1, "centred horizontally");
    assert.ok(Math.abs(y - (500 - TOOLS_LAYOUT.height * k) / 2) < 0.1, "centred vertically");

    page.$(".zoom-in").dispatchEvent(new page.window.MouseEvent("click", { bubbles: true }));
    const zoomed = transform(page);
    assert.ok(Math.abs(zoomed[2] - k * 1.25) < 0.001, "zoom in by a step");
    page.window.dispatchEvent(new page.window.Event("resize"));
    assert.deepEqual(transform(page), zoomed, "a resize keeps the user's zoom");
    page.$(".zoom-fit").dispatchEvent(new page.window.MouseEvent("click", { bubbles: true }));
    assert.deepEqual(transform(page), [x, y, k], "Fit restores the fitted view");
    page.$(".zoom-out").dispatchEvent(new page.window.MouseEvent("click", { bubbles: true }));
    assert.ok(Math.abs(transform(page)[2] - k / 1.25) < 0.001, "zoom out by a step");
  });

  it("zooms with the wheel around the pointer and pans by dragging", async () => {
    page = await openGraphPage({ width: 800, height: 600 });
    page.send(graph());
    const svg = page.$(".graph-svg");
    const [x0, y0, k0] = transform(page);
    const wheel = new page.window.WheelEvent("wheel", { deltaY: -200, clientX: 100, clientY: 100, bubbles: true, cancelable: true });
    assert.equal(svg.dispatchEvent(wheel), false, "the wheel does not scroll the page");
    const [x1, y1, k1] = transform(page);
    assert.ok(k1 > k0, "wheel up zooms in");
    // The graph point under the pointer stays under it.
    assert.ok(Math.abs((100 - x0) / k0 - (100 - x1) / k1) < 0.05);
    assert.ok(Math.abs((100 - y0) / k0 - (100 - y1) / k1) < 0.05);

    svg.dispatchEvent(new page.window.MouseEvent("mousedown", { button: 0, clientX: 10, clientY: 10, bubbles: true }));
    page.window.dispatchEvent(new page.window.MouseEvent("mousemove", { clientX: 60, clientY: 30, bubbles: true }));
    page.window.dispatchEvent(new page.window.MouseEvent("mouseup", { clientX: 60, clientY: 30, bubbles: true }));
    const [x2, y2, k2] = transform(page);
    assert.ok(Math.abs(x2 - (x1 + 50)) < 0.01 && Math.abs(y2 - (y1 + 20)) < 0.01 && k2 === k1, "dragged by (50, 20)");
    // The click that ends a drag does not select the node under it.
    click(page, page.node("agent").querySelector("rect")!);
    assert.ok(!page.posted.some((m) => m.type === "selectNode"));

    key(page, page.document.body, "0");
    assert.deepEqual(transform(page), [x0, y0, k0], "0 fits");
    key(page, page.document.body, "+");
    assert.ok(transform(page)[2] > k0, "+ zooms in");
  });

  it("highlights the executing node, the path in order, and the traversed edges", async () => {
    page = await openGraphPage();
    page.send(graph());
    page.send(run("running", [{ node: "agent", step: 1, status: "running" }]));
    assert.deepEqual(runClasses(page, "agent"), ["current", "visited", "last"]);
    assert.deepEqual(runClasses(page, "tools"), []);
    assert.equal(page.$(".run-status-text").textContent, "Running: agent");

    page.send(
      run("running", [
        { node: "agent", step: 1, status: "done" },
        { node: "tools", step: 2, status: "done" },
        { node: "agent", step: 3, status: "running" },
      ]),
    );
    assert.deepEqual(runClasses(page, "agent"), ["current", "visited", "last"]);
    assert.deepEqual(runClasses(page, "tools"), ["visited"]);
    assert.equal(page.node("agent").getAttribute("data-order"), "1 3");
    assert.equal(page.node("tools").getAttribute("data-order"), "2");
    assert.equal(page.node("agent").querySelector(".order-label")?.textContent, "1,3");
    const traversed = () => page.$$(".graph-edge.traversed").map((e) => e.getAttribute("data-edge-id")).sort();
    assert.deepEqual(traversed(), ["__start__->agent", "agent->tools", "tools->agent"]);
    assert.deepEqual(page.$$(".path-step").map((li) => [li.textContent, li.getAttribute("data-status")]), [
      ["agent", "done"],
      ["tools", "done"],
      ["agent", "running"],
    ]);

    page.send(
      run("done", [
        { node: "agent", step: 1, status: "done" },
        { node: "tools", step: 2, status: "done" },
        { node: "agent", step: 3, status: "done" },
      ]),
    );
    assert.deepEqual(runClasses(page, "agent"), ["visited", "last"], "the path stays after the run");
    assert.deepEqual(traversed(), ["__start__->agent", "agent->__end__", "agent->tools", "tools->agent"]);
    assert.equal(page.$(".graph-edge.traversed path")?.getAttribute("marker-end"), "url(#lg-graph-arrow-active)");
    assert.equal(page.$(".run-status-text").textContent, "Last run: 3 steps");
    assert.deepEqual(page.state, { assistantId: "asst-1", threadId: "thread-1" });

    page.send(run("running", []));
    assert.deepEqual(runClasses(page, "agent"), [], "a new run clears the old path");
    assert.deepEqual(traversed(), []);
  });

  it("marks an interrupted or failed node", async () => {
    page = await openGraphPage();
    page.send(graph());
    page.send(run("interrupted", [{ node: "agent", status: "done" }, { node: "tools", status: "interrupted" }]));
    assert.deepEqual(runClasses(page, "tools"), ["visited", "last", "interrupted"]);
    assert.equal(page.$(".run-status-text").textContent, "Interrupted at tools");
    page.send(run("error", [{ node: "agent", status: "error" }]));
    assert.deepEqual(runClasses(page, "agent"), ["visited", "last", "failed"]);
    assert.equal(page.$(".run-status-text").textContent, "Failed at agent");
    page.send(run("stopped", [{ node: "agent", status: "done" }, { node: "tools", status: "stopped" }]));
    assert.ok(page.node("tools").classList.contains("stopped"));
    assert.equal(page.$(".run-status-text").textContent, "Stopped at tools");
  });

  it("a path sent before the graph is drawn shows once it is", async () => {
    page = await openGraphPage();
    page.send(run("done", [{ node: "agent", status: "done" }]));
    page.send(graph());
    assert.deepEqual(runClasses(page, "agent"), ["visited", "last"]);
  });
});

describe("graph webview: node details", () => {
  let page: GraphPage;
  afterEach(() => page?.close());

  it("clicking a node asks the host; its answer shows as text in the side panel", async () => {
    page = await openGraphPage();
    page.send(graph());
    assert.ok((page.$(".node-panel") as HTMLElement).hidden);
    click(page, page.node("tools").querySelector("text")!);
    assert.deepEqual(page.posted.at(-1), { type: "selectNode", node: "tools" });
    assert.ok(page.node("tools").classList.contains("selected"));

    const hostile = `<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>`;
    page.send({ type: "nodeState", state: { node: "tools", status: "found", threadId: "thread-1", step: 2, checkpointId: "abcdef123456", json: JSON.stringify({ content: hostile }, null, 2) } });
    const panel = page.$(".node-panel") as HTMLElement;
    assert.equal(panel.hidden, false);
    assert.equal(page.$(".node-panel-title").textContent, "tools");
    assert.match(page.$(".node-panel-meta").textContent ?? "", /step 2 · checkpoint abcdef12 · thread thread-1/);
    assert.equal((JSON.parse(page.$(".node-panel-json").textContent ?? "") as { content: unknown }).content, hostile);
    assert.equal(panel.querySelectorAll("img, script").length, 0, "content stays text");
    assert.equal((page.window as unknown as { __pwned?: unknown }).__pwned, undefined);
    assert.ok((page.$(".node-panel-interrupts") as HTMLElement).hidden);

    page.send({ type: "nodeState", state: { node: "review", status: "found", interruptsJson: "[1]", message: "waiting" } });
    assert.equal((page.$(".node-panel-interrupts") as HTMLElement).hidden, false);
    assert.ok((page.$(".node-panel-json") as HTMLElement).hidden);

    key(page, page.document.body, "Escape");
    assert.ok(panel.hidden);
    assert.deepEqual(page.posted.at(-1), { type: "clearSelection" });
  });

  it("Enter on a focused node selects it; a path step selects its node", async () => {
    page = await openGraphPage();
    page.send(graph(), run("done", [{ node: "agent", status: "done" }]));
    key(page, page.node("agent"), "Enter");
    assert.deepEqual(page.posted.at(-1), { type: "selectNode", node: "agent" });
    click(page, page.$(".path-step-button"));
    assert.deepEqual(page.posted.at(-1), { type: "selectNode", node: "agent" });
    assert.equal(page.node("agent").getAttribute("tabindex"), "0");
  });

  it("untrusted node names and labels are text and attribute values only", async () => {
    page = await openGraphPage();
    const name = `<img src=x onerror="window.__pwned=1">`;
    const layout = layoutGraph(normalizeGraph({ edges: [{ source: "__start__", target: name, data: `"><script>window.__pwned=2</script>`, conditional: true }] }));
    page.send(graph(layout));
    assert.equal(page.node(name).getAttribute("data-node-id"), name);
    assert.equal(page.$$("img, script").filter((e) => e.closest("#app")).length, 0);
    assert.equal((page.window as unknown as { __pwned?: unknown }).__pwned, undefined);
    assert.match(page.$(".edge-label").textContent ?? "", /<script>/);
  });

  it("shows the host's error and loading states", async () => {
    page = await openGraphPage();
    page.send(graphSnapshot({ loading: true }));
    assert.equal(page.$(".graph-placeholder").textContent, "Loading the graph…");
    page.send({ type: "loading", loading: false }, { type: "error", error: "The deployment could not be reached." });
    assert.equal(page.$(".graph-banner").textContent, "The deployment could not be reached.");
    assert.equal((page.$(".graph-banner") as HTMLElement).hidden, false);
    page.send({ type: "error" }, graph());
    assert.ok((page.$(".graph-banner") as HTMLElement).hidden);
    assert.ok((page.$(".graph-placeholder") as HTMLElement).hidden);
  });
});

describe("graph webview: export", () => {
  let page: GraphPage;
  afterEach(() => page?.close());

  it("exports a standalone SVG of the drawing with the run's highlights", async () => {
    page = await openGraphPage({ width: 600, height: 400 });
    page.send(graph(), run("done", [{ node: "agent", status: "done" }]));
    page.$(".export-svg").dispatchEvent(new page.window.MouseEvent("click", { bubbles: true }));
    const message = page.posted.at(-1);
    assert.equal(message?.type, "export");
    if (message?.type !== "export") return;
    assert.equal(message.format, "svg");
    assert.match(message.data, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const parsed = new page.window.DOMParser().parseFromString(message.data, "image/svg+xml");
    assert.equal(parsed.querySelector("parsererror"), null, "well-formed XML");
    const root = parsed.documentElement;
    assert.equal(root.getAttribute("width"), String(Math.ceil(TOOLS_LAYOUT.width + 32)));
    assert.equal(parsed.querySelectorAll(".graph-node").length, 4);
    assert.equal(parsed.querySelectorAll(".graph-edge path").length, 4);
    assert.equal(parsed.querySelectorAll("path[stroke-dasharray]").length, 2);
    assert.ok(Array.from(parsed.querySelectorAll(".graph-node")).find((n) => n.getAttribute("data-node-id") === "agent")?.classList.contains("visited"));
    assert.equal(parsed.querySelector(".viewport")?.getAttribute("transform"), null, "the export is not panned or zoomed");
    assert.equal(parsed.querySelectorAll("[tabindex]").length, 0);
    assert.equal(parsed.querySelectorAll("marker").length, 2);
  });

  it("the host can ask for an export; a PNG the page cannot draw is reported, not sent", async () => {
    page = await openGraphPage();
    page.send(graph(), { type: "requestExport", format: "svg" });
    assert.equal(page.posted.at(-1)?.type, "export");
    page.send({ type: "requestExport", format: "png" });
    // jsdom has no canvas: the page says why instead of sending broken bytes.
    await until(() => page.posted.at(-1)?.type !== "export");
    const last = page.posted.at(-1);
    assert.equal(last?.type, "exportFailed");
    assert.equal(last?.type === "exportFailed" && last.format, "png");
  });
});
