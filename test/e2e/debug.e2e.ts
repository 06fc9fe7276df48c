/**
 * Debugging a run through the workbench's own UI: a `langgraph` launch configuration in launch.json, a
 * breakpoint toggled with F9 on the line of tools.ts that adds the `tools` node, F5, the paused run in
 * Call Stack and Variables, and the debug toolbar's Continue to the end of the run. Then a function
 * breakpoint on a subgraph, the toolbar's Step Into replaying its recorded steps, and Step Out.
 */
import * as assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import type { Page } from "playwright-core";
import { runCommand, screenshotIfFailed, startWorkbench, type Workbench } from "./workbench";

const LAUNCH = {
  version: "0.2.0",
  configurations: [
    { type: "langgraph", request: "launch", name: "Debug the tools agent", assistant: "tools", message: "weather in Oslo" },
    { type: "langgraph", request: "launch", name: "Debug the supervisor", assistant: "supervisor", message: "graphs" },
  ],
};
const REPLY = "The weather tool says: It is 21°C and sunny in Oslo.";

/** Opens a workspace file through Quick Open and puts the cursor on a 1-based line. */
async function openAtLine(page: Page, file: string, line: number): Promise<void> {
  const input = page.locator(".quick-input-widget input.input");
  await page.keyboard.press("Control+P");
  await input.waitFor({ state: "visible" });
  await input.fill(`${file}:${line}`);
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: file }).first().waitFor({ state: "visible" });
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "hidden" });
  await page.locator(".tabs-container .tab.active", { hasText: file }).waitFor({ state: "visible" });
  await page.locator(".monaco-editor .current-line").first().waitFor({ state: "visible" });
}

