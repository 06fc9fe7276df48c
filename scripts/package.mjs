#!/usr/bin/env node
/**
 * Builds minified bundles and packs the VSIX, then checks that it holds only bundles and media and
 * stays under 2 MB.  npm run package [-- --out file.vsix]
 */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { out: { type: "string", default: "langgraph-threads.vsix" } } });
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

run(process.execPath, ["esbuild.mjs", "--production"]);
const vsce = "node_modules/@vscode/vsce/vsce";
const files = run(process.execPath, [vsce, "ls", "--no-dependencies"]).trim().split("\n");
const allowed = /^(dist\/(extension|web\/extension|webview|graphWebview|eventLogWebview|langgraphJsonServer|chunks\/\w+)\.js|dist\/codicons\/.*|media\/.*|package\.json|package\.nls\.json|l10n\/bundle\.l10n\.json|README\.md|LICENSE|CHANGELOG\.md)$/;
const stray = files.filter((f) => !allowed.test(f));
if (stray.length) {
  console.error(`The VSIX would contain files that are not bundles or media:\n${stray.join("\n")}`);
  process.exit(1);
}
// The README's screenshots are repository files; the packaged README leaves them out rather than link nowhere.
const readme = "dist/README.md";
writeFileSync(readme, readFileSync("README.md", "utf8").replace(/^!\[[^\]]*\]\((?!https?:)[^)]*\)\n\n?/gm, ""));
run(process.execPath, [vsce, "package", "--no-dependencies", "--allow-missing-repository", "--skip-license", "--readme-path", readme, "--out", values.out]);
const size = statSync(values.out).size;
console.log(`${values.out}: ${(size / 1024).toFixed(0)} KiB, ${files.length} files`);
for (const f of files) console.log(`  ${f}`);
if (size > 2 * 1024 * 1024) {
  console.error("The VSIX is larger than 2 MB.");
  process.exit(1);
}
