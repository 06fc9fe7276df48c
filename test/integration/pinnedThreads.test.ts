import assert from "node:assert/strict";
import { createClient } from "../../src/deployment/clientFactory";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { WorkspaceMemory } from "../../src/state/workspaceMemory";
import { PinnedThreads } from "../../src/threads/pinnedThreads";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { memento } from "../harness/memento";


describe("pinned threads", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  it("are read by id in one request, in pin order, whatever page they are on; a deleted one drops out", async () => {
    const client = createClient({ url: server.url });
    const oldest = await client.threads.create({ metadata: { title: "oldest" } });
    for (let i = 0; i < 5; i++) await client.threads.create({ metadata: { title: `newer ${i}` } });
    const middle = (await client.threads.search({ limit: 1, offset: 2 }))[0];
    let searches = 0;
    const gateway = DeploymentGateway.to({ url: server.url, onRequest: () => searches++ });
    const memory = new WorkspaceMemory(memento());
    const pins = new PinnedThreads(memory, gateway);
    await pins.load();
    assert.equal(searches, 0, "nothing pinned, nothing read");

    await pins.set(oldest.thread_id, true, undefined);
    await pins.set(middle.thread_id, true, undefined);
    await pins.load();
    assert.equal(searches, 1);
    assert.deepEqual(
      pins.threads.map((t) => t.thread_id),
      [oldest.thread_id, middle.thread_id],
    );
    assert.equal(pins.get(oldest.thread_id)?.metadata.title, "oldest");

    await client.threads.delete(oldest.thread_id);
    await pins.load();
    assert.deepEqual(
      pins.threads.map((t) => t.thread_id),
      [middle.thread_id],
    );
    await pins.set(middle.thread_id, false, undefined);
    assert.deepEqual(memory.pinnedThreads(), [oldest.thread_id]);
    assert.equal(pins.threads.length, 0);
  });
});
