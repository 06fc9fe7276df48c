import assert from "node:assert/strict";
import { formatDraft, newDraft, parseDraft } from "../../src/assistants/assistantDraft";

describe("assistant config documents", () => {
  it("round-trips the seed's example: graph agent with model_name openai", () => {
    const draft = { ...newDraft("agent"), name: "OpenAI agent", config: { configurable: { model_name: "openai" } } };
    assert.deepEqual(parseDraft(formatDraft(draft)).config, { configurable: { model_name: "openai" } });
  });

  it("rejects what the server would reject, saying what to fix", () => {
    const cases: [string, RegExp][] = [
      ["{", /not valid JSON/],
      ["[]", /must be a JSON object/],
      ['{"name":""}', /"name" must be a non-empty string/],
      ['{"name":"x","config":[]}', /"config" must be an object/],
      ['{"name":"x","config":{"configurable":1}}', /"config.configurable" must be an object/],
      ['{"name":"x","config":{"recursion_limit":0}}', /recursion_limit/],
      ['{"name":"x","graph":"y"}', /Unknown field "graph"/],
    ];
    for (const [text, message] of cases) assert.throws(() => parseDraft(text), message, text);
  });
});
