#!/usr/bin/env node
/**
 * Starts the real in-memory LangGraph API server with the graphs of a `langgraph.json`, on a free
 * port, with its state in a throw-away folder. Prints one line `LANGGRAPH_SERVER_READY <url>` when it
 * answers. Used by the tests, the benchmarks and the demo.
 *
 *   node scripts/langgraph-server.mjs [--config test/fixtures/agents/langgraph.json] [--port 0] [--auth]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { freePort } from "./workbench/freePort.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    config: { type: "string", default: join(root, "test/fixtures/agents/langgraph.json") },
    port: { type: "string", default: "0" },
    auth: { type: "boolean", default: false },
  },
});

// Offline and quiet: no tracing, no analytics, and no key from the environment.
Object.assign(process.env, {
  LANGSMITH_TRACING: "false",
  LANGCHAIN_TRACING_V2: "false",
  LANGGRAPH_CLI_NO_ANALYTICS: "1",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
});
for (const name of ["LANGSMITH_API_KEY", "LANGCHAIN_API_KEY", "LANGGRAPH_API_KEY"]) delete process.env[name];

const configPath = resolve(values.config);
const configDir = dirname(configPath);
const config = JSON.parse(readFileSync(configPath, "utf8"));
const absolute = (spec) => {
  const [file, name] = spec.split(":");
  return `${resolve(configDir, file)}:${name}`;
};
const graphs = Object.fromEntries(
  Object.entries(config.graphs).map(([id, spec]) => [id, absolute(typeof spec === "string" ? spec : spec.path)]),
);
const auth = values.auth ? { path: absolute("./auth.ts:auth"), disable_studio_auth: true } : undefined;

const stateDir = mkdtempSync(join(tmpdir(), "langgraph-state-"));
const port = Number(values.port) || (await freePort());
const { startServer } = await import("@langchain/langgraph-api/server");

let cleanup;
try {
  ({ cleanup } = await startServer({ port, host: "127.0.0.1", nWorkers: 10, cwd: stateDir, graphs, auth }));
} catch (error) {
  console.error(`LANGGRAPH_SERVER_FAILED ${error?.code ?? ""} ${error?.message ?? error}`);
  process.exit(1);
}
const url = `http://127.0.0.1:${port}`;
console.log(`LANGGRAPH_SERVER_READY ${url}`);

const stop = async () => {
  await cleanup?.().catch(() => undefined);
  rmSync(stateDir, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
