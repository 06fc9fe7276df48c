/** Drives the `langgraph` debug adapter the way VS Code does, against the test run's real server. */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { DebugProtocol } from "@vscode/debugprotocol";
import { graphFileIn, lineAddingNode } from "../../src/debug/graphSources";
import { LangGraphDebugSession } from "../../src/debug/langgraphDebugSession";
import { mapError } from "../../src/deployment/errorMapping";
import { DeploymentGateway } from "../../src/deployment/gateway";
import type { EventLogStore } from "../../src/eventLog/eventLogStore";
import { DapClient } from "./dapClient";

/** Where the fixture folder's source adds a graph's node, as the extension finds it in a workspace. */
async function fixtureNodeLocation(graphId: string, node: string) {
  const folder = resolve(__dirname, "../fixtures/agents");
  const file = graphFileIn(await readFile(resolve(folder, "langgraph.json"), "utf8"), graphId);
  const path = file && resolve(folder, file);
  const line = path ? lineAddingNode(await readFile(path, "utf8"), node) : undefined;
  return path && line ? { path, line } : undefined;
}

/** `eventLog`: the debugged runs are recorded there, streaming the modes its open logs pick, as in the extension. */
export function adapter(url: string, options: { withSources?: boolean; eventLog?: EventLogStore } = {}) {
  const gateway = DeploymentGateway.to({ url, retry: { baseDelayMs: 20 } });
  /** What the graph view was told to mark at each pause, in order. */
  const pausedAt: string[][] = [];
  const session = new LangGraphDebugSession({
    gateway,
    describe: (error, context) => mapError(error, { ...context, url }),
    readFile: (path) => readFile(path, "utf8"),
    nodeLocation: options.withSources ? fixtureNodeLocation : undefined,
    configurationTimeoutMs: 5_000,
    hooks: {
      paused: (_assistantId, _threadId, nodes) => pausedAt.push([...nodes]),
      runEvent: (assistantId, threadId, part, runId) => options.eventLog?.record(threadId, assistantId, runId, part),
    },
    streamModes: (threadId) => options.eventLog?.extraModes(threadId) ?? [],
  });
  return { gateway, session, pausedAt, client: new DapClient(session) };
}

export const INITIALIZE = { adapterID: "langgraph", pathFormat: "path", linesStartAt1: true, columnsStartAt1: true };

/** initialize, launch, breakpoints, configurationDone, as VS Code sends them; resolves with the launch response. */
export async function start(client: DapClient, launch: Record<string, unknown>, breakpoints: { functions?: string[]; source?: { path: string; lines: number[] } } = {}) {
  await client.request("initialize", INITIALIZE);
  const launched = client.request("launch", launch);
  await Promise.race([client.event("initialized"), launched]);
  const answers: DebugProtocol.Response[] = [];
  if (breakpoints.functions) answers.push(await client.request("setFunctionBreakpoints", { breakpoints: breakpoints.functions.map((name) => ({ name })) }));
  if (breakpoints.source) answers.push(await client.request("setBreakpoints", { source: { path: breakpoints.source.path }, breakpoints: breakpoints.source.lines.map((line) => ({ line })) }));
  await client.request("configurationDone");
  return { launch: await launched, breakpoints: answers };
}

export async function stopped(client: DapClient, from: number) {
  return client.event<DebugProtocol.StoppedEvent>("stopped", from);
}

export async function variables(client: DapClient, reference: number) {
  const answer = await client.request<DebugProtocol.VariablesResponse>("variables", { variablesReference: reference });
  assert.ok(answer.success, answer.message);
  return answer.body.variables;
}

export async function scope(client: DapClient, name: string) {
  const scopes = await client.request<DebugProtocol.ScopesResponse>("scopes", { frameId: 1 });
  const found = scopes.body.scopes.find((s) => s.name === name);
  assert.ok(found, `scopes: ${scopes.body.scopes.map((s) => s.name).join(", ")}`);
  return found;
}
