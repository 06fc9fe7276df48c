/**
 * The test-only chat model extension (`test/vscode/placeholderModel`): VS Code's Chat view refuses every
 * request while no chat model is registered, so the workbench tests install this one beside the
 * extension. It is never part of the extension's VSIX.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./paths.mjs";

/**
 * Packages it into `dir` with vsce (offline, about 2 s).
 * @param {string} dir
 * @returns {string} the VSIX's path
 */
export function packagePlaceholderModel(dir) {
  const out = join(dir, "placeholder-model.vsix");
  const vsce = join(repoRoot, "node_modules", "@vscode", "vsce", "vsce");
  const result = spawnSync(
    process.execPath,
    [vsce, "package", "--no-dependencies", "--allow-missing-repository", "--skip-license", "--out", out],
    { cwd: join(repoRoot, "test", "vscode", "placeholderModel"), encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`packaging the placeholder model failed:\n${result.stdout}\n${result.stderr}`);
  return out;
}
