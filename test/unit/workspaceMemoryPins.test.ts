import assert from "node:assert/strict";
import { WorkspaceMemory } from "../../src/state/workspaceMemory";
import { memento } from "../harness/memento";


describe("workspace memory: pins and ignored requests", () => {
  it("pins keep their order, once each, and unpinning removes only that thread", async () => {
    const memory = new WorkspaceMemory(memento());
    await memory.setPinned("a", true);
    await memory.setPinned("b", true);
    await memory.setPinned("a", true);
    assert.deepEqual(memory.pinnedThreads(), ["b", "a"]);
    await memory.setPinned("b", false);
    assert.deepEqual(memory.pinnedThreads(), ["a"]);
  });

  it("an ignored request is remembered per thread: ignoring the next one replaces it", async () => {
    const memory = new WorkspaceMemory(memento());
    await memory.ignoreInterrupt("t1", "i1");
    await memory.ignoreInterrupt("t2", "i9");
    await memory.ignoreInterrupt("t1", "i2");
    assert.deepEqual(memory.ignoredInterrupts(), { t2: "i9", t1: "i2" });
  });
});
