#!/usr/bin/env node
/**
 * The README's screenshots, taken from the packed extension in a real VS Code (code-server) at
 * 1280×800 with the Dark Modern theme:
 *   docs/images/threads.png  the LangGraph side bar: seeded threads (idle, waiting for approval, failed)
 *                            and the deployment's assistants;
 *   docs/images/graph.png    the graph view beside the chat panel, with the last run's path
 *   docs/images/chat.png     a chat panel where three assistants answered on one thread, each reply
 *                            labelled with its assistant, and a tool call opened as a card;
 *   docs/images/approval.png a thread stopped at an interrupt, opened onto its approval card;
 *   docs/images/debug.png    a run paused by a breakpoint before the tools node: Variables and Call Stack
 *                            in the Run and Debug view, the graph's source paused at the node and the
 *                            graph view beside it.
 *
 *   node scripts/screenshots.mjs [--vsix FILE] [--out DIR] [--only debug]
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { launchChromium, openWorkbenchPage } from "./workbench/browser.mjs";
import { cleanupStack } from "./workbench/cleanupStack.mjs";
import { startDemoWorkbench } from "./workbench/demoWorkbench.mjs";
import { repoRoot } from "./workbench/paths.mjs";

const { values } = parseArgs({
  options: {
    vsix: { type: "string" },
    out: { type: "string", default: join(repoRoot, "docs", "images") },
    /** Only this picture (`debug`); the others are left as they are. */
    only: { type: "string" },
  },
});
const say = (message) => console.log(`[screenshots] ${message}`);
const VIEWPORT = { width: 1280, height: 800 };
const CHAT_TITLE = "Weekend in Lisbon: plan, critique, weather";
const APPROVAL_TITLE = "Release notes email (waiting for approval)";

const cleanups = cleanupStack("screenshots");
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    await cleanups.run();
    process.exit(130);
  });
}

/** Threads for the side bar, oldest first (the tree shows the newest on top); the last one is chat.png's. */
const THREADS = [
  { title: "Import the Q3 sales report", runs: [{ assistant: "echo", says: "Please /fail this one.", fails: true }] },
  { title: "Stand-up notes for Monday", runs: [{ assistant: "echo", says: "Summarise: shipped the tree view, next up is the chat panel." }] },
  { title: "Weather check in Porto", runs: [{ assistant: "tools", says: "What is the weather in Porto today?" }] },
  { title: APPROVAL_TITLE, runs: [{ assistant: "approval", says: "the 0.1.0 release notes to the team" }] },
  // Three assistants, one after the other, on the same conversation.
  {
    title: CHAT_TITLE,
    runs: [
      { assistant: "echo", says: "Plan a weekend in Lisbon." },
      { assistant: "Critic", says: "Review that plan." },
      { assistant: "tools", says: "And the weather in Lisbon?" },
    ],
  },
];

/** Drags the sash between the side bar and the editor so the threads' titles fit. */
async function widenSideBar(page, width) {
  const box = await page.locator(".part.sidebar").boundingBox();
  if (!box || box.width >= width) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

/** No hover tooltip or focus ring in the picture. */
async function settle(page) {
  await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height - 5);
  await page.waitForTimeout(800);
}

/** Runs a command from the palette, clicking its row (Enter could run a recently used one). */
async function paletteCommand(page, title) {
  await page.keyboard.press("F1");
  const palette = page.locator(".quick-input-widget input");
  await palette.fill(`>${title}`);
  const row = page.locator(".quick-input-widget .monaco-list-row", { hasText: title }).first();
  await row.waitFor({ state: "visible" });
  await row.click();
}

/**
 * A run of the tools agent paused before its tools node, debugged from launch.json with F5: a breakpoint
 * toggled (F9) on the line of tools.ts that adds the node, the source paused there beside the graph view.
 */
