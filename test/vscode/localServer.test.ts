import * as assert from "node:assert/strict";
import { Client } from "@langchain/langgraph-sdk";
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { serverAnswers } from "../../src/deployment/gateway";
import type { LangGraphThreadsApi } from "../../src/extension";
import type { StartResult } from "../../src/localServer";
import { TASK_NAME } from "../../src/localServer/localServerTask";
import { activateExtension, EXTENSION_ID, testServerClient, testServerUrl, until } from "./host";



const serverTask = () => vscode.tasks.taskExecutions.find((execution) => execution.task.name === TASK_NAME);

/**
 * The workspace is a copy of test/fixtures/agents (run.mjs); the server started here runs the one graph of
 * test/fixtures/localServer, copied into it as `local-server/`: the CLI loads every graph a langgraph.json
 * lists before it answers, and one small graph keeps that start short. The real LangGraph CLI
 * (`npx @langchain/langgraph-cli dev`) runs it; the graph imports @langchain/langgraph, found through a
 * node_modules link to this repository's, as in a project that installed its dependencies.
 */
describe("Start Local Server in a real VS Code", function () {
  this.timeout(240_000);
  let api: LangGraphThreadsApi;
  let root: string;
  let projectConfig: vscode.Uri;
  const created: string[] = [];
  let localUrl = "";

  before(async () => {
    api = await activateExtension();
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? "";
    assert.ok(existsSync(join(root, "langgraph.json")), "the workspace is the fixture folder");
    for (const name of ["node_modules", "local-server", "broken"]) if (!existsSync(join(root, name))) created.push(name);
    if (!existsSync(join(root, "node_modules"))) symlinkSync(join(extension.extensionPath, "node_modules"), join(root, "node_modules"), "dir");
    cpSync(join(extension.extensionPath, "test", "fixtures", "localServer"), join(root, "local-server"), { recursive: true });
    projectConfig = vscode.Uri.file(join(root, "local-server", "langgraph.json"));
  });

  after(async () => {
    serverTask()?.terminate();
    await vscode.workspace.getConfiguration("langgraph.localServer").update("port", undefined, vscode.ConfigurationTarget.Global);
    api.parts.connection.useConfigured();
    if (localUrl) await until(async () => !(await serverAnswers(localUrl)), "the local server to stop", 15_000).catch(() => undefined);
    for (const name of created) rmSync(join(root, name), { recursive: true, force: true });
  });

  it("offers Start Local Server as a code lens on langgraph.json", async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(join(root, "langgraph.json")));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", document.uri);
    const start = lenses.find((lens) => lens.command?.command === "langgraph.startLocalServer");
    assert.ok(start, `code lenses: ${lenses.map((lens) => lens.command?.title).join(", ")}`);
    assert.equal(start.range.start.line, 0);
  });

  it("runs the graphs as a task, connects as local, and the tree shows a thread a fixture graph answered", async () => {
    const result = await vscode.commands.executeCommand<StartResult>("langgraph.startLocalServer", projectConfig);
    assert.ok(result.ok, `start failed: ${result.ok ? "" : result.message}`);
    localUrl = result.url;
    assert.notEqual(localUrl, testServerUrl(), "a server of its own, not the test run's");
    const execution = serverTask();
    assert.ok(execution, "the server runs as a VS Code task");
    assert.match(execution.task.detail ?? "", /npx @langchain\/langgraph-cli dev/);
    const { connection } = api.parts;
    assert.deepEqual(connection.target, { kind: "local", url: localUrl });
    assert.equal(connection.url, localUrl);

    const client = new Client({ apiUrl: localUrl, apiKey: null });
    const thread = await client.threads.create({ metadata: { title: "Answered by the local server" } });
    await client.runs.wait(thread.thread_id, "greeter", { input: { messages: [{ role: "human", content: "hello local" }] } });
    const state = await client.threads.getState<{ messages: { type: string; content: unknown }[] }>(thread.thread_id);
    assert.equal(state.values.messages.at(-1)?.content, 'Hello from the local server. You said: "hello local".');

    const { threads } = api.parts;
    threads.refresh();
    const labels = (await threads.getChildren()).filter((node) => node.kind === "thread").map((node) => { const label = threads.getTreeItem(node).label; return typeof label === "string" ? label : label?.label; });
    assert.ok(labels.includes("Answered by the local server"), `tree rows: ${labels.join(", ")}`);
    assert.equal(connection.state.kind, "connected");
    assert.equal(api.connectionStatus.text, "$(pass-filled) LangGraph: local");
    const elsewhere = await testServerClient().threads.get(thread.thread_id).then(
      () => "found",
      (error: { status?: number }) => error.status,
    );
    assert.equal(elsewhere, 404, "the thread lives on the local server only");
  });

  it("stopping the task disconnects: the status bar reads disconnected and the server is gone", async () => {
    const execution = serverTask();
    assert.ok(execution);
    execution.terminate();
    await until(() => api.parts.connection.target.kind === "localStopped", "the connection to drop the local server");
    assert.equal(api.connectionStatus.text, "$(debug-disconnect) LangGraph: disconnected");
    await until(async () => !(await serverAnswers(localUrl)), "the server's processes to end", 15_000);
    await assert.rejects(api.parts.connection.gateway.ping(), /local LangGraph server stopped/);
  });

  it("a start on a port that is taken says so, and starts no task", async () => {
    const takenPort = Number(new URL(testServerUrl()).port);
    await vscode.workspace.getConfiguration("langgraph.localServer").update("port", takenPort, vscode.ConfigurationTarget.Global);
    const result = await vscode.commands.executeCommand<StartResult>("langgraph.startLocalServer", projectConfig);
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.message, new RegExp(`^Port ${takenPort} is in use`));
    assert.equal(serverTask(), undefined, "no task was started");
    assert.equal(api.parts.connection.target.kind, "localStopped");
  });

  it("a langgraph.json with errors is reported from the language server's diagnostics, before anything runs", async () => {
    mkdirSync(join(root, "broken"), { recursive: true });
    const broken = join(root, "broken", "langgraph.json");
    writeFileSync(broken, JSON.stringify({ graphs: { agent: "./missing.ts:graph" } }, null, 2));
    const result = await vscode.commands.executeCommand<StartResult>("langgraph.startLocalServer", vscode.Uri.file(broken));
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.message, /^broken\/langgraph\.json has errors, so the server would not start\. Line 3: /);
    assert.equal(serverTask(), undefined, "no task was started");
  });
});
