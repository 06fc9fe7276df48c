import assert from "node:assert/strict";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, ofType, recordSession } from "../harness/chatHarness";
import { editorSchema, inputOfDocument, openingDocument } from "../../src/chat/inputDocumentText";
import { schemaProblems } from "../../src/timeline/stateSchema";

const SCHEMA_URI = "langgraph-input:/schema/pipeline.json";
const DOCUMENT = "Graphs run nodes.   Nodes update state, state flows.";

/** The run input document's text with one key set, as the user would type it. */
function edited(text: string, key: string, value: unknown): string {
  return JSON.stringify({ ...(JSON.parse(text) as object), [key]: value }, null, 2);
}

/** Runs a document's input in the session; resolves with what the check told (no reasons: it ran). */
function runDocument(session: ReturnType<typeof recordSession>["session"], text: string, assistantId: string): Promise<{ told: string[] }> {
  let told: string[] = ["never told"];
  return session.runInput(inputOfDocument(text), assistantId, (errors) => (told = errors)).then(() => ({ told }));
}

describe("a non-chat graph's input as a JSON document checked against the server's input schema (real server)", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  it("a wrong type is reported by the editor's JSON check and by Run, and nothing runs; a valid document runs and shows the state output", async function () {
    // The server computes a TypeScript graph's schema the first time it is asked: seconds, on a busy machine more.
    this.timeout(120_000);
    const { session, posted, client, inputs } = recordSession(server.url, undefined, { forms: true });
    await session.load();
    const pipeline = await defaultAssistant(client, "pipeline");
    const { input_schema: inputSchema } = await client.assistants.getSchemas(pipeline.assistant_id);
    const checked = editorSchema(inputSchema);

    const opened = openingDocument(inputSchema, SCHEMA_URI, { last: inputs.get(pipeline.assistant_id) });
    assert.deepEqual(JSON.parse(opened), { $schema: SCHEMA_URI, document: "", audience: "general" }, "a skeleton from the schema, led by $schema");

    const threadsBefore = (await client.threads.search({ limit: 100 })).length;
    const wrong = edited(opened, "document", 42);
    const marked = await schemaProblems(wrong, checked);
    assert.equal(marked.length, 1, marked.join(" | "));
    assert.match(marked[0], /^line 3: Incorrect type\. Expected "string"/, "VS Code's JSON check marks the wrong type where it is");
    const refused = await runDocument(session, wrong, pipeline.assistant_id);
    assert.ok(refused.told.some((e) => /^\/document: .*string/i.test(e)), refused.told.join(" | "));
    assert.equal(ofType(posted, "run").length, 0, "no run started");
    assert.equal(session.threadId, undefined, "no thread was created");
    assert.equal((await client.threads.search({ limit: 100 })).length, threadsBefore, "nothing reached the server");

    const broken = `${opened.trimEnd().slice(0, -1)},`;
    const notJson = await runDocument(session, broken, pipeline.assistant_id);
    assert.match(notJson.told[0], /not valid JSON/);

    const valid = edited(edited(opened, "document", DOCUMENT), "audience", "expert");
    assert.deepEqual(await schemaProblems(valid, checked), [], "the document's own $schema is no unknown key, though the schema admits no others");
    assert.equal(ofType(posted, "inputRan").length, 0, "a refused input is not the form's");
    const ran = await runDocument(session, valid, pipeline.assistant_id);
    assert.deepEqual(ran.told, [], "the check passed and the run started");
    assert.deepEqual(ofType(posted, "inputRan"), [{ type: "inputRan", assistantId: pipeline.assistant_id, input: inputOfDocument(valid) }], "the panel's form shows what ran");
    assert.ok(session.threadId, "the run created a thread");
    assert.deepEqual(
      session.model.messages.filter((m) => m.update).map((m) => [m.update!.node, m.update!.keys]),
      [
        ["clean", ["text"]],
        ["analyze", ["title", "words"]],
        ["summarize", ["summary", "keywords"]],
      ],
      "the state output, with the keys each node wrote",
    );
    const state = await client.threads.getState(session.threadId);
    assert.equal((state.values as { audience?: string }).audience, "expert");
    assert.equal("$schema" in (state.values as object), false, "the server never sees the document's $schema");
  });

  it("the last input is remembered per assistant and opens the next document of that assistant only", async function () {
    this.timeout(120_000);
    const { session, client, inputs } = recordSession(server.url, undefined, { forms: true });
    await session.load();
    const pipeline = await defaultAssistant(client, "pipeline");
    const other = await client.assistants.create({ graphId: "pipeline", name: "Second pipeline" });
    const { input_schema: inputSchema } = await client.assistants.getSchemas(pipeline.assistant_id);

    const first = openingDocument(inputSchema, SCHEMA_URI, { last: inputs.get(pipeline.assistant_id) });
    const valid = edited(first, "document", DOCUMENT);
    assert.deepEqual((await runDocument(session, valid, pipeline.assistant_id)).told, []);

    const next = openingDocument(inputSchema, SCHEMA_URI, { last: inputs.get(pipeline.assistant_id) });
    assert.deepEqual(JSON.parse(next), { $schema: SCHEMA_URI, document: DOCUMENT, audience: "general" }, "the next document starts from the last input");
    const ofOther = openingDocument(inputSchema, SCHEMA_URI, { last: inputs.get(other.assistant_id) });
    assert.deepEqual(JSON.parse(ofOther), { $schema: SCHEMA_URI, document: "", audience: "general" }, "another assistant starts from the skeleton");
    // What the form's text was when the editor opened comes first.
    const fromForm = openingDocument(inputSchema, SCHEMA_URI, { start: '{"document":"typed in the form"}', last: inputs.get(pipeline.assistant_id) });
    assert.equal((JSON.parse(fromForm) as { document: string }).document, "typed in the form");
  });
});
