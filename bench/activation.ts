/**
 * Scenario 4: bundle sizes (production build) and activation time of `dist/extension.js`, each sample
 * in a fresh Node process against the `vscode` stub. Baseline: a bundle holding only the SDK client,
 * built with the same options, loaded and constructed the same way.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { goals, row, type Row } from "./results";
import { alternating, median } from "./stats";

const run = promisify(execFile);

/** Every bundle the build writes (`dist/*.js`, then the host's chunks loaded on first use), the extension host's first. */
function bundles(root: string): string[] {
  const files = readdirSync(join(root, "dist")).filter((name) => name.endsWith(".js"));
  const chunks = readdirSync(join(root, "dist/chunks")).filter((name) => name.endsWith(".js"));
  return [
    ...files.sort((a, b) => Number(b === "extension.js") - Number(a === "extension.js") || a.localeCompare(b)).map((name) => `dist/${name}`),
    ...chunks.sort().map((name) => `dist/chunks/${name}`),
  ];
}

export async function buildBundles(root: string, production: boolean): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, ["esbuild.mjs", ...(production ? ["--production"] : [])], { cwd: root });
  return `${stdout}${stderr}`.trim();
}

interface ProbeResult {
  requireMs: number;
  activateMs: number;
  totalMs: number;
  heapDeltaBytes: number;
  commands: number;
  treeViews: number;
  /** vscode API members the stub lacks that the extension touched. */
  missing: string[];
  errors: string[];
  error?: string;
}

async function probe(probeFile: string, mode: "extension" | "sdk", root: string, bundle: string): Promise<ProbeResult> {
  const { stdout } = await run(process.execPath, [probeFile, mode, root, bundle], { cwd: root }).catch((error: { stdout?: string }) => ({
    stdout: error.stdout ?? "",
  }));
  const line = stdout.trim().split("\n").at(-1) ?? "";
  const result = JSON.parse(line || '{"error":"no output"}') as ProbeResult;
  if (result.error) throw new Error(`${mode} probe failed: ${result.error}`);
  return result;
}

export async function benchActivation(root: string, log: (line: string) => void, samples = 5): Promise<Row[]> {
  const scenario = "4 activation/size";
  const rows: Row[] = [];
  const work = mkdtempSync(join(tmpdir(), "langgraph-bench-"));
  try {
    const probeFile = join(work, "probe.cjs");
    const sdkFile = join(work, "sdk-only.js");
    await esbuild.build({ entryPoints: [join(root, "bench/activationProbe.ts")], bundle: true, platform: "node", format: "cjs", target: "node18", outfile: probeFile, logLevel: "warning" });
    await esbuild.build({
      stdin: { contents: 'export { Client } from "@langchain/langgraph-sdk";', resolveDir: root, loader: "ts" },
      bundle: true,
      minify: true,
      platform: "node",
      format: "cjs",
      target: "node18",
      legalComments: "none",
      outfile: sdkFile,
      logLevel: "warning",
    });

    const size = (file: string) => statSync(file).size / 1024;
    const gzip = (file: string) => gzipSync(readFileSync(file)).length / 1024;
    for (const bundle of bundles(root)) {
      const file = join(root, bundle);
      const isHost = bundle === "dist/extension.js";
      rows.push(
        row({
          scenario,
          metric: `${bundle} (production)`,
          unit: "KiB",
          extension: size(file),
          raw: isHost ? size(sdkFile) : undefined,
          goal: isHost ? goals.rawPlus(100, "KiB") : undefined,
          note: `gzip ${gzip(file).toFixed(0)} KiB${isHost ? "; raw = a bundle of only the SDK client, same esbuild options" : ""}${bundle.startsWith("dist/chunks/") ? "; the host requires it on first use" : ""}`,
        }),
      );
    }

    const extension = join(root, "dist/extension.js");
    const { ext, raw: sdk } = await alternating(
      samples,
      () => probe(probeFile, "extension", root, extension),
      () => probe(probeFile, "sdk", root, sdkFile),
    );
    const errors = ext.flatMap((e) => e.errors);
    const missing = [...new Set(ext.flatMap((e) => e.missing))];
    log(`activation registered ${ext[0].commands} commands and ${ext[0].treeViews} tree views${errors.length ? `; logged errors: ${errors[0]}` : ""}`);
    rows.push(
      row({
        scenario,
        metric: "activation: require + activate()",
        unit: "ms",
        extension: median(ext.map((e) => e.totalMs)),
        raw: median(sdk.map((s) => s.totalMs)),
        goal: goals.ratioAtMost(1.1),
        note: `fresh process per sample, ${samples} each, alternating; raw = require the SDK-only bundle + new Client(). activate() registered ${ext[0].commands} commands${missing.length ? `; stubbed as no-ops: ${missing.join(", ")}` : ""}.`,
      }),
      row({ scenario, metric: "activation: require (module load)", unit: "ms", extension: median(ext.map((e) => e.requireMs)), raw: median(sdk.map((s) => s.requireMs)) }),
      row({ scenario, metric: "activation: activate() call", unit: "ms", extension: median(ext.map((e) => e.activateMs)), raw: median(sdk.map((s) => s.activateMs)), note: "raw = new Client()" }),
      row({
        scenario,
        metric: "activation: heap used growth",
        unit: "MiB",
        extension: median(ext.map((e) => e.heapDeltaBytes)) / 2 ** 20,
        raw: median(sdk.map((s) => s.heapDeltaBytes)) / 2 ** 20,
      }),
      row({
        scenario,
        metric: "activation: errors logged",
        unit: "",
        extension: errors.length,
        note: errors.length ? errors[0].slice(0, 200) : "the output channel got no error lines during activation",
      }),
    );
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
