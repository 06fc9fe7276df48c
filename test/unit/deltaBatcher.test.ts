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
