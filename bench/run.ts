/**
 * Benchmarks: `npm run bench`. Builds the production bundles, measures activation and sizes, starts
 * the real LangGraph API server, runs the scenarios (extension path vs raw SDK path, alternating, on
 * the same server), prints a table, writes bench/results/latest.{json,md}, and rebuilds the
 * development bundles.
 */
import { join, resolve } from "node:path";
import { createClient } from "../src/deployment/clientFactory";
import { startLangGraphServer, type LangGraphServer } from "../test/harness/langgraphServer";
import { benchActivation, buildBundles } from "./activation";
import { benchOpenThread, type BenchContext } from "./openThread";
import { machine, notesOf, sections, textTable, writeResults, type Row } from "./results";
import { benchStreaming } from "./streaming";
import { now } from "./stats";
import { benchThreadList } from "./threadList";
import { benchInbox } from "./inbox";
import { benchTimeline } from "./timeline";
import { benchEventLog } from "./eventLog";
import { WebviewHost } from "./webviewHost";

// Offline and quiet, like the tests: no tracing, and no key from the environment.
process.env.LANGSMITH_TRACING = "false";
process.env.LANGCHAIN_TRACING_V2 = "false";
process.env.LANGGRAPH_CLI_NO_ANALYTICS = "1";
for (const name of ["LANGSMITH_API_KEY", "LANGCHAIN_API_KEY", "LANGGRAPH_API_KEY"]) delete process.env[name];

const root = resolve(__dirname, "..");
const started = now();
const log = (line: string) => console.log(`[${((now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);

/** `npm run bench -- --only inbox,timeline` runs the scenarios whose names contain one of the words. */
const only = ((i) => (i >= 0 ? (process.argv[i + 1] ?? "").split(",").filter(Boolean) : []))(process.argv.indexOf("--only"));
const wanted = (name: string) => only.length === 0 || only.some((word) => name.includes(word));

const section = sections({ log, wanted });

async function main(): Promise<void> {
  const rows: Row[] = [];
  let server: LangGraphServer | undefined;
  let webview: WebviewHost | undefined;
  const stopServer = async () => {
    const running = server;
    server = undefined;
    await running?.stop();
  };
  process.once("SIGINT", () => void stopServer().finally(() => process.exit(130)));
  try {
    rows.push(
      ...(await section("4 activation/size", async () => {
        log(await buildBundles(root, true));
        return benchActivation(root, log);
      })),
    );
    log("starting the LangGraph server");
    server = await startLangGraphServer();
    const url = server.url;
    webview = WebviewHost.start(join(root, "dist/webview.js"));
    const ctx: BenchContext = { url, client: createClient({ url }), webview, log };
    rows.push(...(await section("1 open thread", () => benchOpenThread(ctx))));
    await server.reset();
    // Clients as the extension builds them (default retries). Streaming gets its own: it wraps `runs.stream`.
    rows.push(...(await section("3 streaming", () => benchStreaming(ctx, createClient({ url })))));
    await server.reset();
    rows.push(...(await section("5 needs input", () => benchInbox(ctx))));
    await server.reset();
    rows.push(...(await section("2 thread tree", () => benchThreadList(ctx))));
    await server.reset();
    rows.push(...(await section("5 checkpoint timeline", () => benchTimeline(ctx))));
    await server.reset();
    // Its own client: the scenario wraps `runs.stream` to count events.
    rows.push(...(await section("6 event log", () => benchEventLog(ctx, createClient({ url }), root))));
  } finally {
    await webview?.terminate();
    await stopServer();
    log("rebuilding the development bundles");
    await buildBundles(root, false).catch((error) => log(`development build FAILED: ${error instanceof Error ? error.message : String(error)}`));
  }

  const ordered = rows.map((r, i) => ({ r, i })).sort((a, b) => a.r.scenario.localeCompare(b.r.scenario) || a.i - b.i).map(({ r }) => r);
  const info = machine();
  const durationS = (now() - started) / 1000;
  console.log("");
  console.log(`Machine: ${info.cpu}, ${info.cores} cores, Node ${info.node}, ${info.date}`);
  console.log(textTable(ordered));
  console.log("");
  for (const note of notesOf(ordered)) console.log(`- ${note}`);
  const missed = ordered.filter((r) => r.status === "MISSED");
  console.log("");
  console.log(missed.length ? `${missed.length} goal(s) MISSED: ${missed.map((r) => `${r.scenario} / ${r.metric}`).join("; ")}` : "All goals met.");
  writeResults(join(root, "bench/results"), ordered, info, durationS);
  log(`wrote bench/results/latest.json and latest.md (whole run ${durationS.toFixed(0)} s)`);
  if (ordered.some((r) => r.metric === "scenario failed")) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