describe("debugging a run from the workbench", function () {
  let workbench: Workbench | undefined;
  let workspace: string;
  let toolsLine: number;

  before(async function () {
    this.timeout(300_000);
    workspace = mkdtempSync(join(tmpdir(), "langgraph-debug-e2e-"));
    cpSync(join(__dirname, "..", "fixtures", "agents"), workspace, { recursive: true });
    mkdirSync(join(workspace, ".vscode"));
    writeFileSync(join(workspace, ".vscode", "launch.json"), JSON.stringify(LAUNCH, null, 2));
    toolsLine = readFileSync(join(workspace, "tools.ts"), "utf8").split("\n").findIndex((line) => line.includes('.addNode("tools"')) + 1;
    assert.ok(toolsLine > 0, "tools.ts adds the tools node");
    workbench = await startWorkbench({ workspaceFrom: workspace });
  });

  afterEach(async function () {
    await screenshotIfFailed(this, workbench);
  });

  after(async function () {
    this.timeout(60_000);
    await workbench?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it("F5 stops at a breakpoint on the line that adds a node, and the toolbar's Continue finishes the run", async function () {
    this.timeout(240_000);
    const { page } = workbench!;
    await page.locator(".activitybar").waitFor({ state: "visible", timeout: 60_000 });

    await openAtLine(page, "tools.ts", toolsLine);
    await page.keyboard.press("F9");
    await page.locator(".monaco-editor .glyph-margin-widgets .codicon-debug-breakpoint, .monaco-editor .codicon-debug-breakpoint").first().waitFor({ state: "visible" });

    // The focus is in the editor, so F5 starts the launch configuration.
    await page.keyboard.press("F5");
    const toolbar = page.locator(".debug-toolbar");
    await toolbar.waitFor({ state: "visible", timeout: 60_000 });
    await page.locator(".debug-call-stack .monaco-list-row", { hasText: "tools › tools" }).first().waitFor({ state: "visible", timeout: 60_000 });
    // The top frame points at the line that adds the node: the editor shows it as the current line.
    await page.locator(".monaco-editor .codicon-debug-stackframe").first().waitFor({ state: "visible" });
    const variables = page.locator(".debug-variables .monaco-list-row");
    await variables.filter({ hasText: "Pending tasks" }).first().waitFor({ state: "visible" });
    const stateScope = variables.filter({ hasText: /^State$/ }).first();
    if ((await stateScope.getAttribute("aria-expanded")) !== "true") await stateScope.click();
    await variables.filter({ hasText: "messages" }).first().waitFor({ state: "visible" });
    // The adapter verified the breakpoint against the graph: it is drawn as a verified breakpoint.
    await page.locator(".debug-breakpoints .monaco-list-row", { hasText: "tools.ts" }).first().waitFor({ state: "visible" });
    assert.equal(await page.locator(".debug-breakpoints .monaco-list-row .codicon-debug-breakpoint-unverified").count(), 0, "no unverified breakpoint");

    const client = new Client({ apiUrl: workbench!.langgraphUrl, apiKey: null });
    const [thread] = await client.threads.search({ metadata: { title: "Debug: tools" }, limit: 1 });
    assert.ok(thread, "the debugged run's thread");
    const paused = await client.threads.getState(thread.thread_id);
    assert.deepEqual(paused.next, ["tools"], "the run waits before the tools node");

    await toolbar.locator('.action-item [aria-label^="Continue"]').first().click();
    await toolbar.waitFor({ state: "hidden", timeout: 60_000 });

    const state = await client.threads.getState<{ messages: { content: string }[] }>(thread.thread_id);
    assert.equal(state.values.messages.at(-1)?.content, REPLY);
    assert.deepEqual(state.next, [], "the run went to its end");
    // The debugger opened the thread's chat panel beside the source: it shows the reply.
    await page.locator(".tabs-container .tab", { hasText: "Debug: tools" }).first().click();
    await workbench!.chatFrame().getByText(REPLY).first().waitFor({ state: "visible", timeout: 30_000 });
  });

  it("Step Into at a subgraph's breakpoint replays its recorded steps in Call Stack and Variables; Step Out goes back", async function () {
    this.timeout(240_000);
    const { page } = workbench!;
    // Only a function breakpoint on the subgraph node, typed into the Breakpoints view.
    await runCommand(page, "Remove All Breakpoints");
    await runCommand(page, "Add Function Breakpoint");
    const name = page.locator(".debug-breakpoints .monaco-list-row input, .debug-breakpoints input.input").first();
    await name.waitFor({ state: "visible" });
    await name.fill("researcher");
    await page.keyboard.press("Enter");
    await page.locator(".debug-breakpoints .monaco-list-row", { hasText: "researcher" }).first().waitFor({ state: "visible" });

    await runCommand(page, "Debug: Select and Start Debugging");
    await page.locator(".quick-input-widget .monaco-list-row", { hasText: "Debug the supervisor" }).first().click();
    const toolbar = page.locator(".debug-toolbar");
    await toolbar.waitFor({ state: "visible", timeout: 60_000 });
    const frames = page.locator(".debug-call-stack .monaco-list-row");
    await frames.filter({ hasText: "supervisor › researcher (subgraph)" }).first().waitFor({ state: "visible", timeout: 60_000 });

    await toolbar.locator('.action-item [aria-label^="Step Into"]').first().click();
    await frames.filter({ hasText: "supervisor › researcher › agent" }).first().waitFor({ state: "visible", timeout: 60_000 });
    await frames.filter({ hasText: "supervisor › researcher (replay)" }).first().waitFor({ state: "visible" });
    // The subgraph's nodes have no line of their own in the workspace: the editor shows its page of nodes, at agent.
    await page.locator(".tabs-container .tab.active", { hasText: "supervisor › researcher (nodes)" }).waitFor({ state: "visible" });
    await page.locator(".monaco-editor .current-line ~ .view-line, .monaco-editor .view-line", { hasText: /^agent$/ }).first().waitFor({ state: "visible" });
    await workbench!.screenshot("debug-replay");
    // Variables hold the subgraph's own state: the parent's messages handed to it.
    const variables = page.locator(".debug-variables .monaco-list-row");
    const stateScope = variables.filter({ hasText: /^State$/ }).first();
    await stateScope.waitFor({ state: "visible" });
    if ((await stateScope.getAttribute("aria-expanded")) !== "true") await stateScope.click();
    const messages = variables.filter({ hasText: /^messages/ }).first();
    await messages.waitFor({ state: "visible" });
    if ((await messages.getAttribute("aria-expanded")) !== "true") await messages.click();
    await variables.filter({ hasText: "Asking the researcher to look this up." }).first().waitFor({ state: "visible" });
    // The Debug Console says these steps already ran.
    await runCommand(page, "Debug Console: Focus on Debug Console View");
    await page.locator(".repl", { hasText: "these are steps that already ran" }).first().waitFor({ state: "visible" });

    // Out of the replay, back at the run's own stop: before supervisor, after the subgraph ran.
    await toolbar.locator('.action-item [aria-label^="Step Out"]').first().click();
    await frames.filter({ hasText: "supervisor › supervisor" }).first().waitFor({ state: "visible", timeout: 60_000 });
    assert.equal(await frames.filter({ hasText: "(replay)" }).count(), 0, "the replay's frame is gone");
    await toolbar.locator('.action-item [aria-label^="Continue"]').first().click();
    await toolbar.waitFor({ state: "hidden", timeout: 60_000 });

    const client = new Client({ apiUrl: workbench!.langgraphUrl, apiKey: null });
    const [thread] = await client.threads.search({ metadata: { title: "Debug: supervisor" }, limit: 1 });
    assert.ok(thread, "the debugged run's thread");
    assert.deepEqual((await client.threads.getState(thread.thread_id)).next, [], "the run went to its end");
  });
});
