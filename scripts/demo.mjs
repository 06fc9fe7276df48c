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
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Client } from "@langchain/langgraph-sdk";
import { launchChromium, openWorkbenchPage } from "./workbench/browser.mjs";
import { startCodeServer } from "./workbench/codeServer.mjs";
import { startLangGraphServer } from "./workbench/langgraphServer.mjs";
import { repoRoot } from "./workbench/paths.mjs";
import { setup } from "./workbench/setup.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    vsix: { type: "string" },
    "headless-check": { type: "boolean", default: false },
  },
});
const say = (message) => console.log(`[demo] ${message}`);

const cleanups = [];
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch((error) => console.error(`[demo] cleanup: ${error?.message ?? error}`));
  })();
  return cleaning;
}
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    stopping = true;
    say("stopping…");
    await cleanup();
    process.exit(0);
  });
}

/** The VSIX: `npm run package` when the project has it, else vsce straight away. */
function packVsix(scratch) {
  if (values.vsix) return values.vsix;
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  const out = join(repoRoot, "langgraph-threads.vsix");
  say("packing the VSIX…");
  const steps = manifest.scripts?.package
    ? [["npm", ["run", "--silent", "package"]]]
    : [
        [process.execPath, [join(repoRoot, "esbuild.mjs"), "--production"]],
        ["npx", ["--no-install", "vsce", "package", "--no-dependencies", "--allow-missing-repository", "--skip-license", "-o", join(scratch, "langgraph-threads.vsix")]],
      ];
  for (const [command, args] of steps) {
    const result = spawnSync(command, args, { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
    if (result.status !== 0) throw new Error(`\`${command} ${args.join(" ")}\` failed`);
  }
  const vsix = manifest.scripts?.package ? out : join(scratch, "langgraph-threads.vsix");
  if (!existsSync(vsix)) throw new Error(`no VSIX at ${vsix}`);
  return vsix;
}

/** A few threads that show what the extension does, made by the example assistants themselves. */
async function seedThreads(url) {
  const client = new Client({ apiUrl: url, apiKey: null });
  const human = (content) => ({ messages: [{ role: "human", content }] });
  const thread = (title) => client.threads.create({ metadata: { title } });

  const critic = await client.assistants.create({
    graphId: "echo",
    name: "Critic",
    description: "The echo agent speaking as a critic (configurable.persona).",
    config: { configurable: { persona: "Critic" } },
  });

  const handoff = await thread("Weekend in Lisbon: plan, then critique");
  await client.runs.wait(handoff.thread_id, "echo", { input: human("Plan a weekend in Lisbon with two museum visits.") });
  await client.runs.wait(handoff.thread_id, critic.assistant_id, {
    input: human("Now review that plan: what would you change?"),
    config: critic.config,
  });

  const weather = await thread("Weather check in Porto");
  await client.runs.wait(weather.thread_id, "tools", { input: human("What is the weather in Porto today?") });

  const approval = await thread("Release notes email (waiting for approval)");
  await client.runs.wait(approval.thread_id, "approval", { input: human("the 0.1.0 release notes to the team") });

  const failed = await thread("A run that failed");
  try {
    await client.runs.wait(failed.thread_id, "echo", { input: human("Please /fail this one."), raiseError: true });
  } catch {
    // Expected: the echo agent fails on "/fail", which leaves the thread in the error state.
  }

  const threads = await client.threads.search({ limit: 10, select: ["thread_id", "status", "metadata"] });
  for (const { status, metadata } of threads) say(`  thread "${metadata?.title}" (${status})`);
}

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
  await setup();
  const scratch = mkdtempSync(join(tmpdir(), "langgraph-demo-"));
  cleanups.push(async () => rmSync(scratch, { recursive: true, force: true }));
  const vsix = packVsix(scratch);

  const langgraph = await startLangGraphServer();
  cleanups.push(langgraph.stop);
  say(`LangGraph server at ${langgraph.url}; seeding threads…`);
  await seedThreads(langgraph.url);

  // The workspace: a copy of the example agents, with their langgraph.json.
  const workspace = join(scratch, "langgraph-agents");
  cpSync(join(repoRoot, "test", "fixtures", "agents"), workspace, { recursive: true });
  const server = await startCodeServer({
    port: values.port ? Number(values.port) : undefined,
    vsix,
    workspace,
    settings: { "langgraph.deploymentUrl": langgraph.url },
  });
  cleanups.push(server.stop);

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
await cleanup();
process.exit(code);
