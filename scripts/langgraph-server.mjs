#!/usr/bin/env node
/**
 * Starts the real in-memory LangGraph API server with the graphs of a `langgraph.json`, on a free
 * port, with its state in a throw-away folder. Prints one line `LANGGRAPH_SERVER_READY <url> langgraph-api <version>` when it
 * answers. Used by the tests, the benchmarks and the demo.
 *
 *   node scripts/langgraph-server.mjs [--config test/fixtures/agents/langgraph.json] [--port 0] [--auth] [--cors-origin ORIGIN]…
 *
 * `--cors-origin` (repeatable) allows only those browser origins, as `http.cors.allow_origins` in a
 * deployment's langgraph.json does (without it the server allows any origin).
 *
 * `LANGGRAPH_API_VERSION` picks the server line (default 1): deployments run different versions and
 * they behave differently, so the integration tests run against each line installed side by side.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
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
    "cors-origin": { type: "string", multiple: true },
  },
});

// Offline and quiet: no tracing, no analytics, and no key from the environment.
Object.assign(process.env, {
  LANGSMITH_TRACING: "false",
  LANGCHAIN_TRACING_V2: "false",
  LANGGRAPH_CLI_NO_ANALYTICS: "1",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
  // The server derives a TypeScript graph's schemas by compiling it, and gives up after 30 s; on a busy
  // two-core machine that compile can take longer, and `getSchemas` would fail.
  LANGGRAPH_SCHEMA_RESOLVE_TIMEOUT_MS: process.env.LANGGRAPH_SCHEMA_RESOLVE_TIMEOUT_MS ?? "120000",
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

/**
 * Each server line is its own package, installed under an npm alias; they share `@langchain/langgraph`,
 * `core` and `checkpoint` with the example agents, since graph objects must come from the same copy the
 * server runs them with. Static imports, so the dependency checks see every alias used.
 */
const SERVER_LINES = {
  1: { name: "@langchain/langgraph-api", load: () => import("@langchain/langgraph-api/server") },
  2: { name: "langgraph-api-2", load: () => import("langgraph-api-2/server") },
};
const requested = process.env.LANGGRAPH_API_VERSION || "1";
const line = SERVER_LINES[requested];
if (!line) {
  console.error(`LANGGRAPH_SERVER_FAILED unknown LANGGRAPH_API_VERSION "${requested}" (use ${Object.keys(SERVER_LINES).join(" or ")})`);
  process.exit(1);
}
const installed = createRequire(import.meta.url)(`${line.name}/package.json`).version;

const origins = values["cors-origin"];
const http = origins?.length ? { cors: { allow_origins: origins } } : undefined;

const stateDir = mkdtempSync(join(tmpdir(), "langgraph-state-"));
const port = Number(values.port) || (await freePort());
const { startServer } = await line.load();

let cleanup;
try {
  ({ cleanup } = await startServer({ port, host: "127.0.0.1", nWorkers: 10, cwd: stateDir, graphs, auth, http }));
} catch (error) {
  console.error(`LANGGRAPH_SERVER_FAILED ${error?.code ?? ""} ${error?.message ?? error}`);
  process.exit(1);
}
const url = `http://127.0.0.1:${port}`;

// The server must say it is the version this line installed: an alias resolving to the wrong copy (or
// another server already on the port) would otherwise test something else under this version's name.
const reported = await fetch(`${url}/info`)
  .then((response) => response.json())
  .then((info) => info?.version)
  .catch((error) => `unreadable (${error?.message ?? error})`);
if (reported !== installed || !installed.startsWith(`${requested}.`)) {
  console.error(`LANGGRAPH_SERVER_FAILED asked for langgraph-api ${requested}.x (${line.name} ${installed}), the server reports ${reported}`);
  await cleanup?.().catch(() => undefined);
  process.exit(1);
}
console.log(`LANGGRAPH_SERVER_READY ${url} langgraph-api ${reported}`);

const stop = async () => {
  await cleanup?.().catch(() => undefined);
  rmSync(stateDir, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
