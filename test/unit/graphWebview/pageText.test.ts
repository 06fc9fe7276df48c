import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { graphPanelHtml } from "../../../src/graph/graphPanelHtml";
import { layoutGraph, normalizeGraph } from "../../../src/graph/graphModel";
import { graphPageStrings } from "../../../src/protocol/graphPageStrings";
import type { GraphLayout, HostToGraphWebview, RunPathView } from "../../../src/protocol/graphProtocol";
import { hostApp, inLanguage, markedBundle, notFromTable, ownWords } from "../pageTextCheck";
import { click, graphSnapshot, openGraphPage, type GraphPage } from "./harness";

/** Every text of the extension, as `npm run l10n:export` collects it: the host's words on the drawing (start, end). */
const EXTENSION_TEXT = JSON.parse(readFileSync(path.resolve(__dirname, "../../../l10n/bundle.l10n.json"), "utf8")) as Record<string, string>;

/** A graph with a subgraph, a labelled conditional edge and both ends, laid out by the host in the made-up language. */
function markedLayout(): GraphLayout {
  return inLanguage(markedBundle(EXTENSION_TEXT), () =>
    layoutGraph(
      normalizeGraph({
        nodes: [{ id: "__start__" }, { id: "agent" }, { id: "tools" }, { id: "research:search" }, { id: "__end__" }],
        edges: [
          { source: "__start__", target: "agent", conditional: false },
          { source: "agent", target: "tools", conditional: true, data: "call a tool" },
          { source: "tools", target: "research:search", conditional: false },
          { source: "research:search", target: "agent", conditional: false },
          { source: "agent", target: "__end__", conditional: true },
        ],
      }),
    ),
  );
}

const ASSISTANT = { id: "asst-1", name: "Weather", graphId: "tools" };

/** What the page shows of the graph, the run and the server: names, ids, JSON, the host's own messages. */
const CONTENT = [
  ".graph-name",
  ".graph-id",
  ".graph-banner",
  ".kind-node .node-label",
  ".graph-node > title",
  ".graph-cluster > title",
  ".cluster-label",
  ".edge-label",
  ".order-label",
  ".path-step-button",
  ".node-panel-title",
  ".node-panel-message",
  ".node-panel-json",
  ".node-panel-error",
  ".node-panel-interrupts",
].join(", ");

function run(status: RunPathView["status"], path: RunPathView["path"]): HostToGraphWebview {
  return { type: "runPath", run: { status, threadId: "thread-1", current: path.filter((e) => e.status === "running").map((e) => e.node), path } };
}

