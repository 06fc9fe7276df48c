/**
 * Starts the real in-memory LangGraph API server (scripts/langgraph-server.mjs) with the example agents
 * on a free port, and stops it by its own process id. `LANGGRAPH_API_VERSION` (1 or 2, default 1) picks
 * the server line; the harness checks that the server it started reports that version.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export interface LangGraphServer {
  url: string;
  pid: number;
  /** The langgraph-api version the server reports on `GET /info`, e.g. "1.5.1". */
  version: string;
  /** Wipes threads, runs and checkpoints; graph-default assistants come back. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const root = resolve(__dirname, "../..");

/** The server line the tests run against: `LANGGRAPH_API_VERSION`, or 1 (what `npm test` uses). */
export function requestedServerLine(): string {
  return process.env.LANGGRAPH_API_VERSION || "1";
}

export async function startLangGraphServer(options: { auth?: boolean; timeoutMs?: number; port?: number } = {}): Promise<LangGraphServer> {
  const args = ["--import", "tsx", resolve(root, "scripts/langgraph-server.mjs")];
  if (options.auth) args.push("--auth");
  if (options.port) args.push("--port", String(options.port));
  const env = { ...process.env };
  for (const name of ["LANGSMITH_API_KEY", "LANGCHAIN_API_KEY", "LANGGRAPH_API_KEY"]) delete env[name];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const url = await waitForReady(child, options.timeoutMs ?? 60_000);
  let version: string;
  try {
    version = await reportedVersion(url, requestedServerLine());
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return {
    url,
    pid: child.pid ?? -1,
    version,
    reset: () => truncate(url),
    stop: () => stopProcess(child),
  };
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`LangGraph server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (data: Buffer) => {
      output += data.toString();
      const ready = output.match(/LANGGRAPH_SERVER_READY (\S+)/);
      if (ready) {
        clearTimeout(timer);
        resolveUrl(ready[1]);
      } else if (/LANGGRAPH_SERVER_FAILED|EADDRINUSE/.test(output)) {
        clearTimeout(timer);
        child.kill("SIGKILL");
        reject(new Error(`LangGraph server failed to start:\n${output}`));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`LangGraph server exited with ${code}:\n${output}`));
    });
  });
}

/** Asks the started server itself, so a test run can never claim a version it did not run against. */
async function reportedVersion(url: string, line: string): Promise<string> {
  const info = (await (await fetch(`${url}/info`)).json()) as { version?: unknown };
  const version = typeof info.version === "string" ? info.version : "";
  if (!version.startsWith(`${line}.`)) {
    throw new Error(`Asked for langgraph-api ${line}.x (LANGGRAPH_API_VERSION), but the server at ${url} reports "${version}"`);
  }
  return version;
}

async function truncate(url: string): Promise<void> {
  const response = await fetch(`${url}/internal/truncate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ threads: true, runs: true, checkpointer: true, store: true, assistants: true }),
  });
  if (!response.ok) throw new Error(`truncate failed: ${response.status}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      done();
    });
    child.kill("SIGTERM");
  });
}
