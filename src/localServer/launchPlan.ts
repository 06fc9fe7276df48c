/**
 * How a folder with a langgraph.json starts its development server: the project's own `langgraph dev`
 * script, the LangGraph CLI from the npm registry through npx, or the Python CLI when it is on PATH.
 * Reads only files and PATH (no vscode), so it is tested on plain folders.
 */
import * as l10n from "@vscode/l10n";
import { existsSync, readFileSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";

export type LaunchPlan =
  | { kind: "run"; label: string; command: string; args: string[] }
  | { kind: "missingCli"; message: string; installCommand: string };

const PYTHON_INSTALL = 'pip install -U "langgraph-cli[inmem]"';
const NODE_DOWNLOAD = "https://nodejs.org";

/** What every variant passes: a fixed port on loopback, and no browser tab opened by the CLI. */
function devFlags(port: number): string[] {
  return ["--no-browser", "--host", "127.0.0.1", "--port", String(port)];
}

export function planLaunch(folder: string, port: number, path = process.env.PATH ?? ""): LaunchPlan {
  if (isPythonProject(folder)) {
    if (!onPath("langgraph", path)) {
      return {
        kind: "missingCli",
        message: l10n.t("The LangGraph CLI for Python (`langgraph`) is not on PATH. Install it in this project's environment: {0}", PYTHON_INSTALL),
        installCommand: PYTHON_INSTALL,
      };
    }
    return { kind: "run", label: "langgraph dev", command: "langgraph", args: ["dev", ...devFlags(port)] };
  }
  const script = devScript(folder);
  const manager = packageManager(folder);
  if (!onPath(manager === "npm" && !script ? "npx" : manager, path)) {
    return {
      kind: "missingCli",
      message: l10n.t("{0} is not on PATH: the LangGraph CLI runs on Node.js. Install Node.js from {1} (npm and npx come with it).", manager === "npm" && !script ? "npx" : manager, NODE_DOWNLOAD),
      installCommand: NODE_DOWNLOAD,
    };
  }
  if (script) {
    // npm needs `--` before the script's own flags; yarn, pnpm and bun pass them on as they are.
    const args = manager === "npm" ? ["run", script, "--", ...devFlags(port)] : ["run", script, ...devFlags(port)];
    return { kind: "run", label: `${manager} run ${script}`, command: manager, args };
  }
  return {
    kind: "run",
    label: "npx @langchain/langgraph-cli dev",
    command: "npx",
    args: ["--yes", "@langchain/langgraph-cli", "dev", ...devFlags(port), "--config", "langgraph.json"],
  };
}

/** Python when langgraph.json says so (a python_version, a graph in a .py file), or only Python files say what the project is. */
function isPythonProject(folder: string): boolean {
  const config = readJson(join(folder, "langgraph.json"));
  if (config && typeof config === "object") {
    if ("python_version" in config) return true;
    if ("node_version" in config) return false;
    const graphs = (config as { graphs?: unknown }).graphs;
    if (graphs && typeof graphs === "object") {
      for (const spec of Object.values(graphs)) {
        const path = typeof spec === "string" ? spec : (spec as { path?: unknown } | null)?.path;
        if (typeof path === "string") return /\.py(:|$)/.test(path);
      }
    }
  }
  if (existsSync(join(folder, "package.json"))) return false;
  return existsSync(join(folder, "pyproject.toml")) || existsSync(join(folder, "requirements.txt"));
}

/** The name of a package.json script that runs `langgraph dev` (or the JS CLI's `langgraphjs dev`). */
function devScript(folder: string): string | undefined {
  const manifest = readJson(join(folder, "package.json")) as { scripts?: Record<string, unknown> } | undefined;
  const scripts = Object.entries(manifest?.scripts ?? {});
  const runsDev = (command: unknown) => typeof command === "string" && /(?:^|[\s/])(?:langgraph|langgraphjs|langgraph-cli)\s+dev\b/.test(command);
  return scripts.find(([name, command]) => name === "dev" && runsDev(command))?.[0] ?? scripts.find(([, command]) => runsDev(command))?.[0];
}

function packageManager(folder: string): "npm" | "yarn" | "pnpm" | "bun" {
  if (existsSync(join(folder, "pnpm-lock.yaml"))) return "pnpm";
  if (existsSync(join(folder, "yarn.lock"))) return "yarn";
  if (existsSync(join(folder, "bun.lockb")) || existsSync(join(folder, "bun.lock"))) return "bun";
  return "npm";
}

function onPath(command: string, path: string): boolean {
  const names = process.platform === "win32" ? [`${command}.cmd`, `${command}.exe`, command] : [command];
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => names.some((name) => isFile(join(dir, name))));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as unknown;
  } catch {
    return undefined;
  }
}
