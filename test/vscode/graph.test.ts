import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activateExtension, testServerClient, until } from "./host";


describe("the graph view in a real VS Code", () => {
  it("shows the tools graph and follows a run in a chat panel through agent, tools, agent", async () => {
    const api = await activateExtension();
    const client = testServerClient();
    const tools = (await client.assistants.search({ graphId: "tools" })).find((a) => a.metadata?.created_by === "system")!;
    const thread = await client.threads.create({ metadata: { title: "Graph run" } });

    await vscode.commands.executeCommand("langgraph.graph.show", { assistantId: tools.assistant_id, threadId: thread.thread_id });
    const graph = await until(() => api.graphs.find(tools.assistant_id), "the graph panel");
    // The page's own text comes in its initial state, built by the host in the display language.
    const table = /<div id="app" data-strings="([^"]*)">/.exec(graph.panel.webview.html)?.[1];
    assert.ok(table, "the page carries its text");
    const strings = JSON.parse(table.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")) as Record<string, string>;
    assert.equal(strings.reload, "Reload Graph");
    assert.equal(strings.runningNodes, "Running: {0}");
    const layout = await until(() => graph.session.layout, "the graph's layout");
    const ids = layout.nodes.map((n) => n.id);
    assert.ok(ids.includes("agent") && ids.includes("tools"), `nodes: ${ids.join(", ")}`);

    const chat = api.parts.chats.open(thread.thread_id);
    await until(() => chat.session.selectedAssistantId, "assistants in the chat");
    await chat.session.send("weather in Oslo", tools.assistant_id);
    await until(() => !graph.session.runPath.active && graph.session.runPath.path.length >= 3, "the run's path");
    assert.deepEqual(graph.session.runPath.path.filter((n) => !n.startsWith("__")), ["agent", "tools", "agent"]);
    chat.panel.dispose();
    graph.dispose();
  });
});
