/**
 * Bundles the in-host tests for the extension host: `index.ts` (the tests module) and every
 * `*.test.ts` under test/vscode into out/test/vscode/ (CommonJS, Node, `vscode` provided by the host).
 * Mocha is bundled in, so the result needs nothing from node_modules at run time.
 */
import * as esbuild from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "../../scripts/workbench/paths.mjs";

export const testsSourceDir = join(repoRoot, "test", "vscode");
export const testsOutDir = join(repoRoot, "out", "test", "vscode");
/** What `extensionTestsPath` points at. */
export const extensionTestsPath = join(testsOutDir, "index.js");

export async function buildInHostTests() {
  const tests = readdirSync(testsSourceDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => join(testsSourceDir, file));
  rmSync(testsOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(testsSourceDir, "index.ts"), ...tests],
    outbase: testsSourceDir,
    outdir: testsOutDir,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    sourcemap: "linked",
    external: ["vscode"],
    logLevel: "warning",
    // Mocha's optional, dynamically required modules stay out of the bundle.
    logOverride: { "require-resolve-not-external": "silent", "indirect-require": "silent" },
  });
  return { tests: tests.map((file) => relative(repoRoot, file)), extensionTestsPath };
}
