import assert from "node:assert/strict";
import { authorshipFromHistory, toMessageViews } from "../../src/chat/messageViews";
import { mergeRunConfig } from "../../src/chat/runConfig";
import { ThreadModel } from "../../src/chat/threadModel";

describe("run config", () => {
  it("clears configurable keys the thread remembers from another assistant", () => {
    const merged = mergeRunConfig({ configurable: { model: "b" } }, { configurable: { persona: "Pirate", model: "a", thread_id: "t", "user-agent": "x" } });
    assert.deepEqual(merged.configurable, { persona: null, model: "b" });
  });

  it("keeps the assistant's other config fields", () => {
    const merged = mergeRunConfig({ tags: ["t"], recursion_limit: 5 }, undefined);
    assert.deepEqual(merged, { tags: ["t"], recursion_limit: 5, configurable: {} });
  });
});

describe("message views", () => {
  it("folds a tool result into the card of its call and keeps orphans visible", () => {
    const views = toMessageViews([
      { id: "h", type: "human", content: "hi" },
      { id: "a", type: "ai", content: "", tool_calls: [{ id: "c1", name: "search", args: { q: 1 } }] },
      { id: "t", type: "tool", content: "found", tool_call_id: "c1" },
      { id: "o", type: "tool", content: "stray", tool_call_id: "nope" },
    ]);
    assert.deepEqual(views.map((v) => v.id), ["h", "a", "o"]);
    assert.equal(views[1].toolCalls[0].result?.content, "found");
    assert.deepEqual(JSON.parse(views[1].toolCalls[0].args), { q: 1 });
  });

  it("attributes each message to the checkpoint where it first appeared", () => {
    const history = [
      { values: { messages: [{ id: "h1" }, { id: "a1" }, { id: "h2" }, { id: "a2" }] }, metadata: { assistant_id: "B", run_id: "r2" } },
      { values: { messages: [{ id: "h1" }, { id: "a1" }, { id: "h2" }] }, metadata: { assistant_id: "B", run_id: "r2" } },
      { values: { messages: [{ id: "h1" }, { id: "a1" }] }, metadata: { assistant_id: "A", run_id: "r1" } },
      { values: { messages: [{ id: "h1" }] }, metadata: { assistant_id: "A", run_id: "r1" } },
    ];
    const authorship = authorshipFromHistory(history);
    assert.equal(authorship.get("a1")?.assistantId, "A");
    assert.equal(authorship.get("a2")?.assistantId, "B");
    assert.equal(authorship.get("a2")?.runId, "r2");
  });

  it("does not guess authors for messages older than a partial history window", () => {
    const history = [
      { values: { messages: [{ id: "old" }, { id: "new" }] }, metadata: { assistant_id: "B" } },
      { values: { messages: [{ id: "old" }] }, metadata: { assistant_id: "B" } },
    ];
    const authorship = authorshipFromHistory(history, false);
    assert.equal(authorship.has("old"), false);
    assert.equal(authorship.get("new")?.assistantId, "B");
  });
});

describe("thread model", () => {
  it("applies token and tool-call deltas to one message and reports each change", () => {
    const model = new ThreadModel();
    model.upsert({ id: "a", role: "ai", content: "Hel", toolCalls: [] });
    const update = model.appendDelta("a", "lo", [{ index: 0, id: "c", name: "get", argsDelta: '{"x":' }]);
    model.appendDelta("a", "", [{ index: 0, argsDelta: "1}" }]);
    assert.deepEqual(update, { type: "messageDelta", id: "a", textDelta: "lo", toolCalls: [{ index: 0, id: "c", name: "get", argsDelta: '{"x":' }] });
    assert.equal(model.get("a")?.content, "Hello");
    assert.equal(model.get("a")?.toolCalls[0].args, '{"x":1}');
    assert.ok(model.hasToolCall("c"));
    assert.deepEqual(model.toolResult("c", { content: "ok", status: "success" }), { type: "toolResult", toolCallId: "c", result: { content: "ok", status: "success" } });
  });

  it("reports only authors that changed", () => {
    const model = new ThreadModel();
    model.reset([
      { id: "a", role: "ai", content: "", toolCalls: [], author: { id: "x", name: "X" } },
      { id: "h", role: "human", content: "", toolCalls: [] },
    ]);
    const update = model.setAuthors(new Map([["a", { id: "x", name: "X" }], ["h", { id: "y", name: "Y" }]]));
    assert.equal(update, undefined);
    const changed = model.setAuthors(new Map([["a", { id: "z", name: "Z" }]]));
    assert.deepEqual(changed, { type: "attribution", authors: { a: { id: "z", name: "Z" } } });
  });
});
