import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { activateExtension, EXTENSION_ID, testServerUrl } from "./host";

describe("extension activation in a real VS Code", () => {
  it("is installed, activates, and registers every command it contributes", async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);

    const manifest = JSON.parse(readFileSync(join(extension.extensionPath, "package.json"), "utf8")) as {
      contributes?: { commands?: { command: string }[] };
    };
    const contributed = (manifest.contributes?.commands ?? []).map(({ command }) => command);
    assert.ok(contributed.length > 0, "package.json contributes no command");
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], "contributed commands that are not registered");
  });

  it("activation made no request to the deployment (the server's own request log is empty)", async () => {
    const requestLog = process.env.LANGGRAPH_TEST_REQUEST_LOG;
    assert.ok(requestLog, "LANGGRAPH_TEST_REQUEST_LOG is not set: run the tests through test/vscode/run.mjs");
    const api = await activateExtension();
    // The log is written as the server's output arrives: give a request that was made time to show.
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(readFileSync(requestLog, "utf8"), "", "requests the server received");
    assert.equal(api.parts.connection.state.kind, "unchecked");
  });

  it("reads the deployment URL from the langgraph.deploymentUrl setting", () => {
    const expected = testServerUrl();
    assert.equal(vscode.workspace.getConfiguration("langgraph").get<string>("deploymentUrl"), expected);
  });
});
