import assert from "node:assert/strict";
import { createClient } from "../../src/deployment/clientFactory";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { AssistantDirectory } from "../../src/state/assistantDirectory";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { recordSession } from "../harness/chatHarness";
import { until } from "../harness/wait";

describe("live assistants: created, changed and deleted by another client", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  it("revalidating the cached list shows what another client created, changed and deleted, and says so once each", async () => {
    const other = createClient({ url: server.url });
    const directory = new AssistantDirectory(DeploymentGateway.to({ url: server.url }));
    let heard = 0;
    directory.onDidChange(() => heard++);
    const before = await directory.list();
    assert.equal(directory.cached, before);

    assert.equal(await directory.revalidate(), false, "nothing changed yet");
    assert.equal(heard, 0);

    const created = await other.assistants.create({ graphId: "echo", name: "Pirate", config: { configurable: { persona: "pirate" } } });
    assert.equal(directory.cached?.some((a) => a.assistant_id === created.assistant_id), false, "the cache is as it was until revalidated");
    assert.equal(await directory.revalidate(), true);
    assert.equal(heard, 1);
    assert.equal(directory.cached?.find((a) => a.assistant_id === created.assistant_id)?.name, "Pirate");
    assert.equal(directory.ref(created.assistant_id).name, "Pirate", "attribution knows it too");
    assert.ok((await directory.options()).some((o) => o.id === created.assistant_id), "pickers' options include it without a refresh");

    await other.assistants.update(created.assistant_id, { name: "Captain" });
    assert.equal(await directory.revalidate(), true);
    assert.equal(directory.cached?.find((a) => a.assistant_id === created.assistant_id)?.name, "Captain");

    await other.assistants.delete(created.assistant_id);
    assert.equal(await directory.revalidate(), true);
    assert.equal(directory.cached?.some((a) => a.assistant_id === created.assistant_id), false);
    assert.equal(heard, 3);
  });

  it("a chat panel's picker, opened right after another client created an assistant, offers it with no manual refresh", async () => {
    const recorded = recordSession(server.url);
    // As the panel manager does: every panel follows the shared directory's changes.
    recorded.assistants.onDidChange(() => void recorded.session.assistantsChanged());
    await recorded.session.load();
    // What the picker shows: the last snapshot's or "assistants" message's list.
    const offered = () => {
      const last = recorded.posted.filter((m) => m.type === "snapshot" || m.type === "assistants").at(-1);
      return last && "assistants" in last ? last.assistants.map((a) => a.name) : [];
    };
    assert.ok(offered().length > 0);
    assert.ok(!offered().includes("Created elsewhere"));

    await createClient({ url: server.url }).assistants.create({ graphId: "echo", name: "Created elsewhere" });
    await recorded.session.revalidateAssistants();
    await until(() => offered().includes("Created elsewhere"));
  });
});