describe("graph webview bundle: the page's text comes from the host's table", () => {
  let page: GraphPage | undefined;
  afterEach(() => {
    assert.deepEqual(page?.errors ?? [], []);
    page?.close();
    page = undefined;
  });

  const markedApp = () => inLanguage(markedBundle(graphPageStrings()), () => hostApp(graphPanelHtml));

  it("the first screen, before the graph comes, shows only the table's text", async () => {
    page = await openGraphPage({ app: markedApp() });
    const words = ownWords(page.document, CONTENT);
    assert.ok(words.length >= 10, `only ${words.length} texts found`);
    assert.deepEqual(notFromTable(words), [], "text not from the table");
    assert.equal(page.$(".graph-placeholder").textContent, "⟦Loading the graph…⟧");
    assert.equal(page.$(".run-status-text").textContent, "⟦Not following a thread⟧");
  });

  it("a drawn graph with a run's path, breakpoints, the paused node and a node's details shows only the table's text around them", async () => {
    page = await openGraphPage({ app: markedApp(), width: 800, height: 600 });
    page.send(
      graphSnapshot({
        assistant: ASSISTANT,
        layout: markedLayout(),
        debug: { breakpoints: [{ node: "tools", stop: "before" }], paused: ["agent"] },
      }),
      run("interrupted", [
        { node: "agent", step: 1, status: "done" },
        { node: "tools", step: 2, status: "error" },
        { node: "research", inner: "research:search", step: 3, status: "stopped" },
        { node: "agent", step: 4, status: "interrupted" },
      ]),
    );
    click(page, page.node("agent").querySelector("rect")!);
    page.send({
      type: "nodeState",
      state: { node: "agent", threadId: "thread-123456789", status: "found", step: 4, checkpointId: "checkpoint-123456", json: '{"messages": []}', interruptsJson: '[{"value": "ok?"}]' },
    });
    assert.equal(page.$$(".graph-node").length, 5, "the graph is drawn");
    assert.ok(!(page.$(".node-panel") as HTMLElement).hidden, "the node panel is open");
    assert.deepEqual(notFromTable(ownWords(page.document, CONTENT)), [], "text not from the table");
    assert.equal(page.$(".run-status-text").textContent, "⟦Interrupted at agent⟧", "placeholders are filled in the translated text");
    assert.equal(page.node("__start__").querySelector(".node-label")?.textContent, "⟦start⟧", "the ends are drawn with the host's words");
    assert.equal(page.$(".path-step-button").getAttribute("title"), "⟦Step 1: agent (done)⟧");
    assert.equal(page.$(".node-panel-meta").textContent, "⟦step 4⟧ · ⟦checkpoint checkpoi⟧ · ⟦thread thread-1⟧");
  });

  it("every run status reads from the table", async () => {
    page = await openGraphPage({ app: markedApp() });
    page.send(graphSnapshot({ assistant: ASSISTANT, layout: markedLayout() }));
    const runs: HostToGraphWebview[] = [
      run("idle", []),
      run("running", []),
      run("running", [{ node: "agent", status: "running" }]),
      run("error", [{ node: "agent", status: "error" }]),
      run("stopped", [{ node: "agent", status: "stopped" }]),
      run("done", [{ node: "agent", status: "done" }]),
      run("done", [
        { node: "agent", status: "done" },
        { node: "tools", status: "done" },
      ]),
    ];
    const said = runs.map((message) => {
      page?.send(message);
      return page?.$(".run-status-text").textContent ?? "";
    });
    assert.deepEqual(said, ["⟦No run yet on this thread⟧", "⟦Running⟧", "⟦Running: agent⟧", "⟦Failed at agent⟧", "⟦Stopped at agent⟧", "⟦Last run: 1 step⟧", "⟦Last run: 2 steps⟧"]);
  });

  it("why an export failed is the table's text, for the host's message", async () => {
    page = await openGraphPage({ app: markedApp() });
    page.send(graphSnapshot({ assistant: ASSISTANT, layout: markedLayout() }));
    const failed = new Promise<void>((resolve) => {
      const posted = page!.posted;
      const push = posted.push.bind(posted);
      posted.push = (...messages) => {
        const length = push(...messages);
        if (messages.some((m) => m.type === "exportFailed")) resolve();
        return length;
      };
    });
    page.send({ type: "requestExport", format: "png" });
    await failed;
    assert.deepEqual(page.posted.at(-1), { type: "exportFailed", format: "png", reason: "⟦this view cannot draw images⟧" });
    // jsdom reports the canvas it lacks as a page error: that is the failure this test makes.
    assert.match(page.errors.splice(0).join("\n"), /HTMLCanvasElement\.prototype\.getContext/);
  });

  it("a translation is text, whatever it holds; an entry the table lacks falls back to English", async () => {
    const app = inLanguage({ "Reload Graph": `"><img src=x onerror="window.pwned=1">` }, () => hostApp(graphPanelHtml));
    page = await openGraphPage({ app });
    assert.equal(page.$(".reload").getAttribute("aria-label"), `"><img src=x onerror="window.pwned=1">`);
    assert.equal(page.$$("img").length, 0);
    assert.equal(page.$(".zoom-in").getAttribute("aria-label"), "Zoom In (+)");
  });
});
