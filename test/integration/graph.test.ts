import assert from "node:assert/strict";
import type { Client } from "@langchain/langgraph-sdk";
import { createClient } from "../../src/deployment/clientFactory";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { mapError } from "../../src/deployment/errorMapping";
import { fetchGraph, layoutGraph, loadGraphLayout, normalizeGraph } from "../../src/graph/graphModel";
import type { ExportFormat, HostToGraphWebview } from "../../src/protocol/graphProtocol";
import { GraphSession } from "../../src/graph/graphSession";
import { RunPath } from "../../src/graph/runPath";
import { defaultAssistant } from "../harness/chatHarness";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { click, graphWebviewBundle, openGraphPage, runClasses, type GraphPage } from "../unit/graphWebview/harness";

type Edge = [source: string, target: string, conditional: boolean];

const EXPECTED: Record<string, { nodes: string[]; edges: Edge[] }> = {
  echo: {
    nodes: ["__end__", "__start__", "agent"],
    edges: [
      ["__start__", "agent", false],
      ["agent", "__end__", false],
    ],
  },
  tools: {
    nodes: ["__end__", "__start__", "agent", "tools"],
    edges: [
      ["__start__", "agent", false],
      ["agent", "__end__", true],
      ["agent", "tools", true],
      ["tools", "agent", false],
    ],
  },
  approval: {
    nodes: ["__end__", "__start__", "draft", "review"],
    edges: [
      ["__start__", "draft", false],
      ["draft", "review", false],
      ["review", "__end__", false],
    ],
  },
};

/** A node's state as the node panel shows it: the messages channel of the agent graph. */
interface NodeValues {
  messages: { content: string; name?: string }[];
}

const sortEdges = (edges: Edge[]) => [...edges].sort((a, b) => `${a[0]}>${a[1]}`.localeCompare(`${b[0]}>${b[1]}`));

