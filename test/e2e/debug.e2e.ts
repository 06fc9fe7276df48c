/**
 * Debugging a run through the workbench's own UI: a `langgraph` launch configuration in launch.json, a
 * function breakpoint added from the command palette, F5, the paused run in Call Stack and Variables,
 * and the debug toolbar's Continue to the end of the run.
 */
import * as assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { screenshotIfFailed, startWorkbench, type Workbench } from "./workbench";

const LAUNCH = {
  version: "0.2.0",
  configurations: [{ type: "langgraph", request: "launch", name: "Debug the tools agent", assistant: "tools", message: "weather in Oslo" }],
};

describe("debugging a run from the workbench", function () {
  let workbench: Workbench | undefined;
  let workspace: string;

  before(async function () {
    workspace = mkdtempSync(join(tmpdir(), "langgraph-debug-e2e-"));
    cpSync(join(__dirname, "..", "fixtures", "agents"), workspace, { recursive: true });
    mkdirSync(join(workspace, ".vscode"));
    writeFileSync(join(workspace, ".vscode", "launch.json"), JSON.stringify(LAUNCH, null, 2));
    workbench = await startWorkbench({ workspaceFrom: workspace });
  });

  afterEach(async function () {
    await screenshotIfFailed(this, workbench);
  });

  after(async function () {
    await workbench?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it("F5 stops at a function breakpoint on a node, and the toolbar's Continue finishes the run", async function () {
    const { page } = workbench!;
    await page.locator(".activitybar").waitFor({ state: "visible", timeout: 60_000 });
    await workbench!.runCommand("Debug: Add Function Breakpoint");
    const input = page.locator(".debug-breakpoints input, .debug-pane input").first();
    await input.waitFor({ state: "visible", timeout: 30_000 });
    await input.fill("tools");
    await input.press("Enter");
    await page.locator(".debug-breakpoints .monaco-list-row", { hasText: "tools" }).first().waitFor({ state: "visible" });

    await page.keyboard.press("F5");
    const toolbar = page.locator(".debug-toolbar");
    await toolbar.waitFor({ state: "visible", timeout: 60_000 });
    await page.locator(".debug-call-stack .monaco-list-row", { hasText: "tools › tools" }).first().waitFor({ state: "visible", timeout: 60_000 });
    const variables = page.locator(".debug-variables .monaco-list-row");
    await variables.filter({ hasText: "State" }).first().waitFor({ state: "visible" });
    await variables.filter({ hasText: "messages" }).first().waitFor({ state: "visible" });
    await workbench!.screenshot("debug-paused-before-tools");

    await toolbar.locator('[aria-label^="Continue"]').first().click();
    await toolbar.waitFor({ state: "hidden", timeout: 60_000 });

    const client = new Client({ apiUrl: workbench!.langgraphUrl, apiKey: null });
    const [thread] = await client.threads.search({ metadata: { title: "Debug: tools" }, limit: 1 });
    assert.ok(thread, "the debugged run's thread");
    const state = await client.threads.getState<{ messages: { content: string }[] }>(thread.thread_id);
    assert.equal(state.values.messages.at(-1)?.content, "The weather tool says: It is 21°C and sunny in Oslo.");
    assert.deepEqual(state.next, [], "the run went to its end");
    await workbench!.chatFrame().getByText("The weather tool says: It is 21°C and sunny in Oslo.").first().waitFor({ state: "visible", timeout: 30_000 });
  });
});