async function debugShot(page, workspace) {
  mkdirSync(join(workspace, ".vscode"), { recursive: true });
  const launch = { type: "langgraph", request: "launch", name: "Debug the weather agent", assistant: "tools", message: "What is the weather in Lisbon?" };
  writeFileSync(join(workspace, ".vscode", "launch.json"), JSON.stringify({ version: "0.2.0", configurations: [launch] }, null, 2));
  const toolsLine = readFileSync(join(workspace, "tools.ts"), "utf8").split("\n").findIndex((line) => line.includes('.addNode("tools"')) + 1;
  await page.locator(".part.statusbar").click({ position: { x: 5, y: 5 } });
  await paletteCommand(page, "View: Close All Editors");
  await page.keyboard.press("Control+P");
  const quickOpen = page.locator(".quick-input-widget input");
  await quickOpen.fill(`tools.ts:${toolsLine}`);
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: "tools.ts" }).first().waitFor({ state: "visible" });
  await page.keyboard.press("Enter");
  await page.locator(".tabs-container .tab.active", { hasText: "tools.ts" }).waitFor({ state: "visible" });
  await page.locator(".monaco-editor .current-line").first().waitFor({ state: "visible" });
  await page.keyboard.press("F9");
  await page.locator(".monaco-editor .codicon-debug-breakpoint").first().waitFor({ state: "visible" });
  await page.keyboard.press("F5");
  await page.locator(".debug-call-stack .monaco-list-row", { hasText: "tools › tools" }).first().waitFor({ state: "visible", timeout: 60_000 });
  await page.locator(".monaco-editor .codicon-debug-stackframe").first().waitFor({ state: "visible", timeout: 30_000 });
  // The debugger opened the thread's chat panel; its graph goes beside it, the paused node highlighted.
  await page.locator(".tabs-container .tab", { hasText: "Debug: tools" }).first().click();
  await page.locator('.editor-actions [aria-label^="Show Graph"]').first().click({ timeout: 30_000 });
  const graphFrame = page.locator("iframe.webview:visible").last().contentFrame().locator("#active-frame").contentFrame();
  await graphFrame.locator("svg .graph-node.paused").first().waitFor({ state: "visible", timeout: 60_000 });
  // The source, paused on the line that adds the node, beside the graph.
  await page.locator(".tabs-container .tab", { hasText: "tools.ts" }).first().click();
  const variables = page.locator(".debug-variables .monaco-list-row");
  const state = variables.filter({ hasText: /^State$/ }).first();
  await state.waitFor({ state: "visible", timeout: 30_000 });
  if ((await state.getAttribute("aria-expanded")) !== "true") await state.click();
  const messages = variables.filter({ hasText: "messages" }).first();
  await messages.waitFor({ state: "visible", timeout: 30_000 });
  await messages.click();
  await page.keyboard.press("ArrowRight");
  await variables.filter({ hasText: "[1]" }).first().waitFor({ state: "visible" });
  // Over the empty Debug Console: the status bar's items would show a tooltip.
  await page.mouse.move(VIEWPORT.width * 0.7, VIEWPORT.height * 0.85);
  await page.waitForTimeout(800);
  const debugPng = join(values.out, "debug.png");
  await page.screenshot({ path: debugPng });
  say(`saved ${debugPng}`);
  await paletteCommand(page, "Debug: Stop");
}

