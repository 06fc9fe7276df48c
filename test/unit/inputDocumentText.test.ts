import assert from "node:assert/strict";
import { editorSchema, inputDocumentText, inputOfDocument, inputPath, inputSchemaPath, parseInputPath } from "../../src/chat/inputDocumentText";

const ASSISTANT = "7c6c1f0e-0f1a-4a5e-9a43-2f3c4d5e6f70";
const THREAD = "1ef9a1b2-3c4d-6e5f-8a9b-0c1d2e3f4a5b";

describe("run input documents: paths, text and the input they hold", () => {
  it("a panel's thread, or the key of a panel without one, owns the document; the schema has a path of its own", () => {
    assert.deepEqual(parseInputPath(inputPath({ threadId: THREAD, panelKey: "k1" }, ASSISTANT, "Pipeline")), {
      kind: "input",
      owner: { threadId: THREAD },
      assistantId: ASSISTANT,
    });
    assert.deepEqual(parseInputPath(inputPath({ panelKey: "0a1b-2c" }, ASSISTANT, "a/b: c?")), { kind: "input", owner: { panelKey: "0a1b-2c" }, assistantId: ASSISTANT });
    assert.match(inputPath({ panelKey: "k" }, ASSISTANT, "a/b: c?"), /\/a_b_ c_\.input\.json$/);
    assert.deepEqual(parseInputPath(inputSchemaPath(ASSISTANT)), { kind: "schema", assistantId: ASSISTANT });
    for (const path of ["/", `/${THREAD}`, `/${THREAD}/${ASSISTANT}`, `/${THREAD}/${ASSISTANT}/x.json`, `/schema/${ASSISTANT}/x.input.json`, "/../x/y.input.json"]) {
      assert.equal(parseInputPath(path), undefined, path);
    }
  });

  it("the document leads with `$schema`; the input it holds is the text without it", () => {
    const text = inputDocumentText('{"document":"x","audience":"expert"}', "langgraph-input:/schema/a.json");
    assert.deepEqual(Object.keys(JSON.parse(text) as object), ["$schema", "document", "audience"]);
    assert.deepEqual(JSON.parse(inputOfDocument(text)), { document: "x", audience: "expert" });
    // A stale `$schema` in a remembered input is replaced, not doubled.
    assert.equal((JSON.parse(inputDocumentText('{"$schema":"old","document":"x"}', "new")) as { $schema: string }).$schema, "new");
  });

  it("text that is not a JSON object is kept as typed, for the check to name what is wrong", () => {
    for (const text of ['{"document": "x",', "[1, 2]", "42", ""]) {
      assert.equal(inputDocumentText(text, "s"), text);
      assert.equal(inputOfDocument(text), text);
    }
  });

  it("the editor's schema admits the document's `$schema` even when the graph's admits no other key", () => {
    const schema = { type: "object", properties: { document: { type: "string" } }, required: ["document"], additionalProperties: false };
    assert.deepEqual(editorSchema(schema), { ...schema, properties: { $schema: { type: "string" }, document: { type: "string" } } });
    assert.deepEqual(editorSchema("not a schema"), {});
  });
});
