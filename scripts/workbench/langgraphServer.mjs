/**
 * Runs `scripts/langgraph-server.mjs` (the real LangGraph API server with the example graphs) as a child
 * process on a free port, and stops it with its process group.
 */
import { spawn } from "node:child_process";
import { appendFileSync, writeFileSync } from "node:fs";
import { onOutputLines } from "./outputLines.mjs";
import { join } from "node:path";
import { repoRoot } from "./paths.mjs";

/**
 * With `requestLog`, every request the server receives is appended to that file as "METHOD /path", so a
 * test can prove what a client did (or did not) ask.
 *
 * `corsOrigins` allows only those browser origins (`http.cors.allow_origins`).
 *
 * @param {{ config?: string, port?: number, auth?: boolean, corsOrigins?: string[], log?: boolean | ((line: string) => void), requestLog?: string, timeoutMs?: number }} [options]
 * @returns {Promise<{ url: string, pid: number, stop: () => Promise<void> }>}
 */
export async function startLangGraphServer(options = {}) {
  const args = ["--import", "tsx", join(repoRoot, "scripts", "langgraph-server.mjs"), "--port", String(options.port ?? 0)];
  if (options.config) args.push("--config", options.config);
  if (options.auth) args.push("--auth");
  for (const origin of options.corsOrigins ?? []) args.push("--cors-origin", origin);
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LOG_LEVEL: options.requestLog ? "info" : (process.env.LOG_LEVEL ?? "error") },
  });
  const print = typeof options.log === "function" ? options.log : options.log ? (line) => console.log(`[langgraph] ${line}`) : undefined;
  if (options.requestLog) writeFileSync(options.requestLog, "");
  // The launcher's own readiness check (it reads the server's version) is the first `GET /info`: not a
  // request anything under test made.
  let launcherCheck = true;
  const echo = options.requestLog
    ? (line) => {
        // At "info" the server logs "<-- METHOD /path" as a request arrives (with colour codes).
        const request = /<-- (\S+ \S+)/.exec(line.replace(/\u001b\[[0-9;]*m/g, ""));
        if (request && launcherCheck && request[1] === "GET /info") launcherCheck = false;
        else if (request) appendFileSync(options.requestLog, `${request[1]}\n`);
        else print?.(line);
      }
    : print;
  const output = [];
  let exited = false;
  const exitPromise = new Promise((resolveExit) =>
    child.once("exit", () => {
      exited = true;
      resolveExit(undefined);
    }),
  );
  const killOnExit = () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  };
  process.once("exit", killOnExit);

  let stopped;
  const stop = () =>
    (stopped ??= (async () => {
      process.removeListener("exit", killOnExit);
      if (exited) return;
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
      const timer = setTimeout(killOnExit, 5000);
      await exitPromise;
      clearTimeout(timer);
    })());

  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the LangGraph server did not start in time:\n${output.join("\n")}`)), options.timeoutMs ?? 90_000);
    const onLine = (line) => {
      output.push(line);
      if (output.length > 200) output.shift();
      const ready = /^LANGGRAPH_SERVER_READY (\S+)/.exec(line);
      if (ready) {
        clearTimeout(timer);
        resolveUrl(ready[1]);
      } else {
        echo?.(line);
      }
    };
    onOutputLines(child, onLine);
    exitPromise.then(() => {
      clearTimeout(timer);
      reject(new Error(`the LangGraph server exited before it was ready:\n${output.join("\n")}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });

  return { url, pid: child.pid, stop };
}
