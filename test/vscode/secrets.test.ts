import * as assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import * as vscode from "vscode";
import type { LangGraphThreadsApi } from "../../src/extension";
import { activateExtension, testServerUrl, until } from "./host";

const url = testServerUrl;

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
  } catch {
    return [];
  }
}


describe("the API key stays secret", () => {
  let api: LangGraphThreadsApi;
  const key = `lgt-secret-${Math.random().toString(36).slice(2)}-${Date.now()}`;

  before(async () => {
    api = await activateExtension();
  });

  after(async () => {
    await api.parts.keys.clear(url());
  });

  it("is used for requests but never reaches settings, the log or the chat webview", async () => {
    const posted: string[] = [];
    const subscription = api.parts.chats.onDidPost(({ message }) => posted.push(JSON.stringify(message)));
    try {
      await api.parts.keys.set(url(), key);
      await until(() => api.parts.connection.state.kind === "unchecked", "the client rebuilt with the key");
      assert.equal((await api.parts.connection.check()).kind, "connected");

      api.parts.threads.refresh();
      await api.parts.threads.getChildren();
      const client = new Client({ apiUrl: url(), apiKey: null });
      const echo = (await client.assistants.search({ graphId: "echo" })).find((a) => a.metadata?.created_by === "system")!;
      const panel = api.parts.chats.open();
      await until(() => !!panel.session.selectedAssistantId, "assistants");
      await panel.session.send("is my key safe?", echo.assistant_id);
      assert.ok(panel.session.model.messages.some((m) => m.role === "ai"), "the chat worked with the key set");
      panel.panel.dispose();
    } finally {
      subscription.dispose();
    }

    assert.ok(posted.length > 5, "messages were posted to the webview");
    assert.deepEqual(posted.filter((m) => m.includes(key)), [], "no webview message holds the key");

    const logs = filesUnder(api.parts.context.logUri.fsPath).map((f) => readFileSync(f, "utf8"));
    const log = logs.join("\n");
    assert.match(log, /with an API key/, "the log was written (and says a key is used)");
    assert.ok(!log.includes(key), "the log never holds the key");

    const userSettings = resolve(api.parts.context.globalStorageUri.fsPath, "..", "..", "settings.json");
    const workspaceSettings = (vscode.workspace.workspaceFolders ?? []).map((f) => join(f.uri.fsPath, ".vscode", "settings.json"));
    for (const file of [userSettings, ...workspaceSettings]) {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        continue;
      }
      assert.ok(!text.includes(key), `${file} holds the key`);
    }
  });

  it("a workspace that points elsewhere does not receive the user's key", async function () {
    if (!vscode.workspace.workspaceFolders?.length) this.skip();
    await api.parts.keys.set(url(), key);
    const config = vscode.workspace.getConfiguration("langgraph");
    const elsewhere = "http://127.0.0.2:9";
    try {
      await config.update("deploymentUrl", elsewhere, vscode.ConfigurationTarget.Workspace);
      await until(() => api.parts.connection.url === elsewhere, "the workspace URL");
      assert.equal(api.parts.connection.settings.source, "workspace");
      await api.parts.connection.check();
      const log = filesUnder(api.parts.context.logUri.fsPath).map((f) => readFileSync(f, "utf8")).join("\n");
      assert.match(log, new RegExp(`Connecting to ${elsewhere.replace(/\./g, "\\.")} without an API key`));
    } finally {
      await config.update("deploymentUrl", undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until(() => api.parts.connection.url === url(), "the user's URL again");
  });
});
