/**
 * Starts the real in-memory LangGraph API server (scripts/langgraph-server.mjs) with the example agents
 * on a free port, and stops it by its own process id.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export interface LangGraphServer {
  url: string;
  pid: number;
  /** Wipes threads, runs and checkpoints; graph-default assistants come back. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const root = resolve(__dirname, "../..");

export async function startLangGraphServer(options: { auth?: boolean; timeoutMs?: number; port?: number } = {}): Promise<LangGraphServer> {
  const args = ["--import", "tsx", resolve(root, "scripts/langgraph-server.mjs")];
  if (options.auth) args.push("--auth");
  if (options.port) args.push("--port", String(options.port));
  const env = { ...process.env };
  for (const name of ["LANGSMITH_API_KEY", "LANGCHAIN_API_KEY", "LANGGRAPH_API_KEY"]) delete env[name];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const url = await waitForReady(child, options.timeoutMs ?? 60_000);
  return {
    url,
    pid: child.pid ?? -1,
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
