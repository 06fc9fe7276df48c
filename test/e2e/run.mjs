#!/usr/bin/env node
/**
 * End-to-end tests: the packed extension in a real VS Code workbench (code-server) driven in headless
 * Chromium by Playwright. Installs the workbench if needed, packs the VSIX once, then runs mocha over
 * test/e2e/**\/*.e2e.ts. Screenshots go to test-results/screenshots/.
 *
 *   node test/e2e/run.mjs [--vsix FILE] [--grep TEXT] [FILES…]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { packVsix } from "../../scripts/workbench/packVsix.mjs";
import { repoRoot } from "../../scripts/workbench/paths.mjs";
import { setup } from "../../scripts/workbench/setup.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    vsix: { type: "string" },
    grep: { type: "string" },
  },
});
const say = (message) => console.log(`[test:e2e] ${message}`);

await setup();

const scratch = mkdtempSync(join(tmpdir(), "langgraph-e2e-"));
let vsix = values.vsix;
if (!vsix) {
  say("packing the VSIX…");
  try {
    vsix = packVsix(join(scratch, "langgraph-threads.vsix"));
  } catch (error) {
    console.error(`[test:e2e] ${error instanceof Error ? error.message : error}`);
    rmSync(scratch, { recursive: true, force: true });
    process.exit(1);
  }
}

const mochaArgs = [
  "--import", "tsx",
  join(repoRoot, "node_modules", "mocha", "bin", "mocha.js"),
  "--no-config",
  "--extension", "ts",
  "--timeout", "120000",
  "--slow", "20000",
  "--reporter", "spec",
  ...(values.grep ? ["--grep", values.grep] : []),
  ...(positionals.length > 0 ? positionals : ["test/e2e/**/*.e2e.ts"]),
];
const mocha = spawn(process.execPath, mochaArgs, {
  cwd: repoRoot,
  stdio: "inherit",
  env: { ...process.env, LANGGRAPH_E2E_VSIX: vsix },
});
// The test process stops its workbenches on SIGINT/SIGTERM (see workbench.ts); if it hangs, it is killed.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    mocha.kill(signal);
    setTimeout(() => mocha.kill("SIGKILL"), 20_000).unref();
  });
}
const code = await new Promise((resolveCode) => mocha.once("exit", (exitCode, signal) => resolveCode(exitCode ?? (signal ? 130 : 1))));
rmSync(scratch, { recursive: true, force: true });
process.exit(code);
