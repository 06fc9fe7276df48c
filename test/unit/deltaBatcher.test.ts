/** The delta batcher: what it merges, the order it keeps, and when it lets a merged delta go. */
import assert from "node:assert/strict";
import { DeltaBatcher } from "../../src/chat/deltaBatcher";
import type { HostToWebview } from "../../src/protocol/chatProtocol";

describe("delta batcher", () => {
  it("merges a burst of one message's tokens into one delta, keeping tool-call fragments in order", async () => {
    const sent: HostToWebview[] = [];
    const batcher = new DeltaBatcher((m) => sent.push(m), 5);
    batcher.push({ type: "messageDelta", id: "a", textDelta: "Hel" });
    batcher.push({ type: "messageDelta", id: "a", textDelta: "lo", toolCalls: [{ index: 0, id: "c", name: "f", argsDelta: '{"x"' }] });
    batcher.push({ type: "messageDelta", id: "a", textDelta: "!", toolCalls: [{ index: 0, argsDelta: ":1}" }] });
    assert.equal(sent.length, 0, "nothing crosses before the window closes");
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(sent, [
      { type: "messageDelta", id: "a", textDelta: "Hello!", toolCalls: [{ index: 0, id: "c", name: "f", argsDelta: '{"x"' }, { index: 0, argsDelta: ":1}" }] },
    ]);
  });

  it("keeps the order of everything else: another message flushes the pending delta first", () => {
    const sent: HostToWebview[] = [];
    const batcher = new DeltaBatcher((m) => sent.push(m), 1000);
    batcher.push({ type: "messageDelta", id: "a", textDelta: "one" });
    batcher.push({ type: "messageDelta", id: "b", textDelta: "two" });
    batcher.push({ type: "toolResult", toolCallId: "c", result: { content: "ok", status: "success" } });
    assert.deepEqual(sent.map((m) => m.type + ":" + ("id" in m ? m.id : "")), ["messageDelta:a", "messageDelta:b", "toolResult:"]);
    batcher.discard();
  });
});

const delta = (textDelta: string, id = "a"): HostToWebview => ({ type: "messageDelta", id, textDelta });

describe("delta batcher flushing", () => {
  it("sends what one task produced once that task ends, without toolCalls it never had", async () => {
    const sent: HostToWebview[] = [];
    const batcher = new DeltaBatcher((m) => sent.push(m), 60_000);
    for (const text of ["t1", " t2", " t3"]) batcher.push(delta(text));
    assert.equal(sent.length, 0);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(sent, [{ type: "messageDelta", id: "a", textDelta: "t1 t2 t3" }]);
    batcher.push(delta(" t4"));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(sent.at(-1), { type: "messageDelta", id: "a", textDelta: " t4" });
  });

  it("in a long task, sends a delta as soon as its first token is older than the limit", () => {
    const sent: HostToWebview[] = [];
    const batcher = new DeltaBatcher((m) => sent.push(m), 1);
    batcher.push(delta("t1"));
    const start = performance.now();
    while (performance.now() - start < 2) {
      // The host busy with the rest of a burst.
    }
    batcher.push(delta(" t2"));
    assert.deepEqual(sent, [{ type: "messageDelta", id: "a", textDelta: "t1 t2" }]);
    batcher.push(delta(" t3"));
    assert.equal(sent.length, 1, "a new delta starts its own wait");
    batcher.discard();
  });

  it("drops what is pending when discarded", async () => {
    const sent: HostToWebview[] = [];
    const batcher = new DeltaBatcher((m) => sent.push(m));
    batcher.push(delta("t1"));
    batcher.discard();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(sent, []);
  });
});