describe("graph view against a real server", function () {
  let server: LangGraphServer;
  let client: Client;
  let page: GraphPage | undefined;

  before(async function () {
    // The webview bundle is built once, as esbuild.mjs builds it into dist/.
    this.timeout(120_000);
    await graphWebviewBundle();
  });

  beforeEach(async () => {
    server = await testServer();
    client = createClient({ url: server.url });
  });

  afterEach(() => {
    page?.close();
    page = undefined;
  });

  for (const [graphId, expected] of Object.entries(EXPECTED)) {
    it(`the ${graphId} graph comes out with its nodes, start/end and (conditional) edges`, async () => {
      const assistant = await defaultAssistant(client, graphId);
      const fetched = await fetchGraph(DeploymentGateway.to({ url: server.url }), assistant.assistant_id);
      assert.equal(fetched.xray, true, "the server accepts xray");
      const graph = normalizeGraph(fetched.raw);
      assert.deepEqual(graph.nodes.map((n) => n.id).sort(), expected.nodes);
      assert.equal(graph.nodes.find((n) => n.id === "__start__")?.kind, "start");
      assert.equal(graph.nodes.find((n) => n.id === "__end__")?.kind, "end");
      assert.deepEqual(sortEdges(graph.edges.map((e) => [e.source, e.target, e.conditional])), sortEdges(expected.edges));
      const layout = layoutGraph(graph);
      assert.equal(layout.nodes.length, expected.nodes.length);
      assert.ok(layout.edges.every((e) => e.points.length >= 2));
    });
  }

  it("the real webview bundle draws the tools graph: a node per node with its label, a path per edge, conditional edges dashed", async () => {
    const assistant = await defaultAssistant(client, "tools");
    const { layout } = await loadGraphLayout(DeploymentGateway.to({ url: server.url }), assistant.assistant_id);
    page = await openGraphPage({ width: 800, height: 600 });
    page.send({ type: "graph", assistant: { id: assistant.assistant_id, name: assistant.name, graphId: "tools" }, layout });

    const nodes = page.$$("svg.graph-svg .graph-node");
    assert.deepEqual(nodes.map((n) => n.getAttribute("data-node-id")).sort(), EXPECTED.tools.nodes);
    for (const id of ["agent", "tools"]) assert.equal(page.node(id).querySelector(".node-label")?.textContent, id);
    assert.equal(page.node("__start__").querySelector(".node-label")?.textContent, "start");
    assert.equal(page.node("__end__").querySelector(".node-label")?.textContent, "end");
    assert.ok(page.node("__start__").classList.contains("kind-start") && page.node("__end__").classList.contains("kind-end"));

    const edges = page.$$("svg.graph-svg .graph-edge");
    assert.deepEqual(
      sortEdges(edges.map((e) => [e.getAttribute("data-source")!, e.getAttribute("data-target")!, e.classList.contains("conditional")])),
      sortEdges(EXPECTED.tools.edges),
    );
    for (const edge of edges) {
      const path = edge.querySelector("path");
      assert.ok(path?.getAttribute("d"), "each edge has a path");
      assert.equal(path?.getAttribute("stroke-dasharray") !== null, edge.classList.contains("conditional"), "dashed exactly when conditional");
    }
    assert.deepEqual(page.errors, []);
  });

  it("a streamed run of tools goes agent, tools, agent, and the webview highlights each as the host posts it", async () => {
    const assistant = await defaultAssistant(client, "tools");
    const { layout } = await loadGraphLayout(DeploymentGateway.to({ url: server.url }), assistant.assistant_id);
    page = await openGraphPage();
    page.send({ type: "graph", assistant: { id: assistant.assistant_id, name: assistant.name, graphId: "tools" }, layout });

    const thread = await client.threads.create();
    const tracker = new RunPath();
    const lastVisited: string[] = [];
    const stream = client.runs.stream(thread.thread_id, assistant.assistant_id, {
      input: { messages: [{ type: "human", content: "weather in Oslo" }] },
      streamMode: ["updates"],
    });
    for await (const part of stream) {
      if (!tracker.apply(part, thread.thread_id)) continue;
      page.send({ type: "runPath", run: tracker.view() });
      const last = page.$$(".graph-node.last").map((n) => n.getAttribute("data-node-id"));
      if (last.length) lastVisited.push(last[0]!);
    }
    tracker.end();
    page.send({ type: "runPath", run: tracker.view() });

    assert.deepEqual(tracker.path, ["agent", "tools", "agent"]);
    assert.deepEqual(lastVisited, ["agent", "tools", "agent"], "the latest node moved agent -> tools -> agent");
    assert.equal(page.node("agent").getAttribute("data-order"), "1 3");
    assert.equal(page.node("tools").getAttribute("data-order"), "2");
    assert.deepEqual(runClasses(page, "agent"), ["visited", "last"]);
    assert.deepEqual(runClasses(page, "tools"), ["visited"]);
    assert.deepEqual(
      page.$$(".graph-edge.traversed").map((e) => e.getAttribute("data-edge-id")).sort(),
      ["__start__->agent", "agent->__end__", "agent->tools", "tools->agent"],
    );
  });

  describe("the panel's host session, wired to the real bundle", () => {
    function wire(assistantId: string, threadId?: string) {
      const saved: { format: ExportFormat; bytes: Uint8Array; name: string }[] = [];
      const posted: HostToGraphWebview[] = [];
      const notes: string[] = [];
      const session = new GraphSession(
        {
          gateway: DeploymentGateway.to({ url: server.url }),
          describe: (error, context) => mapError(error, { url: server.url, ...context }),
          post: (message) => {
            posted.push(message);
            page?.send(message);
          },
          save: async (format, bytes, name) => {
            saved.push({ format, bytes, name });
            return name;
          },
          notify: (message) => notes.push(message),
        },
        assistantId,
        threadId,
      );
      return { session, saved, posted, notes };
    }

    /** Delivers what the page posted since `from` to the session, like the panel does. */
    async function deliver(session: GraphSession, from: number): Promise<void> {
      for (const message of page!.posted.slice(from)) await session.handle(message);
    }

    it("follows the chat's live stream (messages and updates), marking the executing node before it finishes", async () => {
      const assistant = await defaultAssistant(client, "tools");
      page = await openGraphPage();
      const { session } = wire(assistant.assistant_id);
      await deliver(session, 0);
      await session.load();
      assert.equal(page.$$(".graph-node").length, 4);

      const thread = await client.threads.create();
      const executing: string[] = [];
      for await (const part of client.runs.stream(thread.thread_id, assistant.assistant_id, {
        input: { messages: [{ type: "human", content: "weather in Oslo" }] },
        streamMode: ["messages-tuple", "updates"],
      })) {
        session.onRunEvent(thread.thread_id, part);
        const current = page.$$(".graph-node.current").map((n) => n.getAttribute("data-node-id")!);
        if (current.length && current.join() !== executing.at(-1)) executing.push(current.join());
      }
      session.onRunEnd(thread.thread_id);

      assert.deepEqual(executing, ["agent", "tools", "agent"], "each node was marked while it ran");
      assert.deepEqual(page.$$(".graph-node.current"), [], "nothing runs after the end");
      assert.deepEqual(session.runPath.view().path.map((e) => [e.node, e.step, e.status]), [
        ["agent", 1, "done"],
        ["tools", 2, "done"],
        ["agent", 3, "done"],
      ]);
      assert.equal(session.threadId, thread.thread_id);
      assert.deepEqual(page.state, { assistantId: assistant.assistant_id, threadId: thread.thread_id });
    });

    it("clicking a node shows the update it last wrote on the thread", async () => {
      const assistant = await defaultAssistant(client, "tools");
      const thread = await client.threads.create();
      await client.runs.wait(thread.thread_id, assistant.assistant_id, { input: { messages: [{ type: "human", content: "weather in Oslo" }] } });

      page = await openGraphPage();
      const { session } = wire(assistant.assistant_id, thread.thread_id);
      await deliver(session, 0);
      await session.load();
      // Opened on a thread: the last run's path comes from its history.
      assert.deepEqual(session.runPath.path, ["agent", "tools", "agent"]);
      assert.equal(page.node("agent").getAttribute("data-order"), "1 3");

      const select = async (node: string) => {
        const from = page!.posted.length;
        click(page!, page!.node(node).querySelector("rect")!);
        await deliver(session, from);
        return JSON.parse(page!.$(".node-panel-json").textContent ?? "null") as NodeValues;
      };
      const agent = await select("agent");
      assert.equal(agent.messages.at(-1)!.content, "The weather tool says: It is 21°C and sunny in Oslo.");
      assert.match(page.$(".node-panel-meta").textContent ?? "", /^step 3 · checkpoint /);
      const tools = await select("tools");
      assert.equal(tools.messages[0].content, "It is 21°C and sunny in Oslo.");
      assert.equal(tools.messages[0].name, "get_weather");
      const start = await select("__start__");
      assert.equal(start.messages[0].content, "weather in Oslo");
      assert.equal(page.$(".node-panel-title").textContent, "__start__");
    });

    it("an interrupted approval run: the path ends at review, which shows its interrupt", async () => {
      const assistant = await defaultAssistant(client, "approval");
      const thread = await client.threads.create();
      await client.runs.wait(thread.thread_id, assistant.assistant_id, { input: { messages: [{ type: "human", content: "ship it" }] } });

      page = await openGraphPage();
      const { session } = wire(assistant.assistant_id, thread.thread_id);
      await deliver(session, 0);
      await session.load();
      assert.equal(session.runPath.status, "interrupted");
      assert.deepEqual(runClasses(page, "review"), ["visited", "last", "interrupted"]);
      assert.deepEqual(runClasses(page, "draft"), ["visited"]);

      await session.selectNode("review");
      assert.match(page.$(".node-panel-interrupts").textContent ?? "", /Approve: send \\"ship it\\"\?/);
      assert.match(page.$(".node-panel-message").textContent ?? "", /waiting on an interrupt/);
      await session.selectNode("draft");
      assert.match(page.$(".node-panel-json").textContent ?? "", /I am about to send/);
    });

    it("exports: the page's SVG reaches the save callback as bytes; a forged PNG is refused", async () => {
      const assistant = await defaultAssistant(client, "echo");
      page = await openGraphPage();
      const { session, saved, notes } = wire(assistant.assistant_id);
      await deliver(session, 0);
      await session.load();
      const from = page.posted.length;
      page.$(".export-svg").dispatchEvent(new page.window.MouseEvent("click", { bubbles: true }));
      await deliver(session, from);
      assert.equal(saved.length, 1);
      assert.equal(saved[0].format, "svg");
      assert.equal(saved[0].name, "echo-graph.svg");
      const text = new TextDecoder().decode(saved[0].bytes);
      assert.match(text, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.match(text, />agent<\/text>/);

      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("rest")]).toString("base64");
      await session.handle({ type: "export", format: "png", data: png });
      assert.equal(saved.length, 2);
      assert.deepEqual([...saved[1].bytes.slice(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
      await session.handle({ type: "export", format: "png", data: Buffer.from("<svg>not a png</svg>").toString("base64") });
      await session.handle({ type: "export", format: "svg", data: "<html><script>alert(1)</script></html>" });
      assert.equal(saved.length, 2, "nothing more was saved");
      assert.equal(notes.length, 2, "the user is told");
    });

    it("an assistant that does not exist shows the mapped error", async () => {
      page = await openGraphPage();
      const { session } = wire("00000000-0000-0000-0000-000000000000");
      await deliver(session, 0);
      await session.load();
      assert.ok(session.error, "the session has an error");
      assert.equal(page.$(".graph-banner").textContent, session.error);
      assert.equal((page.$(".graph-banner") as HTMLElement).hidden, false);
      assert.equal(page.$$(".graph-node").length, 0);
    });
  });
});
