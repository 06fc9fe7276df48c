#!/usr/bin/env node
/**
 * The README's screenshots, taken from the packed extension in a real VS Code (code-server) at
 * 1280×800 with the Dark Modern theme:
 *   docs/images/threads.png  the LangGraph side bar: seeded threads (idle, waiting for approval, failed)
 *                            and the deployment's assistants;
 *   docs/images/graph.png    the graph view beside the chat panel, with the last run's path
 *   docs/images/chat.png     a chat panel where three assistants answered on one thread, each reply
 *                            labelled with its assistant, and a tool call opened as a card;
 *   docs/images/approval.png a thread stopped at an interrupt, opened onto its approval card.
 *
 *   node scripts/screenshots.mjs [--vsix FILE] [--out DIR]
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
    vsix: { type: "string" },
    out: { type: "string", default: join(repoRoot, "docs", "images") },
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

async function main() {
  const { server } = await startDemoWorkbench({
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
