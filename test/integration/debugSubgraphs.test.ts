import assert from "node:assert/strict";
import type { DebugProtocol } from "@vscode/debugprotocol";
import { adapter, scope, start, stopped, variables } from "../harness/debugAdapterSession";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";

type Messages = { messages: { content: string; name?: string }[] };

/**
 * The supervisor graph runs `researcher` (agent and tools) and `writer` (one agent) as subgraphs. The
 * server stops a run only at the graph's own nodes, so the adapter says so instead of pretending.
 */
describe("the langgraph debug adapter at subgraphs", () => {
  let server: LangGraphServer;

  beforeEach(async () => {
    server = await testServer();
  });

  it("leaves subgraph:node breakpoints unverified with the reason, and checks the node against the subgraph", async () => {
    const { client } = adapter(server.url);
    const { launch, breakpoints } = await start(client, { assistant: "supervisor", message: "graphs" }, { functions: ["researcher", "researcher:agent", "after:researcher:tools", "researcher:missing", "writer:agent", "sub:missing"] });
    assert.ok(launch.success, launch.message);
    const answered = (breakpoints[0] as DebugProtocol.SetFunctionBreakpointsResponse).body.breakpoints;
    assert.deepEqual(
      answered.map((b) => b.verified),
      [true, false, false, false, false, false],
    );
    const [, agent, tools, missing, writer, elsewhere] = answered.map((b) => b.message ?? "");
    assert.match(agent, /^researcher:agent is inside the subgraph researcher, and the server stops a run only before or after the graph's own nodes/);
    assert.match(agent, /A breakpoint on researcher stops before the subgraph runs/);
    assert.match(tools, /^researcher:tools is inside the subgraph researcher/);
    assert.equal(missing, "The subgraph researcher has no node named missing (its nodes: agent, tools).");
    // A subgraph of one node is drawn collapsed: its node cannot be checked, the reason still holds.
    assert.match(writer, /^writer:agent is inside the subgraph writer, and the server stops/);
    assert.equal(elsewhere, "The graph has no node named sub:missing (its nodes: supervisor, researcher, writer).");

    // Only the verified breakpoint stops the run.
    const stop = await stopped(client, 0);
    assert.deepEqual(stop.body.hitBreakpointIds, [answered[0].id]);
    assert.match(stop.body.description ?? "", /before researcher/);
    await client.request("disconnect", { terminateDebuggee: true });
    await client.event("terminated");
  });

  it("Step Into at a subgraph runs it as one step and says why in the Debug Console; Continue finishes", async () => {
    const { client, gateway } = adapter(server.url);
    await start(client, { assistant: "supervisor", message: "graphs" }, { functions: ["researcher"] });
    await stopped(client, 0);
    const threads = await client.request<DebugProtocol.ThreadsResponse>("threads");
    const threadId = /thread (\S+)$/.exec(threads.body.threads[0].name)![1];
    const stack = await client.request<DebugProtocol.StackTraceResponse>("stackTrace", { threadId: 1 });
    assert.deepEqual(
      stack.body.stackFrames.map((f) => f.name),
      ["supervisor › researcher (subgraph)"],
    );

    let from = client.received.length;
    assert.ok((await client.request("stepIn", { threadId: 1 })).success);
    const intoResearcher = await stopped(client, from);
    assert.equal(intoResearcher.body.reason, "step");
    assert.match(intoResearcher.body.description ?? "", /before supervisor/);
    assert.match(client.output(), /Step Into runs one step, like Step Over: researcher is a subgraph, and the server stops a run only before or after the graph's own nodes/);
    // The whole subgraph ran in that step: its tool call and its findings are in the state.
    const state = await variables(client, (await scope(client, "State")).variablesReference);
    const messages = await variables(client, state.find((v) => v.name === "messages")!.variablesReference);
    assert.match(messages.at(-1)!.value, /^ai: "Findings: Three notes mention graphs/);

    from = client.received.length;
    assert.ok((await client.request("stepIn", { threadId: 1 })).success);
    await stopped(client, from);
    assert.match(client.output(), /Step Into runs one step, like Step Over: supervisor is not a subgraph\./);
    // writer is a subgraph of one node, which xray draws collapsed: its pending task still says it is one.
    const writer = await client.request<DebugProtocol.StackTraceResponse>("stackTrace", { threadId: 1 });
    assert.deepEqual(
      writer.body.stackFrames.map((f) => f.name),
      ["supervisor › writer (subgraph)"],
    );

    from = client.received.length;
    assert.ok((await client.request("stepIn", { threadId: 1 })).success);
    await stopped(client, from);
    assert.match(client.output(), /like Step Over: writer is a subgraph/);

    const end = client.received.length;
    assert.ok((await client.request("continue", { threadId: 1 })).success);
    await client.event("terminated", end);
    assert.match(client.output(), /The run finished/);
    const final = (await gateway.getState(threadId)).values as Messages;
    assert.equal(final.messages.at(-1)!.content, "The team is done: the writer's answer is above.");
    assert.ok(final.messages.some((m) => m.name === "writer" && m.content.startsWith("**graphs**, in short:")));
    assert.deepEqual(client.unanswered(), []);
  });
});
