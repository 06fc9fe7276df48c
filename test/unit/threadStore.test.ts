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

  it("a poll's answer does not undo a status recorded while it was on its way; its other fields still apply", () => {
    const store = new ThreadStore();
    store.update("t1", { status: "idle", updated_at: "1" });
    const mark = store.mark();
    store.update("t1", { status: "busy", updated_at: "2" }, "panel");
    store.polled("t1", { status: "idle", updated_at: "1", metadata: { title: "Renamed" } }, mark);
    assert.deepEqual(store.get("t1"), { status: "busy", updated_at: "2", metadata: { title: "Renamed" } });
    assert.equal(store.statusChangedSince("t1", mark), true);
  });

  it("a poll asked after the last status change applies, and another thread's change does not hold it back", () => {
    const store = new ThreadStore();
    store.update("t1", { status: "busy" });
    const mark = store.mark();
    store.update("t2", { status: "busy" });
    store.polled("t1", { status: "idle" }, mark);
    assert.equal(store.get("t1")?.status, "idle");
    store.polled("t2", { status: "idle" }, mark);
    assert.equal(store.get("t2")?.status, "busy", "t2 changed after the mark");
    store.polled("t2", { status: "idle" }, store.mark());
    assert.equal(store.get("t2")?.status, "idle");
  });
});
