/**
 * Starts code-server — a real VS Code workbench served to a browser, with the desktop's Node extension
 * host — on a free port, in a throw-away folder of its own (user data, extensions, XDG dirs), with every
 * setting that keeps it from calling out, and stops it with everything it spawned.
 *
 *   const server = await startCodeServer({ settings: { "langgraph.deploymentUrl": url }, vsix: "x.vsix" });
 *   await page.goto(server.workbenchUrl());
 *   await server.stop();
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "./freePort.mjs";
import { onOutputLines } from "./outputLines.mjs";
import { assertInstalled, codeServerEntry, node24Bin } from "./paths.mjs";
import { linkDependencies } from "./workspaceDependencies.mjs";

/** User settings that stop every outside call the workbench would make, and keep the screen quiet. */
export const OFFLINE_SETTINGS = {
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "workbench.enableExperiments": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.settings.enableNaturalLanguageSearch": false,
  "chat.disableAIFeatures": true,
  "json.schemaDownload.enable": false,
  "npm.fetchOnlinePackageInfo": false,
  "typescript.disableAutomaticTypeAcquisition": true,
  "github.gitAuthentication": false,
  "git.autofetch": false,
  "security.workspace.trust.enabled": false,
  "window.restoreWindows": "none",
  // The empty secondary side bar (where chat would be) only takes room.
  "workbench.secondarySideBar.defaultVisibility": "hidden",
};

/** The environment of the server (and so of its extension hosts): no leaks from a VS Code around us. */
function serverEnv(root, extra) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith("VSCODE_") || name === "ELECTRON_RUN_AS_NODE") continue;
    if (value !== undefined) env[name] = value;
  }
  return {
    ...env,
    XDG_CONFIG_HOME: join(root, "xdg", "config"),
    XDG_DATA_HOME: join(root, "xdg", "data"),
    XDG_CACHE_HOME: join(root, "xdg", "cache"),
    EXTENSIONS_GALLERY: "{}",
    ...extra,
  };
}

