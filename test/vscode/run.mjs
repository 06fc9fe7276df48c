#!/usr/bin/env node
/**
 * Runs the in-host tests (test/vscode/**\/*.test.ts) inside a real VS Code extension host, offline:
 * code-server serves the workbench, headless Chromium opens it with the extension loaded from this
 * folder (development path) and `extensionTestsPath` set; the mocha output and the exit code come back
 * through the smoke-test driver hooks. A real LangGraph server with the example graphs runs beside it;
 * its URL is in `langgraph.deploymentUrl` and, for the tests, in `LANGGRAPH_TEST_URL`; every request it
 * receives is appended to the file named by `LANGGRAPH_TEST_REQUEST_LOG`, so a test can prove what the
 * extension did (or did not) ask the deployment.
 *
 * VS Code's Chat view only runs a participant while some chat model is registered: a test-only
 * extension (`test/vscode/placeholderModel`, packaged here, never in the VSIX) registers one. (A tool's
 * confirmation dialog is confirmed by the workbench itself while extension tests run.)
 *
 *   node test/vscode/run.mjs [--grep TEXT] [--no-build] [--timeout SECONDS] [--verbose]
 *                            [--extension-path DIR]   (default: this repository)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { launchChromium, openWorkbenchPage } from "../../scripts/workbench/browser.mjs";
import { startCodeServer } from "../../scripts/workbench/codeServer.mjs";
import { startLangGraphServer } from "../../scripts/workbench/langgraphServer.mjs";
import { packagePlaceholderModel } from "../../scripts/workbench/placeholderModel.mjs";
import { repoRoot } from "../../scripts/workbench/paths.mjs";
import { setup } from "../../scripts/workbench/setup.mjs";
import { buildInHostTests } from "./build.mjs";

const { values } = parseArgs({
  options: {
    grep: { type: "string" },
    "no-build": { type: "boolean", default: false },
    timeout: { type: "string", default: "600" },
    verbose: { type: "boolean", default: false },
    "extension-path": { type: "string", default: repoRoot },
  },
});
const timeoutMs = Number(values.timeout) * 1000;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[test:vscode] ${message}`);

/** Marks the test reporter's lines among the workbench's log messages (see index.ts). */
const OUTPUT_PREFIX = "\u2063test\u2063 ";
/** The workbench's own log, printed only when the run fails without test output (or with --verbose). */
const workbenchLog = [];
let testOutputSeen = false;

/** Everything started, stopped in reverse order whatever happens. */
const cleanups = [];
let cleaning;
let interrupted = false;
function cleanup() {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch((error) => console.error(`[test:vscode] cleanup: ${error?.message ?? error}`));
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    interrupted = true;
    say(`${signal}: stopping`);
    await cleanup();
    process.exit(130);
  });
}

async function main() {
  await setup();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no result after ${values.timeout} s: stopped (--verbose shows the workbench's log and the servers' output)`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([runTests(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves with the extension host's exit code. */
async function runTests() {
  if (!values["no-build"]) {
    const build = spawnSync(process.execPath, [join(repoRoot, "esbuild.mjs")], { cwd: repoRoot, stdio: "inherit" });
    if (build.status !== 0) throw new Error("building the extension failed");
  }
  const { tests, extensionTestsPath } = await buildInHostTests();
  say(`bundled ${tests.length} test file(s) (${elapsed()})`);

  const logDir = mkdtempSync(join(tmpdir(), "lgt-requests-"));
  cleanups.push(async () => rmSync(logDir, { recursive: true, force: true }));
  const requestLog = join(logDir, "requests.log");
  const placeholderModel = packagePlaceholderModel(logDir);
  const langgraph = await startLangGraphServer({ log: values.verbose, requestLog });
  cleanups.push(langgraph.stop);
  say(`LangGraph server at ${langgraph.url} (${elapsed()})`);

  const codeServer = await startCodeServer({
    smokeTestDriver: true,
    settings: { "langgraph.deploymentUrl": langgraph.url, "chat.disableAIFeatures": false },
    vsix: placeholderModel,
    env: {
      LANGGRAPH_TEST_URL: langgraph.url,
      LANGGRAPH_TEST_REQUEST_LOG: requestLog,
      // Reaches the tasks Start Local Server runs: the LangGraph CLI stays offline and quiet.
      LANGGRAPH_CLI_NO_ANALYTICS: "1",
      LANGSMITH_TRACING: "false",
      LANGCHAIN_TRACING_V2: "false",
      VSCODE_TEST_COLOR: process.stdout.isTTY ? "1" : "0",
      VSCODE_TEST_OUTPUT_PREFIX: OUTPUT_PREFIX,
      ...(values.grep ? { VSCODE_TEST_GREP: values.grep } : {}),
    },
    copyWorkspaceFrom: join(repoRoot, "test", "fixtures", "agents"),
    log: values.verbose,
  });
  cleanups.push(codeServer.stop);
  say(`code-server at ${codeServer.url} (${elapsed()})`);

  const browser = await launchChromium();
  cleanups.push(() => browser.close());

  let finish;
  const exitCode = new Promise((resolveExit) => (finish = resolveExit));
  const page = await openWorkbenchPage(
    browser,
    codeServer.workbenchUrl({ extensionDevelopmentPath: values["extension-path"], extensionTestsPath }),
    {
      waitForWorkbench: false,
      onExit: (code) => finish(code),
      onLog: (level, message) => {
        if (message.startsWith(OUTPUT_PREFIX)) {
          testOutputSeen = true;
          console.log(message.slice(OUTPUT_PREFIX.length));
        } else if (values.verbose) {
          console.log(`[workbench ${level} ${elapsed()}] ${message}`);
        } else {
          workbenchLog.push(`[${level}] ${message}`);
          if (workbenchLog.length > 300) workbenchLog.shift();
        }
      },
    },
  );
  if (values.verbose) {
    // What the workbench's log service does not carry already (it prints its own lines with "%c").
    page.on("console", (message) => {
      if (!message.text().startsWith("%c")) console.log(`[page ${message.type()}] ${message.text()}`);
    });
    page.on("pageerror", (error) => console.log(`[page error] ${error.message}`));
  }
  page.on("crash", () => finish(Promise.reject(new Error("the workbench page crashed"))));
  return exitCode;
}



let code;
try {
  code = await main();
  say(`extension host finished with exit code ${code} (${elapsed()})`);
} catch (error) {
  if (interrupted) await new Promise(() => {}); // the signal handler exits
  console.error(`[test:vscode] ${error instanceof Error ? error.message : error}`);
  code = 1;
}
if (code !== 0 && !testOutputSeen && workbenchLog.length > 0) {
  console.log("[test:vscode] no test output came back; the workbench's log:");
  for (const line of workbenchLog) console.log(`  ${line}`);
}
await cleanup();
say(`done (${elapsed()})`);
process.exit(code);
