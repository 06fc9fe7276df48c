/**
 * `npm run bench:workbench`: the extension as a user meets it. code-server with the packed VSIX and a
 * minimal extension beside it (the baseline of VS Code's own costs), a real LangGraph server with seeded
 * threads, Chromium driven through playwright-core. Times come from performance marks in the pages and
 * the extension host (`LANGGRAPH_PERF_MARKS`), each step beside the minimal extension's and the raw SDK
 * call's. Prints the table and writes bench/results/workbench.{json,md}.
 *
 * Run it alone on the machine: `flock /tmp/workbench.lock npm run bench:workbench`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createClient } from "../../src/deployment/clientFactory";
import { failedRow, machine, notesOf, sections, textTable, writeResults, type Row } from "../results";
import { conversation, seedThread, seedThreads } from "../seed";
import { now } from "../stats";
import { benchOpenThreads, benchStreaming, benchTreeViews, type SeededThread, type StreamingThread, type WorkbenchContext } from "./scenarios";
import { WorkbenchPage } from "./workbenchPage";

const harness = {
  paths: () => import("../../scripts/workbench/paths.mjs"),
  setup: () => import("../../scripts/workbench/setup.mjs"),
  pack: () => import("../../scripts/workbench/packVsix.mjs"),
  codeServer: () => import("../../scripts/workbench/codeServer.mjs"),
  browser: () => import("../../scripts/workbench/browser.mjs"),
  langgraph: () => import("../../scripts/workbench/langgraphServer.mjs"),
  cleanup: () => import("../../scripts/workbench/cleanupStack.mjs"),
};

for (const name of ["LANGSMITH_API_KEY", "LANGCHAIN_API_KEY", "LANGGRAPH_API_KEY"]) delete process.env[name];
process.env.LANGSMITH_TRACING = "false";
process.env.LANGCHAIN_TRACING_V2 = "false";

const root = resolve(__dirname, "..", "..");
const started = now();
const log = (line: string) => console.log(`[${((now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
/** Threads besides the measured ones, so the tree pages through a deployment of some size. */
const FILLER_THREADS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A failed section leaves a screenshot of the workbench in bench/results/. */
let onFailure: (name: string) => Promise<void> = async () => undefined;

/** `npm run bench:workbench -- --only W2` runs the scenarios whose names contain one of the words. */
const only = ((i) => (i >= 0 ? (process.argv[i + 1] ?? "").split(",").filter(Boolean) : []))(process.argv.indexOf("--only"));
const wanted = (name: string) => only.length === 0 || only.some((word) => name.includes(word));

const section = sections({ log, wanted, onFailure: (name) => onFailure(name) });

/** The minimal extension's VSIX, packed by vsce from `minimalExtension/`. */
function packMinimal(out: string): string {
  const vsce = join(root, "node_modules/@vscode/vsce/vsce");
  execFileSync(process.execPath, [vsce, "package", "--no-dependencies", "--allow-missing-repository", "--skip-license", "-o", out], {
    cwd: join(__dirname, "minimalExtension"),
    stdio: ["ignore", "ignore", "inherit"],
  });
  return out;
}

/** Tokens apart, as a hosted model streams them (the echo graph's `delay_ms`). */
const TOKEN_DELAY_MS = 8;

/** An empty thread whose assistant streams its reply token by token at `TOKEN_DELAY_MS`. */
async function streamingThread(client: ReturnType<typeof createClient>): Promise<StreamingThread> {
  const assistant = await client.assistants.create({ graphId: "echo", name: "Echo, paced", config: { configurable: { delay_ms: TOKEN_DELAY_MS } } });
  const title = "Streaming bench";
  const thread = await client.threads.create({ graphId: "echo", metadata: { title, assistant_id: assistant.assistant_id } });
  return { threadId: thread.thread_id, title, assistantId: assistant.assistant_id };
}

