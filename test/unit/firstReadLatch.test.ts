import assert from "node:assert/strict";
import { FirstReadLatch } from "../../src/common/firstReadLatch";

/** Whether `promise` settled within a few turns of the event loop. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 10));
  return done;
}

describe("FirstReadLatch: the Threads view's first page goes first", () => {
  it("holds waiters until it opens, then lets everyone through at once", async () => {
    const latch = new FirstReadLatch(60_000);
    const first = latch.wait();
    const second = latch.wait();
    assert.equal(await settled(first), false, "held while the first read runs");
    latch.open();
    assert.equal(await settled(first), true);
    assert.equal(await settled(second), true);
    assert.equal(latch.isOpen, true);
    assert.equal(await settled(latch.wait()), true, "a wait after it opened does not wait");
  });

  it("holds no one longer than its cap, counted from the first wait, when the first read never comes", async () => {
    const latch = new FirstReadLatch(30);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const waiting = latch.wait();
    assert.equal(await settled(waiting), false, "the cap starts at the first wait, not at construction");
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(await settled(waiting), true);
    assert.equal(latch.isOpen, true);
  });
});