async function main() {
  const { server, workspace } = await startDemoWorkbench({
    name: "screenshots",
    say,
    cleanups,
    threads: THREADS,
    // Apart, so that the tree's order is the order above.
    seedGapMs: 50,
    vsix: values.vsix,
    settings: { "workbench.colorTheme": "Default Dark Modern" },
  });

  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const page = await openWorkbenchPage(browser, server.workbenchUrl(), { viewport: VIEWPORT });
  mkdirSync(values.out, { recursive: true });
  if (values.only === "debug") {
    await page.locator('.activitybar [aria-label^="LangGraph"]').first().waitFor({ state: "visible", timeout: 60_000 });
    await debugShot(page, workspace).catch(async (error) => {
      await page.screenshot({ path: "/tmp/dbg-shot-failed.png" });
      throw error;
    });
    return 0;
  }

  // The LangGraph container with its Threads and Assistants views.
  const container = page.locator('.activitybar [aria-label^="LangGraph"]').first();
  await container.waitFor({ state: "visible", timeout: 60_000 });
  await container.click();
  const sideBar = page.locator(".part.sidebar");
  const chatRow = sideBar.locator(".monaco-list-row", { hasText: CHAT_TITLE }).first();
  await chatRow.waitFor({ state: "visible", timeout: 60_000 });
  await sideBar.locator(".monaco-list-row", { hasText: "Critic" }).first().waitFor({ state: "visible", timeout: 30_000 });
  await widenSideBar(page, 440);
  await settle(page);
  const threadsPng = join(values.out, "threads.png");
  await page.screenshot({ path: threadsPng });
  say(`saved ${threadsPng}`);

  // The hand-off thread in a chat panel, its tool card opened.
  await chatRow.click();
  const chat = page.locator("iframe.webview:visible").first().contentFrame().locator("#active-frame").contentFrame();
  const labels = chat.locator("article.message--ai .message-author-name");
  const deadline = Date.now() + 60_000;
  for (;;) {
    // The webview's frames are replaced while it loads: read again until they are there.
    const names = (await labels.allTextContents().catch(() => [])).map((name) => name.trim());
    if (["echo", "Critic", "tools"].every((name) => names.includes(name))) break;
    if (Date.now() > deadline) throw new Error(`the chat panel did not label the replies (labels: ${names.join(", ")})`);
    await page.waitForTimeout(250);
  }
  const toolSummary = chat.locator("details.tool-card summary").first();
  await toolSummary.waitFor({ state: "visible", timeout: 30_000 });
  await toolSummary.click();
  await chat.locator("details.tool-card[open] .tool-result").first().waitFor({ state: "visible" });
  // The three assistants' replies, down to the bottom of the tool call's card.
  await chat.locator("details.tool-card").first().evaluate((card) => card.scrollIntoView({ block: "end" }));
  await chat.locator(":focus").evaluateAll((elements) => elements.forEach((element) => element.blur()));
  await settle(page);
  const chatPng = join(values.out, "chat.png");
  await page.screenshot({ path: chatPng });
  say(`saved ${chatPng}`);

  // The graph of the thread's last assistant beside the chat, with the path its last run took.
  await page.locator('.editor-actions [aria-label^="Show Graph"]').first().click();
  const graphFrame = page.locator("iframe.webview:visible").nth(1).contentFrame().locator("#active-frame").contentFrame();
  await graphFrame.locator("svg .visited").first().waitFor({ state: "visible", timeout: 60_000 });
  await settle(page);
  const graphPng = join(values.out, "graph.png");
  await page.screenshot({ path: graphPng });
  say(`saved ${graphPng}`);

  // The interrupted thread alone in the editor, opened onto its approval card.
  await page.keyboard.press("F1");
  const palette = page.locator(".quick-input-widget input");
  await palette.fill(">View: Close All Editors");
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: "Close All Editors" }).first().waitFor({ state: "visible" });
  await palette.press("Enter");
  await page.locator("iframe.webview:visible").first().waitFor({ state: "detached", timeout: 30_000 });
  await sideBar.locator(".monaco-list-row", { hasText: APPROVAL_TITLE }).first().click();
  const approval = page.locator("iframe.webview:visible").first().contentFrame().locator("#active-frame").contentFrame();
  await approval.locator(".interrupt-card .interrupt-description").waitFor({ state: "visible", timeout: 60_000 });
  await approval.locator(":focus").evaluateAll((elements) => elements.forEach((element) => element.blur()));
  await settle(page);
  const approvalPng = join(values.out, "approval.png");
  await page.screenshot({ path: approvalPng });
  say(`saved ${approvalPng}`);

  await debugShot(page, workspace);
  return 0;
}

let code;
try {
  code = await main();
} catch (error) {
  console.error(`[screenshots] ${error instanceof Error ? error.message : error}`);
  code = 1;
}
await cleanups.run();
process.exit(code);