function sleep(ms) {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

/**
 * Installs a VSIX into an extensions folder with code-server's own CLI.
 * @param {{ vsix: string, extensionsDir: string, userDataDir: string, env: NodeJS.ProcessEnv }} options
 */
export function installVsix({ vsix, extensionsDir, userDataDir, env }) {
  const result = spawnSync(
    node24Bin,
    [codeServerEntry, "--extensions-dir", extensionsDir, "--user-data-dir", userDataDir, "--install-extension", resolve(vsix), "--force"],
    { encoding: "utf8", env },
  );
  if (result.status !== 0) {
    throw new Error(`installing ${vsix} failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * @param {object} [options]
 * @param {number} [options.port] default: a free port
 * @param {Record<string, unknown>} [options.settings] user settings on top of OFFLINE_SETTINGS
 * @param {Record<string, string>} [options.env] extra environment (it reaches the extension host)
 * @param {string | string[]} [options.vsix] VSIX file(s) to install before the start
 * @param {string} [options.workspace] folder to open; default: a new empty folder
 * @param {string} [options.copyWorkspaceFrom] copy this folder into the new workspace folder
 * @param {boolean} [options.linkDependencies] give the workspace this repository's node_modules and a tsconfig.json (workspaceDependencies.mjs)
 * @param {boolean} [options.smokeTestDriver] allow the `payload` URL parameter (development path, tests)
 * @param {boolean | ((line: string) => void)} [options.log] echo the server's output
 * @param {number} [options.timeoutMs] how long to wait for /healthz (default 60 s)
 * @param {boolean} [options.keep] keep the temp folder after stop (to read its logs)
 */
export async function startCodeServer(options = {}) {
  assertInstalled();
  const root = mkdtempSync(join(tmpdir(), "workbench-"));
  const userDataDir = join(root, "user-data");
  const extensionsDir = join(root, "extensions");
  const workspace = options.workspace ? resolve(options.workspace) : join(root, "workspace");
  mkdirSync(join(userDataDir, "User"), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(workspace, { recursive: true });
  for (const dir of ["config", "data", "cache"]) mkdirSync(join(root, "xdg", dir), { recursive: true });
  if (options.copyWorkspaceFrom) cpSync(resolve(options.copyWorkspaceFrom), workspace, { recursive: true });
  if (options.linkDependencies) linkDependencies(workspace);
  writeFileSync(
    join(userDataDir, "User", "settings.json"),
    JSON.stringify({ ...OFFLINE_SETTINGS, ...options.settings }, null, 2),
  );
  const env = serverEnv(root, options.env ?? {});

  const cleanupFolder = () => {
    if (!options.keep) rmSync(root, { recursive: true, force: true });
  };

  try {
    for (const vsix of [options.vsix ?? []].flat()) installVsix({ vsix, extensionsDir, userDataDir, env });
  } catch (error) {
    cleanupFolder();
    throw error;
  }

  const port = options.port ?? (await freePort());
  const args = [
    codeServerEntry,
    "--auth", "none",
    "--bind-addr", `127.0.0.1:${port}`,
    "--user-data-dir", userDataDir,
    "--extensions-dir", extensionsDir,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--ignore-last-opened",
    ...(options.smokeTestDriver ? ["--vscode-option", "enable-smoke-test-driver"] : []),
    workspace,
  ];
  // Its own process group: one signal to the group also ends the extension hosts it forked.
  const child = spawn(node24Bin, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const output = [];
  const echo = typeof options.log === "function" ? options.log : options.log ? (line) => console.log(`[code-server] ${line}`) : undefined;
  onOutputLines(child, (line) => {
    output.push(line);
    if (output.length > 200) output.shift();
    echo?.(line);
  });
  let exited = false;
  const exitPromise = new Promise((resolveExit) =>
    child.once("exit", (code, signal) => {
      exited = true;
      resolveExit({ code, signal });
    }),
  );
  const groupAlive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  // If the parent dies without stopping us, take the whole group down with it.
  const killOnExit = () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
    cleanupFolder();
  };
  process.once("exit", killOnExit);

  let stopped;
  const stop = () =>
    (stopped ??= (async () => {
      process.removeListener("exit", killOnExit);
      const signalGroup = (signal) => {
        try {
          process.kill(-child.pid, signal);
        } catch {}
      };
      if (!exited) {
        signalGroup("SIGTERM");
        const timedOut = await Promise.race([exitPromise.then(() => false), sleep(5000).then(() => true)]);
        if (timedOut) signalGroup("SIGKILL");
      }
      // Extension hosts or their children that outlived the server.
      await sleep(200);
      signalGroup("SIGKILL");
      await exitPromise;
      for (let waited = 0; groupAlive() && waited < 5000; waited += 100) await sleep(100);
      cleanupFolder();
    })());

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      await stop();
      // The free port was taken between the probe and the bind: once more on another one.
      if (options.port === undefined && !options.retried && output.some((line) => line.includes("EADDRINUSE"))) {
        return startCodeServer({ ...options, retried: true });
      }
      throw new Error(`code-server exited before it answered on ${url}:\n${output.join("\n")}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz on ${url} in time:\n${output.join("\n")}`);
    }
    await sleep(200);
  }

  return {
    url,
    port,
    pid: child.pid,
    root,
    userDataDir,
    extensionsDir,
    workspace,
    /** The server's last output lines (for error messages). */
    output: () => output.join("\n"),
    /**
     * The page that opens the workbench on a folder. With `smokeTestDriver`, `extensionDevelopmentPath`
     * (and `extensionTestsPath`) load an extension from source and run its in-host tests.
     * @param {{ folder?: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} [page]
     */
    workbenchUrl(page = {}) {
      const params = new URLSearchParams({ folder: page.folder ?? workspace });
      const payload = [];
      const remote = (path) => `vscode-remote://127.0.0.1:${port}${resolve(path)}`;
      if (page.extensionDevelopmentPath) payload.push(["extensionDevelopmentPath", remote(page.extensionDevelopmentPath)]);
      if (page.extensionTestsPath) payload.push(["extensionTestsPath", remote(page.extensionTestsPath)]);
      if (payload.length > 0) params.set("payload", JSON.stringify(payload));
      return `${url}/?${params}`;
    },
    /** Installs a VSIX into the running server (it shows up after a window reload). */
    installVsix: (vsix) => installVsix({ vsix, extensionsDir, userDataDir, env }),
    stop,
    exited: exitPromise,
  };
}
