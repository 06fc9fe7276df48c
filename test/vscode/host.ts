/**
 * What the in-host suites share: the extension's API, the LangGraph server `run.mjs` started for the
 * run, and waiting for a condition.
 */
import * as assert from "node:assert/strict";
import { Client } from "@langchain/langgraph-sdk";
import * as vscode from "vscode";
import type { LangGraphThreadsApi } from "../../src/extension";

export const EXTENSION_ID = "langgraph-threads.langgraph-threads";

/** The test run's LangGraph server, which the workspace's settings point the extension at. */
export function testServerUrl(): string {
  const value = process.env.LANGGRAPH_TEST_URL;
  assert.ok(value, "LANGGRAPH_TEST_URL is not set: run the tests through test/vscode/run.mjs");
  return value;
}

/** Another client of the test server: what teammates, Studio or cron jobs would do. */
export function testServerClient(): Client {
  return new Client({ apiUrl: testServerUrl(), apiKey: null });
}

export async function activateExtension(): Promise<LangGraphThreadsApi> {
  const extension = vscode.extensions.getExtension<LangGraphThreadsApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** Polls `read` until it gives a value; after `timeoutMs` fails naming `what`. */
export async function until<T>(read: () => T | undefined | false | PromiseLike<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
