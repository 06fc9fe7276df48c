import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Client } from "@langchain/langgraph-sdk";
import * as vscode from "vscode";
import type { LangGraphThreadsApi } from "../../src/extension";
import { activateExtension, testServerClient } from "./host";

/** An assistant document's JSON, as far as these tests read it. */
interface AssistantDocument {
  name: string;
  config: { configurable: Record<string, unknown> };
}
/** Creates that reached the server, from its own request log. */
const createRequests = () => readFileSync(process.env.LANGGRAPH_TEST_REQUEST_LOG!, "utf8").match(/^POST \/assistants$/gm)?.length ?? 0;

describe("assistants as editable documents in a real VS Code", () => {
  let api: LangGraphThreadsApi;
  let client: Client;
  before(async () => {
    api = await activateExtension();
    client = testServerClient();
  });
  // A failed test must not leave a tab behind that the next one's saves would act on.
  afterEach(async () => {
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === "langgraph-assistant")) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand("workbench.action.files.revert");
    }
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("saving a new assistant document creates it on the server (graph echo, model_name openai)", async () => {
    const body = { name: "OpenAI agent", description: "from a test", config: { configurable: { model_name: "openai" } }, context: {}, metadata: {} };
    const uri = vscode.Uri.from({ scheme: "langgraph-assistant", path: "/new/echo.json" });
    const initial = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal((JSON.parse(initial) as AssistantDocument).name, "echo (custom)", "a new document starts from a template");
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(body)));
    const created = (await client.assistants.search({ graphId: "echo", limit: 50 })).find((a) => a.name === "OpenAI agent");
    assert.ok(created, "the assistant exists on the server");
    assert.deepEqual(created.config.configurable, { model_name: "openai" });
  });

  it("saving from the Create Assistant editor replaces its tab with the new assistant's own document", async () => {
    await vscode.commands.executeCommand("langgraph.assistants.create", { kind: "graph", graphId: "echo" });
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.path, "/new/echo.json", "Create Assistant opened the new document");
    assert.equal(editor.document.languageId, "langgraph-assistant");
    const whole = () => new vscode.Range(0, 0, editor.document.lineCount, 0);

    // VS Code's JSON support checks the text as it is typed.
    assert.ok(await editor.edit((edit) => edit.replace(whole(), '{"name": "Half typed", ')));
    for (const start = Date.now(); !vscode.languages.getDiagnostics(editor.document.uri).length; ) {
      assert.ok(Date.now() - start < 20_000, "no JSON diagnostics for a half-typed document");
      await new Promise((r) => setTimeout(r, 100));
    }

    // Auto save (on by default in the browser) would create an assistant from every pause in typing.
    const createsBefore = createRequests();
    const body = { name: "Edited in an editor", config: { configurable: { persona: "Editor" } }, context: {}, metadata: {} };
    assert.ok(await editor.edit((edit) => edit.replace(whole(), JSON.stringify(body, null, 2))));
    const autoSaveDelay = vscode.workspace.getConfiguration("files").get<number>("autoSaveDelay") ?? 1000;
    await new Promise((r) => setTimeout(r, autoSaveDelay + 1500));
    assert.ok(editor.document.isDirty, "the edit waits for the user's save");
    assert.equal(createRequests(), createsBefore, "no create before the user saves");

    const saved = await editor.document.save();
    assert.ok(saved, `VS Code reports the save as done (the document is ${editor.document.isDirty ? "still" : "no longer"} dirty)`);
    let created;
    for (const start = Date.now(); !created; ) {
      created = (await client.assistants.search({ graphId: "echo", limit: 100 })).find((a) => a.name === "Edited in an editor");
      assert.ok(created || Date.now() - start < 10_000, `the assistant never reached the server (save returned ${saved})`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const tabPaths = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((t) => (t.input instanceof vscode.TabInputText && t.input.uri.scheme === "langgraph-assistant" ? [t.input.uri.path] : []));
    const waitForTab = async (path: string) => {
      for (const start = Date.now(); !tabPaths().includes(path); ) {
        assert.ok(Date.now() - start < 20_000, `no tab ${path} among: ${tabPaths().join(", ")}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    // The tab is titled by the assistant's name.
    await waitForTab(`/${created.assistant_id}/Edited in an editor.json`);
    assert.ok(!tabPaths().includes("/new/echo.json"), "the new-assistant tab is closed");

    // A rename saved from that tab updates the same assistant, and the tab follows the name.
    const own = vscode.window.activeTextEditor!;
    assert.equal(own.document.uri.path, `/${created.assistant_id}/Edited in an editor.json`);
    const renamed = { ...(JSON.parse(own.document.getText()) as AssistantDocument), name: "Renamed in an editor" };
    assert.ok(await own.edit((edit) => edit.replace(new vscode.Range(0, 0, own.document.lineCount, 0), JSON.stringify(renamed, null, 2))));
    assert.ok(await own.document.save(), "VS Code reports the rename's save as done");
    await waitForTab(`/${created.assistant_id}/Renamed in an editor.json`);
    assert.ok(!tabPaths().includes(`/${created.assistant_id}/Edited in an editor.json`), "the tab with the old name is closed");
    const after = await client.assistants.get(created.assistant_id);
    assert.equal(after.name, "Renamed in an editor");
    assert.equal(after.version, 2, "a new version of the same assistant");
  });

  it("an invalid document is refused before any request, saying what to fix", async () => {
    const before = (await client.assistants.search({ limit: 100 })).length;
    const createsBefore = createRequests();
    assert.ok(createsBefore > 0, "the request log shows the create of the test before");
    const uri = vscode.Uri.from({ scheme: "langgraph-assistant", path: "/new/echo.json" });
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{"name": "", "config": {}}'))),
      /"name" must be a non-empty string/,
    );
    assert.equal((await client.assistants.search({ limit: 100 })).length, before);
    assert.equal(createRequests(), createsBefore, "no create request reached the server");
  });

  it("editing an assistant's document updates it as a new version", async () => {
    const assistant = await client.assistants.create({ graphId: "echo", name: "Versioned", config: { configurable: { persona: "One" } } });
    const uri = vscode.Uri.from({ scheme: "langgraph-assistant", path: `/${assistant.assistant_id}/Versioned.json` });
    const draft = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as AssistantDocument;
    assert.equal(draft.config.configurable.persona, "One");
    const shown = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    draft.config.configurable.persona = "Two";
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(draft)));
    const updated = await client.assistants.get(assistant.assistant_id);
    assert.equal((updated.config.configurable as { persona: string }).persona, "Two");
    assert.equal(updated.version, 2);
    for (const start = Date.now(); !shown.document.getText().includes('"Two"'); ) {
      assert.ok(Date.now() - start < 10_000, `the open editor never showed the new version: ${shown.document.getText()}`);
      await new Promise((r) => setTimeout(r, 50));
    }

    await vscode.commands.executeCommand("langgraph.assistants.setVersion", { kind: "assistant", assistant: updated }, 1);
    assert.equal((await client.assistants.get(assistant.assistant_id)).version, 1, "Set Active Version made version 1 the active one");
    for (const start = Date.now(); !shown.document.getText().includes('"One"'); ) {
      assert.ok(Date.now() - start < 10_000, `the open editor never showed the version made active: ${shown.document.getText()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    api.parts.assistants.invalidate();
  });

  it("a created assistant appears under its graph; switching to it sends the next message only to it", async () => {
    const uri = vscode.Uri.from({ scheme: "langgraph-assistant", path: "/new/echo.json" });
    const body = { name: "Seed agent", config: { configurable: { persona: "Seed" } }, context: {}, metadata: {} };
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(body)));
    const seed = (await client.assistants.search({ graphId: "echo", limit: 50 })).find((a) => a.name === "Seed agent")!;

    api.assistantTree.refresh();
    const graphs = await api.assistantTree.getChildren();
    const echoGraph = graphs.find((n) => n.kind === "graph" && n.graphId === "echo")!;
    const children = await api.assistantTree.getChildren(echoGraph);
    const names = children.map((n) => api.assistantTree.getTreeItem(n).label);
    assert.ok(names.includes("Seed agent"), `echo's assistants: ${JSON.stringify(names)}`);
    const defaultItem = api.assistantTree.getTreeItem(children[0]);
    assert.equal(defaultItem.contextValue, "assistant.default", "the graph's default comes first, marked");

    const echo = (await client.assistants.search({ graphId: "echo" })).find((a) => a.metadata?.created_by === "system")!;
    const panel = api.parts.chats.open(undefined, { assistantId: echo.assistant_id });
    // Switch Assistant acts on the focused panel: wait until VS Code reports the new one focused.
    for (const start = Date.now(); api.parts.chats.active !== panel; ) {
      assert.ok(Date.now() - start < 20_000, "the new chat panel never became the active one");
      await new Promise((r) => setTimeout(r, 50));
    }
    await panel.session.send("first, to echo");
    await vscode.commands.executeCommand("langgraph.switchAssistant", seed.assistant_id);
    assert.equal(panel.session.selectedAssistantId, seed.assistant_id, "Switch Assistant set the panel's assistant");
    await panel.session.send("second, to the seed agent");

    const runs = await client.runs.list(panel.session.threadId!);
    assert.deepEqual(runs.map((r) => r.assistant_id).sort(), [echo.assistant_id, seed.assistant_id].sort());
    const replies = panel.session.model.messages.filter((m) => m.role === "ai");
    assert.match(replies[1].content, /^\[Seed\] You said: "second, to the seed agent"/, "its config applied");
    assert.deepEqual(replies.map((r) => r.author?.id), [echo.assistant_id, seed.assistant_id], "the earlier reply keeps its author");
    panel.panel.dispose();
  });

  it("Switch Assistant takes a row chosen while the list is still being read again", async function () {
    this.timeout(60_000);
    const { assistants, chats } = api.parts;
    const listed = await assistants.list();
    const echo = listed.findIndex((a) => a.graph_id === "echo" && a.metadata?.created_by === "system");
    const next = listed[(echo + 1) % listed.length];
    const panel = chats.open(undefined, { assistantId: listed[echo].assistant_id });
    // Switch Assistant acts on the focused panel: wait until VS Code reports the new one focused.
    for (const start = Date.now(); chats.active !== panel; ) {
      assert.ok(Date.now() - start < 20_000, "the new chat panel never became the active one");
      await new Promise((r) => setTimeout(r, 50));
    }

    // The picker shows the cached list, then reads it again; that read is held until the row is chosen.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reading!: () => void;
    const readStarted = new Promise<void>((resolve) => (reading = resolve));
    const revalidate = assistants.revalidate.bind(assistants);
    assistants.revalidate = async () => {
      reading();
      await held;
      return revalidate();
    };
    try {
      const switched = vscode.commands.executeCommand("langgraph.switchAssistant");
      await readStarted;
      await vscode.commands.executeCommand("workbench.action.quickOpenSelectNext");
      await vscode.commands.executeCommand("workbench.action.acceptSelectedQuickOpenItem");
      const outcome = await Promise.race([switched.then(() => "chosen"), new Promise((r) => setTimeout(() => r("still open"), 10_000))]);
      assert.equal(outcome, "chosen", "the row chosen during the read was taken");
      assert.equal(panel.session.selectedAssistantId, next.assistant_id, "the row below the panel's assistant was chosen for it");
    } finally {
      release();
      assistants.revalidate = revalidate;
      await vscode.commands.executeCommand("workbench.action.closeQuickOpen");
      panel.panel.dispose();
    }
  });
});