async function main(): Promise<void> {
  const load = [os.loadavg()[0]];
  const { cleanupStack } = await harness.cleanup();
  const cleanups = cleanupStack("bench:workbench");
  const scratch = mkdtempSync(join(tmpdir(), "langgraph-bench-workbench-"));
  cleanups.push(async () => rmSync(scratch, { recursive: true, force: true }));
  process.once("SIGINT", () => void cleanups.run().finally(() => process.exit(130)));
  const rows: Row[] = [];
  try {
    await (await harness.setup()).setup();
    (await harness.paths()).assertInstalled();
    log("packing the VSIX and the minimal extension");
    const vsix = (await harness.pack()).packVsix(join(scratch, "langgraph-threads.vsix"));
    const minimalVsix = packMinimal(join(scratch, "bench-minimal.vsix"));

    log("starting the LangGraph server and seeding threads");
    // Its errors go to the log: a server that fails under a big thread explains the scenarios after it.
    const server = await (await harness.langgraph()).startLangGraphServer({ log: (line) => log(`[langgraph] ${line}`) });
    cleanups.push(() => server.stop());
    const client = createClient({ url: server.url });
    await seedThreads(client, FILLER_THREADS);
    const streamThread = await streamingThread(client);
    // Seeded last, so newest first puts them at the top of the tree: the 10-message one first.
    const threads: SeededThread[] = [];
    for (const [messages, samples] of [
      [10_000, 2],
      [1_000, 3],
      [10, 3],
    ]) {
      const threadId = await seedThread(client, conversation(messages));
      threads.unshift({ messages, samples, threadId, title: `Seeded ${messages}` });
    }
    log(`seeded ${FILLER_THREADS + threads.length} threads`);

    const marksFile = join(scratch, "host-marks.tsv");
    const codeServer = await (await harness.codeServer()).startCodeServer({
      vsix: [vsix, minimalVsix],
      settings: { "langgraph.deploymentUrl": server.url },
      env: { LANGGRAPH_PERF_MARKS: marksFile },
    });
    cleanups.push(() => codeServer.stop());
    const { launchChromium, openWorkbenchPage } = await harness.browser();
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await openWorkbenchPage(browser, codeServer.workbenchUrl());
    const wb = new WorkbenchPage(page, marksFile, () => codeServer.workbenchUrl({ folder: mkdtempSync(join(scratch, "window-")) }));
    onFailure = async (name) => {
      const file = join(root, "bench/results", `workbench-failed-${name.replace(/\W+/g, "-")}.png`);
      mkdirSync(dirname(file), { recursive: true });
      await wb.screenshot(file);
      log(`screenshot: ${file}`);
    };
    await wb.containerItem("LangGraph").waitFor({ state: "visible", timeout: 60_000 });
    await wb.containerItem("Bench Minimal").waitFor({ state: "visible", timeout: 60_000 });
    // Let the workbench finish starting (extension host, built-in extensions) before the first click.
    await sleep(5000);
    await wb.recordClicks();
    log("workbench ready");

    const ctx: WorkbenchContext = { wb, client, firstThreadTitle: threads[0].title, tokenDelayMs: TOKEN_DELAY_MS, log };
    rows.push(...(await section("W1 Threads view", () => benchTreeViews(ctx))));
    load.push(os.loadavg()[0]);
    rows.push(...(await section("W2 open a thread", () => benchOpenThreads(ctx, threads))));
    load.push(os.loadavg()[0]);
    rows.push(...(await section("W3 streaming", () => benchStreaming(ctx, streamThread))));
    load.push(os.loadavg()[0]);
  } catch (error) {
    rows.push(failedRow("workbench", error));
    log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await cleanups.run();
  }

  const info = machine();
  const durationS = (now() - started) / 1000;
  const loadLine = `1-minute load average on ${info.cores} cores during the run: ${load.map((l) => l.toFixed(1)).join(" → ")}`;
  console.log("");
  console.log(`Machine: ${info.cpu}, ${info.cores} cores, Node ${info.node}, ${info.date}; ${loadLine}`);
  console.log(textTable(rows));
  console.log("");
  for (const note of notesOf(rows)) console.log(`- ${note}`);
  const missed = rows.filter((r) => r.status === "MISSED");
  console.log("");
  console.log(missed.length ? `${missed.length} goal(s) MISSED: ${missed.map((r) => `${r.scenario} / ${r.metric}`).join("; ")}` : "All goals met.");
  writeResults(join(root, "bench/results"), rows, info, durationS, "workbench", [loadLine]);
  log(`wrote bench/results/workbench.json and workbench.md (whole run ${durationS.toFixed(0)} s)`);
  if (rows.some((r) => r.metric === "scenario failed")) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
