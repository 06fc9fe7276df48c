/** When the delta batcher lets a merged delta go: at the end of the task, or once it is old enough. */
import assert from "node:assert/strict";
import { DeltaBatcher } from "../../src/chat/deltaBatcher";
import type { HostToWebview } from "../../src/protocol/chatProtocol";

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
