import assert from "node:assert/strict";
import type * as vscode from "vscode";
import { WorkspaceMemory } from "../../src/state/workspaceMemory";

/** Workspace state as VS Code keeps it: values by key, read back as stored. */
function memento(): vscode.Memento {
  const values = new Map<string, unknown>();
  const state: vscode.Memento = {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => {
      if (value === undefined) values.delete(key);
      else values.set(key, value);
    },
  };
  return state;
}

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
