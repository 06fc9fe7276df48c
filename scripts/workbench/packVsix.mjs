/**
 * Packs the extension into a VSIX for a workbench to install: `npm run package` when the project has
 * that script, else esbuild and vsce straight away.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./paths.mjs";

/**
 * @param {string} out  where the VSIX goes
 * @returns {string} `out`
 */
export function packVsix(out) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  const steps = manifest.scripts?.package
    ? [["npm", ["run", "--silent", "package", "--", "--out", out]]]
    : [
        [process.execPath, [join(repoRoot, "esbuild.mjs"), "--production"]],
        ["npx", ["--no-install", "vsce", "package", "--no-dependencies", "--allow-missing-repository", "--skip-license", "-o", out]],
      ];
  for (const [command, args] of steps) {
    const result = spawnSync(command, args, { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
    if (result.status !== 0) throw new Error(`packing the VSIX failed (\`${command} ${args.join(" ")}\`)`);
  }
  if (!existsSync(out)) throw new Error(`packing the VSIX left no file at ${out}`);
  return out;
}
