import assert from "node:assert/strict";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, ofType, recordSession } from "../harness/chatHarness";

const DOCUMENT = "Graphs run nodes.   Nodes update state, state flows.";

describe("graphs that are not a chat: run form, schema check, node updates, status lines (real server)", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  it("a graph without `messages` in its input gets a form from its schema; a chat graph keeps the composer", async function () {
    // The server computes a TypeScript graph's schema the first time it is asked: seconds, on a busy machine more.
    this.timeout(120_000);
    const { session, posted, client } = recordSession(server.url, undefined, { forms: true });
    await session.load();
    const pipeline = await defaultAssistant(client, "pipeline");
    const echo = await defaultAssistant(client, "echo");
    session.selectAssistant(pipeline.assistant_id);
    await waitFor(() => ofType(posted, "inputForm").at(-1)?.form !== undefined);
    const form = ofType(posted, "inputForm").at(-1)!.form!;
    assert.equal(form.assistantId, pipeline.assistant_id);
    assert.deepEqual(JSON.parse(form.draft), { document: "", audience: "general" }, "a skeleton of the input from its schema");
    assert.match(form.schemaJson, /"document"/);

    session.selectAssistant(echo.assistant_id);
    await waitFor(() => ofType(posted, "inputForm").at(-1)?.form === undefined, 100_000);
    const snapshot = session.snapshot();
    assert.equal(snapshot.type === "snapshot" ? snapshot.inputForm : "not a snapshot", undefined);
  });

  it("runs from a schema-valid input, shows each node's update and the custom events, and the same after reload", async () => {
    const { session, posted, client, inputs } = recordSession(server.url, undefined, { forms: true });
    await session.load();
    const pipeline = await defaultAssistant(client, "pipeline");
    session.selectAssistant(pipeline.assistant_id);
    await waitFor(() => ofType(posted, "inputForm").at(-1)?.form !== undefined);
    const input = JSON.stringify({ document: DOCUMENT, audience: "expert" });
    await session.runInput(input, pipeline.assistant_id);

    assert.ok(session.threadId, "the run created a thread");
    const updates = session.model.messages.filter((m) => m.update);
    assert.deepEqual(updates.map((m) => [m.update!.node, m.update!.keys]), [
      ["clean", ["text"]],
      ["analyze", ["title", "words"]],
      ["summarize", ["summary", "keywords"]],
    ]);
    assert.match(updates[2].update!.json, /"Abstract: \\"Graphs run nodes\\", 8 words about nodes, state, flows."/);
    const statuses = session.model.messages.filter((m) => m.status).map((m) => m.content);
    assert.deepEqual(statuses, ["clean · Normalising whitespace", "analyze · Counted 8 words", "summarize · Writing the summary"]);
    // Each status line stands before the update of the node that reported it, as the events came.
    assert.deepEqual(session.model.messages.map((m) => (m.status ? "status" : m.update?.node)), ["status", "clean", "status", "analyze", "status", "summarize"]);

    const state = await client.threads.getState(session.threadId);
    assert.deepEqual((state.values as { keywords?: string[] }).keywords, ["nodes", "state", "flows"]);

    const reopened = recordSession(server.url, session.threadId, { inputs, forms: true });
    await reopened.session.load();
    assert.deepEqual(
      reopened.session.model.messages.map((m) => [m.update?.node, m.update?.keys]),
      updates.map((m) => [m.update!.node, m.update!.keys]),
      "a reloaded panel shows the same node updates, read from history",
    );
    // The last input is remembered per assistant: the reopened panel's form starts from it.
    assert.equal(inputs.get(pipeline.assistant_id), input);
    reopened.session.selectAssistant(pipeline.assistant_id);
    await waitFor(() => ofType(reopened.posted, "inputForm").at(-1)?.form !== undefined);
    assert.equal(ofType(reopened.posted, "inputForm").at(-1)!.form!.draft, input);
  });

  it("an input that fails the schema is refused with the reasons before any request, and the input is kept", async () => {
    const { session, posted, client } = recordSession(server.url, undefined, { forms: true });
    await session.load();
    const pipeline = await defaultAssistant(client, "pipeline");
    session.selectAssistant(pipeline.assistant_id);
    await waitFor(() => ofType(posted, "inputForm").at(-1)?.form !== undefined);
    const threadsBefore = (await client.threads.search({ limit: 100 })).length;

    for (const [input, reason] of [
      ['{"document": 42}', /\/document: .*string/i],
      ['{"document": "x", "audience": "children"}', /\/audience/],
      ['{"document": "x", "colour": "red"}', /colour/],
      ['{"document": "x",', /not valid JSON/],
      ["[1, 2]", /must be a JSON object/],
    ] as const) {
      posted.length = 0;
      await session.runInput(input, pipeline.assistant_id);
      const errors = ofType(posted, "inputErrors").at(-1)?.errors ?? [];
      assert.ok(errors.some((e) => reason.test(e)), `${input}: ${errors.join(" | ")}`);
      assert.equal(ofType(posted, "restoreDraft").length, 0, "the form keeps the input as typed (no draft to restore)");
      assert.equal(ofType(posted, "run").length, 0, "no run started");
    }
    assert.equal(session.threadId, undefined, "no thread was created");
    assert.equal((await client.threads.search({ limit: 100 })).length, threadsBefore, "nothing reached the server");
  });

  it("a chat graph's custom events show as status lines where they came, and stay after the run settles", async () => {
    const { session, posted, client } = recordSession(server.url, undefined, { forms: true });
    await session.load();
    const supervisor = await defaultAssistant(client, "supervisor");
    await session.send("status", supervisor.assistant_id);
    const order = session.model.messages.map((m) => (m.status ? m.content : m.agent ?? m.role));
    assert.deepEqual(order, [
      "human",
      "supervisor",
      "Supervisor → researcher",
      "researcher",
      "researcher",
      "supervisor",
      "Supervisor → writer",
      "writer",
      "supervisor",
      "Supervisor: done",
    ]);
    assert.ok(ofType(posted, "messageUpsert").some((u) => u.message.status && u.message.content === "Supervisor → writer"), "posted live");
    assert.equal(session.model.messages.filter((m) => m.update).length, 0, "a chat graph's updates are not shown as cards");
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
