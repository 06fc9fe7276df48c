import assert from "node:assert/strict";
import { ThreadStore, type ThreadChange } from "../../src/state/threadStore";

describe("thread store", () => {
  const summary = { thread_id: "t1", created_at: "2025-01-01T00:00:00Z", updated_at: "2025-01-01T00:00:00Z", status: "idle" as const, metadata: { title: "One" } };

  it("announces a created thread, then only the fields that changed", () => {
    const store = new ThreadStore();
    const changes: ThreadChange[] = [];
    store.onDidChange((change) => changes.push(change));
    store.created(summary, "One");
    store.update("t1", { title: "One", status: "busy" });
    assert.deepEqual(changes.map((c) => c.kind), ["created", "updated"]);
    assert.deepEqual(changes[1].kind === "updated" && changes[1].change, { status: "busy" });
  });

  it("an update that changes nothing is not announced (a panel's echo of a rename ends there)", () => {
    const store = new ThreadStore();
    let heard = 0;
    store.onDidChange(() => heard++);
    store.update("t1", { title: "A", metadata: { x: 1 } });
    store.update("t1", { title: "A", metadata: { x: 1 } });
    assert.equal(heard, 1);
  });

  it("carries who made a change, and forgets a deleted thread", () => {
    const store = new ThreadStore();
    const origin = {};
    const changes: ThreadChange[] = [];
    store.onDidChange((change) => changes.push(change));
    store.update("t1", { title: "A" }, origin);
    store.deleted("t1");
    assert.equal(changes[0].origin, origin);
    assert.equal(store.get("t1"), undefined);
  });

  it("a listener that throws does not keep the others from hearing the change", () => {
    const store = new ThreadStore();
    let heard = false;
    const original = console.error;
    console.error = () => undefined;
    try {
      store.onDidChange(() => {
        throw new Error("broken listener");
      });
      store.onDidChange(() => (heard = true));
      store.deleted("t1");
    } finally {
      console.error = original;
    }
    assert.equal(heard, true);
  });
});
