#!/usr/bin/env node
/**
 * The extension in a real VS Code, offline, with a real LangGraph server holding a few example threads:
 *   1. installs the workbench (code-server, Node 24, Chromium) if needed and packs the VSIX;
 *   2. starts the LangGraph API server with the example graphs of test/fixtures/agents;
 *   3. seeds threads by running the example assistants (a hand-off between two assistants, a tool
 *      call, an approval left waiting, a failed run);
 *   4. starts code-server with the VSIX installed, `langgraph.deploymentUrl` set and a copy of the
 *      example agents as the workspace, and prints the address to open. Ctrl+C stops everything.
 *
 *   node scripts/demo.mjs [--port N] [--vsix FILE] [--headless-check]
 *     --port N          code-server's port (default: a free one)
 *     --vsix FILE       install this VSIX instead of packing one
 *     --headless-check  open the workbench in headless Chromium, open the LangGraph view and the
 *                       hand-off thread, save a screenshot to test-results/demo.png, stop everything
 *                       and exit (non-zero when something did not show)
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { launchChromium, openWorkbenchPage } from "./workbench/browser.mjs";
import { cleanupStack } from "./workbench/cleanupStack.mjs";
import { startDemoWorkbench } from "./workbench/demoWorkbench.mjs";
import { repoRoot } from "./workbench/paths.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    vsix: { type: "string" },
    "headless-check": { type: "boolean", default: false },
  },
});
const say = (message) => console.log(`[demo] ${message}`);

const cleanups = cleanupStack("demo");
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    stopping = true;
    say("stopping…");
    await cleanups.run();
    process.exit(0);
  });
}

/**
 * Threads that show what the extension does: a hand-off between two assistants, a tool call, a supervisor
 * whose sub-agents work in subgraphs, an approval left waiting, a failed run.
 */
const THREADS = [
  {
    title: "Weekend in Lisbon: plan, then critique",
    runs: [
      { assistant: "echo", says: "Plan a weekend in Lisbon with two museum visits." },
      { assistant: "Critic", says: "Now review that plan: what would you change?" },
    ],
  },
  { title: "Weather check in Porto", runs: [{ assistant: "tools", says: "What is the weather in Porto today?" }] },
  { title: "Team answer: researcher and writer", runs: [{ assistant: "supervisor", says: "LangGraph subgraphs" }] },
  { title: "Release notes email (waiting for approval)", runs: [{ assistant: "approval", says: "the 0.1.0 release notes to the team" }] },
  { title: "A run that failed", runs: [{ assistant: "echo", says: "Please /fail this one.", fails: true }] },
];

async function headlessCheck(server) {
  const screenshot = join(repoRoot, "test-results", "demo.png");
  mkdirSync(join(repoRoot, "test-results"), { recursive: true });
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const page = await openWorkbenchPage(browser, server.workbenchUrl());
  const problems = [];
  const container = page.locator('.activitybar [aria-label^="LangGraph"]').first();
  try {
    await container.waitFor({ state: "visible", timeout: 30_000 });
    await container.click();
    const handoff = page.locator(".part.sidebar .monaco-list-row", { hasText: "Weekend in Lisbon" }).first();
    await handoff.waitFor({ state: "visible", timeout: 30_000 });
    // The hand-off thread in the chat panel: both assistants' answers.
    await handoff.click();
    const chat = page.locator("iframe.webview:visible").first().contentFrame().locator("#active-frame").contentFrame();
    await chat.getByText("[Critic]", { exact: false }).first().waitFor({ state: "visible", timeout: 30_000 });
  } catch (error) {
    problems.push(error instanceof Error ? error.message.split("\n")[0] : String(error));
  }
  await page.mouse.move(700, 450); // no hover tooltip in the picture
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshot });
  say(`screenshot: ${screenshot}`);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`[demo] headless check: ${problem}`);
    return 1;
  }
  say("headless check: the LangGraph view lists the seeded threads and the chat panel shows the hand-off");
  return 0;
}

async function main() {
  const { server, workspace } = await startDemoWorkbench({
    name: "demo",
    say,
    cleanups,
    threads: THREADS,
    vsix: values.vsix,
    vsixInRepo: true,
    port: values.port ? Number(values.port) : undefined,
  });

  if (values["headless-check"]) return headlessCheck(server);

  console.log("");
  say(`open ${server.url}/?folder=${encodeURIComponent(workspace)}`);
  say("the LangGraph icon in the activity bar shows the threads; Ctrl+C stops the demo");
  await server.exited;
  if (stopping) await new Promise(() => {}); // the signal handler exits
  say("code-server stopped by itself");
  return 1;
}

let code;
try {
  code = await main();
} catch (error) {
  if (stopping) await new Promise(() => {}); // the signal handler exits
  console.error(`[demo] ${error instanceof Error ? error.message : error}`);
  code = 1;
}
await cleanups.run();
process.exit(code);
