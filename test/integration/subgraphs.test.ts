import assert from "node:assert/strict";
import type { ChatMessageView } from "../../src/protocol/chatProtocol";
import { RunPath } from "../../src/graph/runPath";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, ofType, recordSession } from "../harness/chatHarness";

/** What grouping and labels the panel shows for each message: role, agent, the subgraph's node name. */
const shape = (messages: readonly ChatMessageView[]) =>
  messages.filter((m) => !m.status).map((m) => [m.role, m.agent ?? "", m.subgraph?.replace(/:.*$/, "") ?? ""]);

const SUPERVISOR_TURN = [
  ["human", "", ""],
  ["ai", "supervisor", ""],
  ["ai", "researcher", "researcher"],
  ["ai", "researcher", "researcher"],
  ["ai", "supervisor", ""],
  ["ai", "writer", "writer"],
  ["ai", "supervisor", ""],
];

describe("subgraphs in chat: a supervisor with two sub-agents, against a real server", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  it("streams the sub-agents' messages grouped under their namespaces, named, and the same after reload", async () => {
    const { session, posted, client } = recordSession(server.url);
    await session.load();
    const supervisor = await defaultAssistant(client, "supervisor");
    await session.send("LangGraph", supervisor.assistant_id);

    // Live: each message arrived with its subgraph and its agent's name from the stream itself.
    const upserts = ofType(posted, "messageUpsert").map((u) => u.message);
    const firstResearcher = upserts.find((m) => m.agent === "researcher");
    assert.match(firstResearcher?.subgraph ?? "", /^researcher:[\w-]+$/, "the researcher's reply streamed under its namespace");
    assert.match(upserts.find((m) => m.agent === "writer")?.subgraph ?? "", /^writer:[\w-]+$/);
    assert.equal(upserts.find((m) => m.agent === "supervisor")?.subgraph, undefined, "the supervisor's own replies are not in a subgraph");

    const live = session.model.messages.filter((m) => !m.status);
    assert.deepEqual(shape(live), SUPERVISOR_TURN);
    // The tool call inside the subgraph is a card on the researcher's reply, with its result.
    const lookup = live[2];
    assert.equal(lookup.toolCalls[0]?.name, "search_notes");
    assert.match(lookup.toolCalls[0]?.result?.content ?? "", /Three notes mention LangGraph/);
    // Both researcher replies ran in one subgraph invocation: one namespace, one group.
    assert.equal(live[2].subgraph, live[3].subgraph);
    assert.notEqual(live[2].subgraph, live[5].subgraph);
    for (const reply of live.filter((m) => m.role === "ai")) assert.equal(reply.author?.id, supervisor.assistant_id);

    // Reload: a new panel has no stream; history names the same namespaces.
    const reopened = recordSession(server.url, session.threadId);
    await reopened.session.load();
    const reloaded = reopened.session.model.messages;
    assert.deepEqual(
      reloaded.map((m) => [m.id, m.agent, m.subgraph]),
      live.map((m) => [m.id, m.agent, m.subgraph]),
      "the reloaded panel groups and names exactly as the live one did",
    );
    assert.ok(ofType(reopened.posted, "subgraphs").length > 0, "the grouping reached the webview after the history read");
    for (const reply of reloaded.filter((m) => m.role === "ai")) assert.equal(reply.author?.name, "supervisor");
  });

  it("a second turn gets groups of its own, with new namespaces", async () => {
    const { session, client } = recordSession(server.url);
    await session.load();
    const supervisor = await defaultAssistant(client, "supervisor");
    await session.send("graphs", supervisor.assistant_id);
    await session.send("checkpoints", supervisor.assistant_id);
    const messages = session.model.messages.filter((m) => !m.status);
    assert.deepEqual(shape(messages), [...SUPERVISOR_TURN, ...SUPERVISOR_TURN]);
    const researchers = new Set(messages.filter((m) => m.agent === "researcher").map((m) => m.subgraph));
    assert.equal(researchers.size, 2, "each turn's researcher ran in its own subgraph invocation");

    const reopened = recordSession(server.url, session.threadId);
    await reopened.session.load();
    assert.deepEqual(reopened.session.model.messages.map((m) => m.subgraph), messages.map((m) => m.subgraph));
  });

  it("a run rejoined from its start replays the subgraph events (the panel regroups after a dropped stream)", async () => {
    const { gateway, client } = recordSession(server.url);
    const thread = await client.threads.create();
    const run = await gateway.createRun(thread.thread_id, "supervisor", { input: { messages: [{ type: "human", content: "joins" }] } });
    const events = new Set<string>();
    for await (const part of gateway.joinRun(thread.thread_id, run.run_id, "-1")) events.add(part.event.replace(/:[\w-]+/g, ""));
    assert.ok(events.has("messages|researcher"), `saw: ${[...events].join(", ")}`);
    assert.ok(events.has("updates|writer"));
    assert.ok(events.has("messages"), "the supervisor's own tokens stream without a namespace");
  });

  it("the graph view follows the nodes inside a subgraph as they run", async () => {
    const { gateway, client } = recordSession(server.url);
    const thread = await client.threads.create();
    const path = new RunPath();
    const inner = new Set<string>();
    const running = new Set<string>();
    for await (const part of gateway.streamRun(thread.thread_id, "supervisor", { input: { messages: [{ type: "human", content: "nodes" }] } })) {
      if (!path.apply(part, thread.thread_id)) continue;
      for (const entry of path.view().path) {
        if (entry.status !== "running") continue;
        running.add(entry.node);
        if (entry.inner) inner.add(entry.inner);
      }
    }
    assert.ok(inner.has("researcher:agent") && inner.has("researcher:tools") && inner.has("writer:agent"), `inner nodes: ${[...inner].join(", ")}`);
    assert.ok(running.has("researcher") && running.has("writer"), "the subgraph node itself runs meanwhile");
    assert.deepEqual(path.path, ["supervisor", "researcher", "supervisor", "writer", "supervisor"]);
  });
});
