import assert from "node:assert/strict";
import { WorkspaceMemory } from "../../src/state/workspaceMemory";
import { memento } from "../harness/memento";

describe("workspace memory", () => {
  it("the Chat view's thread is remembered per deployment: another deployment starts a new thread", () => {
    const memory = new WorkspaceMemory(memento());
    memory.rememberChatThread("http://a.example", "thread-a");
    assert.equal(memory.lastChatThread("http://a.example"), "thread-a");
    assert.equal(memory.lastChatThread("http://b.example"), undefined);
    memory.rememberChatThread("http://a.example", undefined);
    assert.equal(memory.lastChatThread("http://a.example"), undefined);
  });
});
