import assert from "node:assert/strict";
import type { Client } from "@langchain/langgraph-sdk";
import { DeploymentGateway } from "../../src/deployment/gateway";
import type { HostToWebview } from "../../src/protocol/chatProtocol";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, ofType, recordSession, type RecordedSession } from "../harness/chatHarness";
import { until } from "../harness/wait";

interface Read {
  operation: string;
  /** Asked before the panel had its first loaded snapshot. */
  beforeSnapshot: boolean;
}

const loadedSnapshot = (posted: HostToWebview[]) => ofType(posted, "snapshot").find((s) => !s.loading);

/**
 * Records every operation the session asks of its gateway (each public method is one request or one
 * read of the deployment), and whether the loaded snapshot was posted yet.
 */
function countReads(recorded: RecordedSession): Read[] {
  const reads: Read[] = [];
  const gateway = recorded.gateway as unknown as Record<string, unknown>;
  for (const operation of Object.getOwnPropertyNames(DeploymentGateway.prototype)) {
    const original = gateway[operation];
    // `client()` is the gateway's own access to the SDK, behind every operation.
    if (operation === "constructor" || operation === "client" || typeof original !== "function") continue;
    gateway[operation] = (...args: unknown[]) => {
      reads.push({ operation, beforeSnapshot: loadedSnapshot(recorded.posted) === undefined });
      return (original as (...a: unknown[]) => unknown).apply(recorded.gateway, args);
    };
  }
  return reads;
}

/** A reopened panel of `threadId` whose assistant list is already known (as the extension's directory has it). */
async function reopened(server: LangGraphServer, threadId: string, client: Client, paints = true): Promise<{ recorded: RecordedSession; reads: Read[] }> {
  const recorded = recordSession(server.url, threadId, { client, paints });
  await recorded.assistants.options();
  return { recorded, reads: countReads(recorded) };
}

const readFirst = (reads: Read[]) => reads.filter((r) => r.beforeSnapshot).map((r) => r.operation).sort();
const readLater = (reads: Read[]) => reads.filter((r) => !r.beforeSnapshot).map((r) => r.operation);

describe("the chat panel's first snapshot: one state read, history after it (real server)", function () {
  this.timeout(120_000);
  let server: LangGraphServer;
  before(async () => {
    server = await testServer();
  });

  it("a chat thread's first snapshot waits for its state and summary only; authors and branches follow in place", async () => {
    const first = recordSession(server.url);
    const echo = await defaultAssistant(first.client, "echo");
    await first.session.load();
    await first.session.send("hello", echo.assistant_id);
    await first.session.send("and again", echo.assistant_id);
    const threadId = first.session.threadId!;

    const { recorded, reads } = await reopened(server, threadId, first.client);
    await recorded.session.load();

    assert.deepEqual(readFirst(reads), ["getState", "getThread"], "one getState and the thread's summary before the first paint");
    assert.ok(readLater(reads).includes("getHistory"), `history is read after the snapshot (after: ${readLater(reads).join(", ")})`);
    const snapshot = loadedSnapshot(recorded.posted)!;
    assert.deepEqual(
      snapshot.messages.map((m) => m.content),
      (await first.client.threads.getState<{ messages: { content: string }[] }>(threadId)).values.messages.map((m) => m.content),
      "the first loaded snapshot already holds every message",
    );
    assert.ok(snapshot.messages.some((m) => m.role === "ai" && !m.author), "authors are not known before history is read");
    const authors = ofType(recorded.posted, "attribution").flatMap((a) => Object.values(a.authors));
    assert.ok(authors.length >= 2 && authors.every((a) => a.id === echo.assistant_id), "the replies' authors arrive after the snapshot");
    assert.ok(recorded.session.model.messages.filter((m) => m.role === "ai").every((m) => m.author?.id === echo.assistant_id));
  });

  it("a thread stopped at an interrupt shows its card in the first snapshot, with no history read before it", async () => {
    const { client } = recordSession(server.url);
    const approval = await defaultAssistant(client, "approval");
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, approval.assistant_id, { input: { messages: [{ role: "human", content: "delete the old logs" }] } });

    const { recorded, reads } = await reopened(server, thread.thread_id, client);
    await recorded.session.load();

    assert.deepEqual(readFirst(reads), ["getState", "getThread"]);
    assert.ok(loadedSnapshot(recorded.posted)!.interrupt, "the interrupt is in the first loaded snapshot");
  });

  it("a graph that is not a chat: its node updates are read from history after the first snapshot and replace it in place", async () => {
    const { client } = recordSession(server.url);
    const pipeline = await defaultAssistant(client, "pipeline");
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, pipeline.assistant_id, { input: { document: "Nodes update state.", audience: "expert" } });

    const { recorded, reads } = await reopened(server, thread.thread_id, client);
    await recorded.session.load();

    assert.deepEqual(readFirst(reads), ["getState", "getThread"]);
    assert.equal(readLater(reads)[0], "getHistory", "the node updates are the first read after the snapshot");
    const snapshots = ofType(recorded.posted, "snapshot").filter((s) => !s.loading);
    assert.ok(snapshots.length >= 2, "a second snapshot brings the node updates");
    assert.deepEqual(
      snapshots.at(-1)!.messages.map((m) => m.update?.node),
      ["clean", "analyze", "summarize"],
    );
    assert.deepEqual(recorded.session.model.messages.map((m) => m.update?.node), ["clean", "analyze", "summarize"]);
    assert.equal(recorded.session.error, undefined);
  });

  it("history waits until the webview says it painted the loaded thread, and without a word from it, not for ever", async () => {
    const first = recordSession(server.url);
    const echo = await defaultAssistant(first.client, "echo");
    await first.session.load();
    await first.session.send("hello", echo.assistant_id);
    const threadId = first.session.threadId!;

    const { recorded, reads } = await reopened(server, threadId, first.client, false);
    const load = recorded.session.load();
    await until(() => loadedSnapshot(recorded.posted) !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(readLater(reads), [], "nothing is read while the page paints the thread");
    recorded.session.paint.painted();
    await load;
    assert.equal(readLater(reads)[0], "getHistory", "history right after the page painted");
    assert.ok(ofType(recorded.posted, "attribution").length > 0, "and the replies' authors from it");

    // A panel that is not shown paints nothing: history is read all the same.
    const hidden = await reopened(server, threadId, first.client, false);
    await hidden.recorded.session.load();
    assert.equal(readLater(hidden.reads)[0], "getHistory");
  });
});
