#!/usr/bin/env node
/**
 * The README's screenshots, taken from the packed extension in a real VS Code (code-server) at
 * 1280×800 with the Dark Modern theme:
 *   docs/images/threads.png  the LangGraph side bar: seeded threads (idle, waiting for approval, failed)
 *                            and the deployment's assistants;
 *   docs/images/graph.png    the graph view beside the chat panel, with the last run's path
 *   docs/images/chat.png     a chat panel where three assistants answered on one thread, each reply
 *                            labelled with its assistant, and a tool call opened as a card.
 *
 *   node scripts/screenshots.mjs [--vsix FILE] [--out DIR]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Client } from "@langchain/langgraph-sdk";
import { launchChromium, openWorkbenchPage } from "./workbench/browser.mjs";
import { startCodeServer } from "./workbench/codeServer.mjs";
import { startLangGraphServer } from "./workbench/langgraphServer.mjs";
import { repoRoot } from "./workbench/paths.mjs";
import { setup } from "./workbench/setup.mjs";

const { values } = parseArgs({
  options: {
    vsix: { type: "string" },
    out: { type: "string", default: join(repoRoot, "docs", "images") },
  },
});
const say = (message) => console.log(`[screenshots] ${message}`);
const VIEWPORT = { width: 1280, height: 800 };
const CHAT_TITLE = "Weekend in Lisbon: plan, critique, weather";

const cleanups = [];
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch((error) => console.error(`[screenshots] cleanup: ${error?.message ?? error}`));
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    await cleanup();
    process.exit(130);
  });
}

function packVsix(scratch) {
  if (values.vsix) return resolve(values.vsix);
  const vsix = join(scratch, "langgraph-threads.vsix");
  say("packing the VSIX…");
  const result = spawnSync("npm", ["run", "--silent", "package", "--", "--out", vsix], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0 || !existsSync(vsix)) throw new Error("`npm run package` failed");
  return vsix;
}

/** Threads made by the example assistants themselves, oldest first (the tree shows the newest on top). */
async function seedThreads(url) {
  const client = new Client({ apiUrl: url, apiKey: null });
  const human = (content) => ({ messages: [{ role: "human", content }] });
  const thread = (title) => client.threads.create({ metadata: { title } });
  const pause = () => new Promise((resolvePause) => setTimeout(resolvePause, 50));

  const critic = await client.assistants.create({
    graphId: "echo",
    name: "Critic",
    description: "The echo agent speaking as a critic (configurable.persona).",
    config: { configurable: { persona: "Critic" } },
  });

  const failed = await thread("Import the Q3 sales report");
  try {
    await client.runs.wait(failed.thread_id, "echo", { input: human("Please /fail this one."), raiseError: true });
  } catch {
    // Expected: the echo agent fails on "/fail", which leaves the thread in the error state.
  }
  await pause();

  const standup = await thread("Stand-up notes for Monday");
  await client.runs.wait(standup.thread_id, "echo", { input: human("Summarise: shipped the tree view, next up is the chat panel.") });
  await pause();

  const weather = await thread("Weather check in Porto");
  await client.runs.wait(weather.thread_id, "tools", { input: human("What is the weather in Porto today?") });
  await pause();

  const approval = await thread("Release notes email (waiting for approval)");
  await client.runs.wait(approval.thread_id, "approval", { input: human("the 0.1.0 release notes to the team") });
  await pause();

  // The thread of chat.png: three assistants, one after the other, on the same conversation.
  const chat = await thread(CHAT_TITLE);
  await client.runs.wait(chat.thread_id, "echo", { input: human("Plan a weekend in Lisbon.") });
  await client.runs.wait(chat.thread_id, critic.assistant_id, {
    input: human("Review that plan."),
    config: critic.config,
  });
  await client.runs.wait(chat.thread_id, "tools", { input: human("And the weather in Lisbon?") });

  const threads = await client.threads.search({ limit: 10, select: ["thread_id", "status", "metadata"] });
  for (const { status, metadata } of threads) say(`  thread "${metadata?.title}" (${status})`);
}

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
  await setup();
  const scratch = mkdtempSync(join(tmpdir(), "langgraph-screenshots-"));
  cleanups.push(async () => rmSync(scratch, { recursive: true, force: true }));
  const vsix = packVsix(scratch);

  const langgraph = await startLangGraphServer();
  cleanups.push(langgraph.stop);
  say(`LangGraph server at ${langgraph.url}; seeding threads…`);
  await seedThreads(langgraph.url);

  const workspace = join(scratch, "langgraph-agents");
  const server = await startCodeServer({
    vsix,
    workspace,
    copyWorkspaceFrom: join(repoRoot, "test", "fixtures", "agents"),
    settings: {
      "langgraph.deploymentUrl": langgraph.url,
      "workbench.colorTheme": "Default Dark Modern",
    },
  });
  cleanups.push(server.stop);

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
  return 0;
}

let code;
try {
  code = await main();
} catch (error) {
  console.error(`[screenshots] ${error instanceof Error ? error.message : error}`);
  code = 1;
}
await cleanup();
process.exit(code);
