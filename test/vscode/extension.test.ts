import * as assert from "node:assert/strict";
import { Client } from "@langchain/langgraph-sdk";
import { readFileSync } from "node:fs";
import * as vscode from "vscode";
import type { LangGraphThreadsApi } from "../../src/extension";
import type { ThreadNode } from "../../src/threads/threadTreeItems";
import { activateExtension, testServerClient, testServerUrl, until } from "./host";

/** A row's tooltip as VS Code gets it on hover, once the row is known to be drawn without one; its words. */
function hoveredTooltip<T>(provider: { getTreeItem(node: T): vscode.TreeItem; resolveTreeItem(item: vscode.TreeItem, node: T): vscode.TreeItem }, node: T): string {
  const item = provider.getTreeItem(node);
  assert.equal(item.tooltip, undefined, "the row is drawn without it");
  const tooltip = provider.resolveTreeItem(item, node).tooltip;
  assert.ok(tooltip instanceof vscode.MarkdownString, "VS Code asks for it on hover");
  assert.equal(tooltip.isTrusted, false);
  // appendText keeps spaces as &nbsp;.
  return tooltip.value.replace(/&nbsp;/g, " ");
}

describe("the extension in a real VS Code extension host", () => {
  let api: LangGraphThreadsApi;
  let client: Client;
  const titles = ["Oldest thread", "Middle thread", "Newest thread"];
  const ids: string[] = [];

  before(async () => {
    api = await activateExtension();
    client = testServerClient();
  });

  it("the Threads tree lists the server's threads, newest first", async () => {
    for (const title of titles) ids.push((await client.threads.create({ metadata: { title } })).thread_id);
    const { threads } = api.parts;
    threads.refresh();
    const children = await threads.getChildren();
    const labels = children
      .filter((n): n is Extract<ThreadNode, { kind: "thread" }> => n.kind === "thread")
      .map((n) => threads.getTreeItem(n).label);
    assert.deepEqual(labels.slice(0, 3), [...titles].reverse());
    const item = threads.getTreeItem(children[0]);
    assert.equal(item.contextValue, "thread.idle");
    assert.equal(item.command?.command, "langgraph.threads.open");
    assert.equal(api.parts.connection.state.kind, "connected");
    const requests = readFileSync(process.env.LANGGRAPH_TEST_REQUEST_LOG!, "utf8");
    assert.match(requests, /^POST \/threads\/search$/m, "the tree's listing reached the server");
  });

  it("a row's tooltip (id, status, times, metadata) is built when it is hovered, not with the row", async () => {
    const thread = await client.threads.create({ metadata: { title: "Tooltip **bold**", team: "red" } });
    const { threads } = api.parts;
    threads.refresh();
    await threads.getChildren();
    const tooltip = hoveredTooltip(threads, threads.nodeFor(thread.thread_id));
    assert.ok(tooltip.includes(thread.thread_id), tooltip);
    assert.ok(tooltip.includes('"team": "red"'), "the metadata as JSON");
    assert.ok(tooltip.includes("\\*\\*bold\\*\\*"), `the title as text, not markdown: ${tooltip}`);
  });

  it("the Assistants and Needs Input views build a row's tooltip when it is hovered, not with the row", async () => {
    const assistant = await client.assistants.create({ graphId: "approval", name: "Hover **me**", config: { configurable: { tone: "dry" } } });
    const thread = await client.threads.create({ metadata: { title: "Waiting for hover" } });
    await client.runs.wait(thread.thread_id, assistant.assistant_id, { input: { messages: [{ type: "human", content: "the memo" }] } });

    try {
      const { assistantTree, inbox } = api;
      assistantTree.refresh();
      const graph = (await assistantTree.getChildren()).find((node) => node.kind === "graph" && node.graphId === "approval");
      assert.ok(graph, "the approval graph is listed");
      const row = (await assistantTree.getChildren(graph)).find((node) => node.kind === "assistant" && node.assistant.assistant_id === assistant.assistant_id);
      assert.ok(row, "the new assistant is a row");
      const tooltip = hoveredTooltip(assistantTree, row);
      assert.ok(tooltip.includes(assistant.assistant_id), tooltip);
      assert.ok(tooltip.includes('"tone": "dry"'), "the config as JSON");
      assert.ok(tooltip.includes("\\*\\*me\\*\\*"), `the name as text, not markdown: ${tooltip}`);

      await inbox.refresh();
      const entry = (await inbox.getChildren()).find((node) => node.kind === "entry" && node.threadId === thread.thread_id);
      assert.ok(entry, "the interrupted thread is in Needs Input");
      const entryTooltip = hoveredTooltip(inbox, entry);
      assert.ok(entryTooltip.includes("**Waiting for hover**"), entryTooltip);
      assert.ok(entryTooltip.includes("- Assistant: Hover \\*\\*me\\*\\*"), `the assistant's name, as text: ${entryTooltip}`);
      assert.ok(entryTooltip.includes('"text": "the memo"'), "the request's arguments as JSON");
    } finally {
      // Other suites ask for "approval" by name: leave its graph with its one assistant.
      await client.threads.delete(thread.thread_id);
      await client.assistants.delete(assistant.assistant_id);
      api.assistantTree.refresh();
      await api.inbox.refresh();
    }
  });

  it("a row drawn before the assistant directory is read names its assistant once it is, never a short id", async () => {
    const echo = (await client.assistants.search({ graphId: "echo" })).find((a) => a.metadata?.created_by === "system")!;
    const thread = await client.threads.create({ metadata: { title: "Ran by echo", assistant_id: echo.assistant_id } });
    const { threads, assistants } = api.parts;
    threads.refresh();
    await threads.getChildren();
    const row = threads.nodeFor(thread.thread_id);
    assert.ok(threads.thread(thread.thread_id), "the new thread is a row");
    // The directory forgets its list (as when the deployment changes): the next draw cannot name the assistant.
    assistants.invalidate();
    const redrawn = new Promise<void>((resolve) => {
      const subscription = threads.onDidChangeTreeData(() => {
        subscription.dispose();
        resolve();
      });
    });
    const before = String(threads.getTreeItem(row).description ?? "");
    assert.ok(!before.includes(echo.name) && !before.includes(echo.assistant_id.slice(0, 8)), `drawn without a name: ${before}`);
    await redrawn;
    assert.ok(assistants.cached, "the draw read the directory");
    const after = String(threads.getTreeItem(row).description ?? "");
    assert.ok(after.includes(echo.name), `the row names ${echo.name}: ${after}`);
  });

  it("reaches the local test server through the fetch VS Code keeps unpatched (no proxy or certificate set-up)", async () => {
    const host = globalThis as { __vscodeOriginalFetch?: typeof fetch };
    const original = host.__vscodeOriginalFetch;
    assert.equal(typeof original, "function", "VS Code's extension host keeps its original fetch as __vscodeOriginalFetch");
    assert.notEqual(globalThis.fetch, original, "and patches fetch");
    const seen: string[] = [];
    host.__vscodeOriginalFetch = (input, init) => {
      seen.push(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      return original!(input, init);
    };
    try {
      const { threads, connection } = api.parts;
      connection.gateway.reset();
      threads.refresh();
      await threads.getChildren();
      assert.ok(seen.some((url) => url.endsWith("/threads/search")), `requests through the original fetch: ${seen.join(", ")}`);
    } finally {
      host.__vscodeOriginalFetch = original;
      api.parts.connection.gateway.reset();
    }
  });

  it("pages the tree with a Load more item that appends the next page", async () => {
    const config = vscode.workspace.getConfiguration("langgraph.threads");
    await config.update("pageSize", 5, vscode.ConfigurationTarget.Global);
    try {
      for (let i = 0; i < 7; i++) await client.threads.create({ metadata: { title: `Paged ${i}` } });
      const { threads } = api.parts;
      threads.refresh();
      const first = await threads.getChildren();
      assert.equal(first.length, 6, "five threads and Load more");
      assert.equal(first[5].kind, "loadMore");
      assert.equal(threads.getTreeItem(first[5]).command?.command, "langgraph.threads.loadMore");
      await vscode.commands.executeCommand("langgraph.threads.loadMore");
      const more = await threads.getChildren();
      const ids = more.filter((n) => n.kind === "thread").map((n) => (n as { threadId: string }).threadId);
      assert.equal(ids.length, 10);
      assert.equal(new Set(ids).size, 10, "no thread twice");
    } finally {
      await config.update("pageSize", undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it("opens a chat panel on a thread, sends to one assistant, switches to another, and attributes both", async () => {
    const threadId = ids[2];
    await client.threads.update(threadId, { metadata: { title: "Newest thread" } });
    await vscode.commands.executeCommand("langgraph.threads.open", { kind: "thread", threadId });
    const panel = await until(() => api.parts.chats.find(threadId), "the chat panel");
    assert.equal(panel.panel.title, "Newest thread");
    // The page's own text comes in its initial state, built by the host in the display language.
    const table = /<div id="app" data-strings="([^"]*)">/.exec(panel.panel.webview.html)?.[1];
    assert.ok(table, "the page carries its text");
    const strings = JSON.parse(table.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")) as Record<string, string>;
    assert.equal(strings.send, "Send");
    assert.equal(strings.askPlaceholder, "Ask {0} (Enter to send, Shift+Enter for a new line)");
    await until(() => panel.session.selectedAssistantId, "assistants loaded");

    const all = await client.assistants.search({ graphId: "echo" });
    const echo = all.find((a) => a.metadata?.created_by === "system")!;
    const pirate = await client.assistants.create({ graphId: "echo", name: "Pirate", config: { configurable: { persona: "Pirate" } } });
    api.parts.assistants.invalidate();

    await vscode.commands.executeCommand("langgraph.switchAssistant", pirate.assistant_id);
    assert.equal(panel.session.selectedAssistantId, pirate.assistant_id, "Switch Assistant set the focused panel's assistant");
    await panel.session.send("my name is Ada");
    await vscode.commands.executeCommand("langgraph.switchAssistant", echo.assistant_id);
    await panel.session.send("what is my name?");

    const replies = panel.session.model.messages.filter((m) => m.role === "ai");
    assert.equal(replies.length, 2);
    assert.match(replies[0].content, /^\[Pirate\]/);
    assert.match(replies[1].content, /Earlier you said: "my name is Ada"/);
    assert.deepEqual(replies.map((r) => r.author?.name), ["Pirate", "echo"]);
  });

  it("a settings change rebuilds the client and reloads the open views against the new deployment", async () => {
    const config = vscode.workspace.getConfiguration("langgraph");
    const { threads } = api.parts;
    const threadIds = async () => (await threads.getChildren()).flatMap((n) => (n.kind === "thread" ? [n.threadId] : []));
    threads.refresh();
    assert.ok((await threadIds()).includes(ids[0]), "the tree lists the test server's threads first");
    let rebuilt = 0;
    let treeChanges = 0;
    const subscriptions = [api.parts.connection.onDidChangeClient(() => rebuilt++), threads.onDidChangeTreeData(() => treeChanges++)];
    try {
      await config.update("deploymentUrl", "http://127.0.0.1:9", vscode.ConfigurationTarget.Global);
      await until(() => api.parts.connection.url === "http://127.0.0.1:9", "the new URL");
      assert.ok(treeChanges > 0, "the Threads view was told to reload");
      assert.deepEqual(await threadIds(), [], "the reloaded tree asks the new (unreachable) deployment, not a cache");
      const state = api.parts.connection.state;
      assert.equal(state.kind === "failed" && state.error.kind, "unreachable", "the tree's reload found the server unreachable");
      assert.deepEqual(await api.assistantTree.getChildren(), [], "the Assistants view asks the new deployment too");
    } finally {
      await config.update("deploymentUrl", testServerUrl(), vscode.ConfigurationTarget.Global);
      for (const subscription of subscriptions) subscription.dispose();
    }
    await until(() => api.parts.connection.url === testServerUrl(), "the URL restored");
    assert.ok(rebuilt >= 2);
    assert.ok((await threadIds()).includes(ids[0]), "back on the test server, its threads are listed again");
    assert.equal(api.parts.connection.state.kind, "connected");
  });
});
