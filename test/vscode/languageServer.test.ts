import * as assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { until } from "./host";


describe("langgraph.json support in a real VS Code", () => {
  const folder = () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, "the tests open the example agents as the workspace");
    return root;
  };

  it("the language server reports a graph whose file does not exist, at the path", async () => {
    const dir = join(folder(), "broken");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "langgraph.json");
    writeFileSync(file, JSON.stringify({ graphs: { ghost: "./missing.ts:graph" } }, null, 2));
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await until(() => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => /missing\.ts/.test(d.message));
      return found.length ? found : undefined;
    }, "a diagnostic for the missing file");
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(document.getText(diagnostics[0].range), /missing\.ts/);
  });

  it("offers Chat and Threads code lenses above each graph of the example agents' langgraph.json", async () => {
    const uri = vscode.Uri.file(join(folder(), "langgraph.json"));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    let found: vscode.CodeLens[] = [];
    const start = Date.now();
    while (Date.now() - start < 30_000) {
      found = (await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", uri, 20)) ?? [];
      if (found.some((l) => l.command?.command === "langgraph.chatWithGraph")) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const chatGraphs = found.filter((l) => l.command?.command === "langgraph.chatWithGraph").map((l): unknown => l.command?.arguments?.[0]);
    assert.deepEqual(chatGraphs.sort(), ["approval", "cards", "echo", "pipeline", "slow", "supervisor", "tally", "tools"]);
    assert.ok(found.some((l) => l.command?.command === "langgraph.threads.filterByGraph"));
  });
});
