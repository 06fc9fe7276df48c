import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as vscode from "vscode";
import type { LangGraphThreadsApi } from "../../src/extension";
import { activateExtension, testServerClient, until } from "./host";

const DOCUMENT = "Graphs run nodes.   Nodes update state, state flows.";
/** Requests that would create a thread or start a run, from the test server's own request log. */
const runRequests = () => readFileSync(process.env.LANGGRAPH_TEST_REQUEST_LOG!, "utf8").match(/^POST \/threads(\/[^/\s]+\/runs\S*)?$/gm)?.length ?? 0;

describe("a non-chat graph's run input in VS Code's JSON editor", () => {
  let api: LangGraphThreadsApi;
  before(async () => {
    api = await activateExtension();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("opens from the panel's form beside it, is checked as typed, refuses a wrong type at Run, and runs a valid input in the panel", async function () {
    // The server computes a TypeScript graph's schema the first time it is asked: seconds, on a busy machine more.
    this.timeout(240_000);
    const client = testServerClient();
    const pipeline = (await client.assistants.search({ graphId: "pipeline", limit: 50 })).find((a) => a.metadata?.created_by === "system");
    assert.ok(pipeline, "the pipeline graph's default assistant");
    const panel = api.parts.chats.open(undefined, { assistantId: pipeline.assistant_id });
    await until(() => {
      const snapshot = panel.session.snapshot();
      return snapshot.type === "snapshot" && snapshot.inputForm;
    }, "the run form", 180_000);

    // What the form's "Edit in JSON Editor" does: the command, with the panel and the form's text.
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>("langgraph.chat.editRunInput", panel, '{\n  "document": 42\n}');
    assert.ok(editor, "the run input opened in an editor");
    const { document } = editor;
    assert.equal(document.uri.scheme, "langgraph-input");
    assert.equal(document.languageId, "json", "VS Code's JSON support edits it");
    assert.notEqual(editor.viewColumn, panel.panel.viewColumn, "beside the panel");
    const schemaUri = `langgraph-input:/schema/${pipeline.assistant_id}.json`;
    assert.deepEqual(JSON.parse(document.getText()), { $schema: schemaUri, document: 42 }, "the form's text, pointed at the input schema");

    // VS Code's JSON support checks it against the graph's input schema as it is typed.
    const marked = await until(() => vscode.languages.getDiagnostics(document.uri).find((d) => /string/i.test(d.message)), "a diagnostic for the wrong type", 60_000);
    assert.equal(marked.range.start.line, 2, `on the line of "document": ${marked.message}`);

    // The editor's Run button passes its document (the keybinding runs the focused one: the e2e suite
    // presses it); a panel that loads beside can take the focus from the editor at any time.
    const typed = document.getText();
    const before = runRequests();
    assert.equal(await vscode.commands.executeCommand("langgraph.chat.runInputDocument", document.uri), false, "Run refuses the input");
    assert.equal(document.getText(), typed, "the document is left as it was");
    assert.equal(runRequests(), before, "no thread was created and no run started");
    assert.equal(panel.session.threadId, undefined);

    const valid = JSON.stringify({ $schema: schemaUri, document: DOCUMENT, audience: "expert" }, null, 2);
    assert.ok(await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, document.lineCount, 0), valid)));
    await until(() => vscode.languages.getDiagnostics(document.uri).length === 0, "the diagnostics to clear", 60_000);
    assert.equal(await vscode.commands.executeCommand("langgraph.chat.runInputDocument", document.uri), true, "Run runs a valid input");
    await until(() => panel.session.model.messages.filter((m) => m.update).length === 3 && panel.session.run.phase === "idle", "the run's state output in the panel", 120_000);
    assert.deepEqual(
      panel.session.model.messages.filter((m) => m.update).map((m) => [m.update!.node, m.update!.keys]),
      [
        ["clean", ["text"]],
        ["analyze", ["title", "words"]],
        ["summarize", ["summary", "keywords"]],
      ],
    );
    assert.ok(panel.session.threadId, "the run created the panel's thread");
    assert.equal(document.isDirty, false, "the input that ran is saved");

    // The last input is remembered for the assistant: another panel's document starts from it.
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    const other = api.parts.chats.open(undefined, { assistantId: pipeline.assistant_id });
    await until(() => other.session.selectedAssistantId === pipeline.assistant_id, "the second panel's assistant");
    const reopened = await vscode.commands.executeCommand<vscode.TextEditor | undefined>("langgraph.chat.editRunInput", other);
    assert.ok(reopened);
    assert.notEqual(reopened.document.uri.toString(), document.uri.toString(), "a document of its own");
    assert.deepEqual(JSON.parse(reopened.document.getText()), { $schema: schemaUri, document: DOCUMENT, audience: "expert" });
  });
});
