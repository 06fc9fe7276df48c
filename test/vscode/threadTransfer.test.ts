import * as assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import { activateExtension, testServerClient, until } from "./host";

describe("Import Thread in a real VS Code", () => {
  it("creates the file's thread on the deployment and opens its chat panel", async () => {
    const api = await activateExtension();
    const client = testServerClient();
    const title = `Imported ${Date.now()}`;
    const messages = [
      { type: "human", content: "ping", id: "imported-human" },
      { type: "ai", content: "pong", id: "imported-ai" },
    ];
    const file = join(mkdtempSync(join(tmpdir(), "langgraph-import-")), "thread.langgraph-thread.json");
    writeFileSync(
      file,
      JSON.stringify({
        format: "langgraph-thread",
        version: 1,
        graph_id: "echo",
        metadata: { title },
        supersteps: [{ updates: [{ as_node: "agent", values: { messages } }] }],
        head: { values: { messages }, next: [] },
      }),
    );

    await vscode.commands.executeCommand("langgraph.threads.import", vscode.Uri.file(file));

    const panel = await until(() => api.parts.chats.all.find((p) => p.session.thread.title === title), "the imported thread's chat panel");
    const threadId = panel.session.threadId!;
    const state = await client.threads.getState<{ messages: { content: string }[] }>(threadId);
    assert.deepEqual(
      state.values.messages.map((m) => m.content),
      ["ping", "pong"],
    );
    await until(() => panel.session.model.messages.length === 2, "the panel shows the imported messages");
    panel.panel.dispose();
  });
});
