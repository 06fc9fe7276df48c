import * as assert from "node:assert/strict";
import { Client } from "@langchain/langgraph-sdk";
import * as vscode from "vscode";
import type { LangGraphThreadsApi } from "../../src/extension";

const url = () => process.env.LANGGRAPH_TEST_URL!;

describe("assistants as editable documents in a real VS Code", () => {
  let api: LangGraphThreadsApi;
  let client: Client;
  before(async () => {
    api = await vscode.extensions.getExtension<LangGraphThreadsApi>("langgraph-threads.langgraph-threads")!.activate();
    client = new Client({ apiUrl: url(), apiKey: null });
  });

  it("saving a new assistant document creates it on the server (graph echo, model_name openai)", async () => {
    const body = { name: "OpenAI agent", description: "from a test", config: { configurable: { model_name: "openai" } }, context: {}, metadata: {} };
    const uri = vscode.Uri.from({ scheme: "langgraph-assistant", path: "/new/echo.json" });
    const initial = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(JSON.parse(initial).name, "echo (custom)", "a new document starts from a template");
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(body)));
    const created = (await client.assistants.search({ graphId: "echo", limit: 50 })).find((a) => a.name === "OpenAI agent");
    assert.ok(created, "the assistant exists on the server");
    assert.deepEqual(created.config.configurable, { model_name: "openai" });
  });

  it("an invalid document is refused before any request, saying what to fix", async () => {
    const before = (await client.assistants.search({ limit: 100 })).length;
    const uri = vscode.Uri.from({ scheme: "langgraph-assistant", path: "/new/echo.json" });
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{"name": "", "config": {}}'))),
      /"name" must be a non-empty string/,
    );
    assert.equal((await client.assistants.search({ limit: 100 })).length, before);
  });

  it("editing an assistant's document updates it as a new version", async () => {
    const assistant = await client.assistants.create({ graphId: "echo", name: "Versioned", config: { configurable: { persona: "One" } } });
    const uri = vscode.Uri.from({ scheme: "langgraph-assistant", path: `/${assistant.assistant_id}.json` });
    const draft = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    assert.equal(draft.config.configurable.persona, "One");
    draft.config.configurable.persona = "Two";
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(draft)));
    const updated = await client.assistants.get(assistant.assistant_id);
    assert.equal((updated.config.configurable as { persona: string }).persona, "Two");
    assert.equal(updated.version, 2);
    api.parts.assistants.invalidate();
  });
});
