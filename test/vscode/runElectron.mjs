#!/usr/bin/env node
/**
 * The same in-host tests as `run.mjs`, in desktop VS Code (Electron) through `@vscode/test-electron`.
 * For machines that can download VS Code (it fetches a build on first use); on Linux without a display,
 * run it under `xvfb-run -a`. A real LangGraph server with the example graphs runs beside it; its URL is in
 * `langgraph.deploymentUrl` and, for the tests, in `LANGGRAPH_TEST_URL` (its request log in
 * `LANGGRAPH_TEST_REQUEST_LOG`).
 *
 *   node test/vscode/runElectron.mjs [--grep TEXT] [--no-build] [--vscode-version stable|insiders|1.91.0]
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runTests } from "@vscode/test-electron";
import { OFFLINE_SETTINGS } from "../../scripts/workbench/codeServer.mjs";
import { startLangGraphServer } from "../../scripts/workbench/langgraphServer.mjs";
import { repoRoot } from "../../scripts/workbench/paths.mjs";
import { buildInHostTests } from "./build.mjs";

const { values } = parseArgs({
  options: {
    grep: { type: "string" },
    "no-build": { type: "boolean", default: false },
    "vscode-version": { type: "string", default: process.env.VSCODE_TEST_VERSION ?? "stable" },
  },
});

if (!values["no-build"]) {
  const build = spawnSync(process.execPath, [join(repoRoot, "esbuild.mjs")], { cwd: repoRoot, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const { extensionTestsPath } = await buildInHostTests();

const root = mkdtempSync(join(tmpdir(), "vscode-electron-"));
const userDataDir = join(root, "user-data");
const extensionsDir = join(root, "extensions");
const workspace = join(root, "workspace");
mkdirSync(join(userDataDir, "User"), { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
cpSync(join(repoRoot, "test", "fixtures", "agents"), workspace, { recursive: true });

let langgraph;
let code = 1;
const stop = async () => {
  await langgraph?.stop();
  rmSync(root, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    await stop();
    process.exit(130);
  });
}

try {
  const requestLog = join(root, "requests.log");
  langgraph = await startLangGraphServer({ requestLog });
  console.log(`[test:electron] LangGraph server at ${langgraph.url}`);
  writeFileSync(
    join(userDataDir, "User", "settings.json"),
    JSON.stringify({ ...OFFLINE_SETTINGS, "langgraph.deploymentUrl": langgraph.url }, null, 2),
  );
  code = await runTests({
    version: values["vscode-version"],
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`, "--disable-extensions"],
    extensionTestsEnv: {
      LANGGRAPH_TEST_URL: langgraph.url,
      LANGGRAPH_TEST_REQUEST_LOG: requestLog,
      ...(values.grep ? { VSCODE_TEST_GREP: values.grep } : {}),
    },
  });
} catch (error) {
  console.error(`[test:electron] ${error instanceof Error ? error.message : error}`);
  code = 1;
} finally {
  await stop();
}
process.exit(code);
