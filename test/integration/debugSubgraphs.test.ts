import assert from "node:assert/strict";
import type { DebugProtocol } from "@vscode/debugprotocol";
import { adapter, INITIALIZE, scope, start, stopped, variables } from "../harness/debugAdapterSession";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";

type Messages = { messages: { content: string; name?: string }[] };

/**
 * The supervisor graph runs `researcher` (agent and tools) and `writer` (one agent) as subgraphs. The
 * server stops a run only at the graph's own nodes, so a subgraph runs whole in one step; Step Into and
 * `subgraph:node` breakpoints then replay its recorded checkpoints.
 */
describe("the langgraph debug adapter at subgraphs", () => {
  let server: LangGraphServer;

  beforeEach(async () => {
    server = await testServer();
  });

  async function threadOf(client: ReturnType<typeof adapter>["client"]) {
    const threads = await client.request<DebugProtocol.ThreadsResponse>("threads");
    return /thread (\S+)$/.exec(threads.body.threads[0].name)![1];
  }

  async function frames(client: ReturnType<typeof adapter>["client"]) {
    return (await client.request<DebugProtocol.StackTraceResponse>("stackTrace", { threadId: 1 })).body.stackFrames.map((f) => f.name);
  }

  async function stateMessages(client: ReturnType<typeof adapter>["client"]) {
    const state = await variables(client, (await scope(client, "State")).variablesReference);
    return variables(client, state.find((v) => v.name === "messages")!.variablesReference);
  }

  it("verifies subgraph:node breakpoints as replay stops, and checks the node against the subgraph", async () => {
    const { client } = adapter(server.url);
    const { launch, breakpoints } = await start(client, { assistant: "supervisor", message: "graphs" }, { functions: ["researcher", "researcher:agent", "after:researcher:tools", "researcher:missing", "writer:agent", "sub:missing"] });
    assert.ok(launch.success, launch.message);
    const answered = (breakpoints[0] as DebugProtocol.SetFunctionBreakpointsResponse).body.breakpoints;
    assert.deepEqual(
      answered.map((b) => b.verified),
      [true, true, false, false, false, false],
    );
    const [, agent, tools, missing, writer, elsewhere] = answered.map((b) => b.message ?? "");
    assert.match(agent, /^Stops in replay: researcher runs whole in one step of the run, then the session replays its recorded steps and stops before agent\.$/);
    assert.match(tools, /^after:researcher:tools is inside the subgraph researcher, and the server stops a run only before or after the graph's own nodes/);
    assert.equal(missing, "The subgraph researcher has no node named missing (its nodes: agent, tools).");
    // A subgraph of one node is drawn collapsed: its node cannot be checked.
    assert.match(writer, /^The graph's drawing does not show the nodes inside writer, so writer:agent cannot be checked/);
    assert.equal(elsewhere, "The graph has no node named sub:missing (its nodes: supervisor, researcher, writer).");

    // The parent's own breakpoint stops first, before the subgraph runs.
    const stop = await stopped(client, 0);
    assert.deepEqual(stop.body.hitBreakpointIds, [answered[0].id]);
    assert.match(stop.body.description ?? "", /before researcher/);
    await client.request("disconnect", { terminateDebuggee: true });
    await client.event("terminated");
  });

  it("Step Into at a subgraph replays its recorded steps with its own state, and Step Over walks back out to the run's stop", async () => {
    const { client, gateway, pausedAt } = adapter(server.url);
    await start(client, { assistant: "supervisor", message: "graphs" }, { functions: ["researcher"] });
    await stopped(client, 0);
    const threadId = await threadOf(client);
    assert.deepEqual(await frames(client), ["supervisor › researcher (subgraph)"]);

    let from = client.received.length;
    assert.ok((await client.request("stepIn", { threadId: 1 })).success);
    const intoResearcher = await stopped(client, from);
    assert.equal(intoResearcher.body.reason, "step");
    assert.equal(intoResearcher.body.description, "Replay of researcher, before agent (recorded: this step already ran)");
    assert.match(client.output(), /Replaying researcher from its checkpoints: it ran whole in the last step, so these are steps that already ran\./);
    assert.deepEqual(await frames(client), ["supervisor › researcher › agent", "supervisor › researcher (replay)"]);
    assert.deepEqual(pausedAt.at(-1), ["researcher", "researcher:agent"], "the graph view marks the subgraph and its inner node");
    // The replay's frames point at pages of nodes: the subgraph's, at agent, and the parent's, at researcher.
    const [inner, outer] = (await client.request<DebugProtocol.StackTraceResponse>("stackTrace", { threadId: 1 })).body.stackFrames;
    for (const [frame, node, nodes] of [[inner, "agent", ["agent", "tools"]], [outer, "researcher", ["supervisor", "researcher", "writer"]]] as const) {
      const page = (await client.request<DebugProtocol.SourceResponse>("source", { source: frame.source, sourceReference: frame.source!.sourceReference })).body.content.split("\n");
      assert.deepEqual(page.slice(1, -1), nodes);
      assert.equal(page[frame.line - 1], node);
    }
    // The subgraph's state before its agent: the parent's messages handed to it, nothing of its own yet.
    let messages = await stateMessages(client);
    assert.deepEqual(
      messages.map((m) => m.value),
      ['human: "graphs"', 'ai: "Asking the researcher to look this up."'],
    );
    // Its pending task says what agent wrote when it ran: the tool call.
    const tasks = await variables(client, (await scope(client, "Pending tasks")).variablesReference);
    assert.deepEqual(
      tasks.map((t) => t.name),
      ["agent"],
    );
    const agentTask = await variables(client, tasks[0].variablesReference);
    const writes = await variables(client, agentTask.find((v) => v.name === "writes")!.variablesReference);
    assert.ok(writes.some((w) => w.name === "messages"));
    const evaluated = await client.request<DebugProtocol.EvaluateResponse>("evaluate", { expression: "messages[-1].content", context: "repl" });
    assert.equal(evaluated.body.result, '"Asking the researcher to look this up."');

    // Editing in a replay is refused: the steps already ran.
    const edit = await client.request("setVariable", { variablesReference: (await scope(client, "State")).variablesReference, name: "messages", value: "[]" });
    assert.equal(edit.success, false);
    assert.match(edit.message ?? "", /replay of researcher's recorded steps, which already ran: state edits apply to the parent thread only/);

    from = client.received.length;
    assert.ok((await client.request("next", { threadId: 1 })).success);
    const atTools = await stopped(client, from);
    assert.equal(atTools.body.description, "Replay of researcher, before tools (recorded: this step already ran)");
    assert.deepEqual(await frames(client), ["supervisor › researcher › tools", "supervisor › researcher (replay)"]);
    assert.deepEqual(pausedAt.at(-1), ["researcher", "researcher:tools"]);
    messages = await stateMessages(client);
    assert.match(messages.at(-1)!.value, /^ai: "Looking up graphs\."/);

    from = client.received.length;
    assert.ok((await client.request("stepIn", { threadId: 1 })).success);
    await stopped(client, from);
    assert.deepEqual(await frames(client), ["supervisor › researcher › agent", "supervisor › researcher (replay)"]);
    messages = await stateMessages(client);
    assert.match(messages.at(-1)!.value, /^tool: "Three notes mention graphs/);

    // After the subgraph's last recorded step: back at the run's own stop, before supervisor.
    from = client.received.length;
    assert.ok((await client.request("next", { threadId: 1 })).success);
    const back = await stopped(client, from);
    assert.match(back.body.description ?? "", /^Paused before supervisor$/);
    assert.match(client.output(), /The replay of researcher is done: back at the run's stop\./);
    assert.deepEqual(await frames(client), ["supervisor › supervisor"]);
    assert.deepEqual(pausedAt.at(-1), ["supervisor"]);
    messages = await stateMessages(client);
    assert.match(messages.at(-1)!.value, /^ai: "Findings: Three notes mention graphs/);

    // At a node that is no subgraph, Step Into is a step and says so.
    from = client.received.length;
    assert.ok((await client.request("stepIn", { threadId: 1 })).success);
    await stopped(client, from);
    assert.match(client.output(), /Step Into runs one step, like Step Over: supervisor is not a subgraph\./);
    assert.deepEqual(await frames(client), ["supervisor › writer (subgraph)"]);

    const end = client.received.length;
    assert.ok((await client.request("continue", { threadId: 1 })).success);
    await client.event("terminated", end);
    assert.match(client.output(), /The run finished/);
    const final = (await gateway.getState(threadId)).values as Messages;
    assert.equal(final.messages.at(-1)!.content, "The team is done: the writer's answer is above.");
    assert.ok(final.messages.some((m) => m.name === "writer" && m.content.startsWith("**graphs**, in short:")));
    assert.deepEqual(client.unanswered(), []);
  });

  it("a researcher:tools breakpoint stops in replay after the researcher's step; Continue leaves the replay and finishes", async () => {
    const { client, gateway } = adapter(server.url);
    const { breakpoints } = await start(client, { assistant: "supervisor", message: "graphs" }, { functions: ["researcher:tools"] });
    const [tools] = (breakpoints[0] as DebugProtocol.SetFunctionBreakpointsResponse).body.breakpoints;
    assert.equal(tools.verified, true);
    const stop = await stopped(client, 0);
    const threadId = await threadOf(client);
    assert.equal(stop.body.reason, "breakpoint");
    assert.deepEqual(stop.body.hitBreakpointIds, [tools.id]);
    assert.equal(stop.body.description, "Replay of researcher, before tools (recorded: this step already ran)");
    assert.deepEqual(await frames(client), ["supervisor › researcher › tools", "supervisor › researcher (replay)"]);
    const messages = await stateMessages(client);
    assert.match(messages.at(-1)!.value, /^ai: "Looking up graphs\."/);
    // The run itself waits after the researcher's step, before supervisor.
    assert.deepEqual((await gateway.getState(threadId)).next, ["supervisor"]);

    const end = client.received.length;
    assert.ok((await client.request("continue", { threadId: 1 })).success);
    await client.event("terminated", end);
    // No other stop: the writer's step is not one of the breakpoint's subgraph.
    assert.equal(client.received.slice(end).filter((m) => m.type === "event" && (m as DebugProtocol.Event).event === "stopped").length, 0);
    const final = (await gateway.getState(threadId)).values as Messages;
    assert.equal(final.messages.at(-1)!.content, "The team is done: the writer's answer is above.");
    assert.deepEqual(client.unanswered(), []);
  });

  it("attached to a thread, a researcher:tools breakpoint stops a run sent from elsewhere in replay, and Continue finishes it", async () => {
    const { client, gateway, session } = adapter(server.url);
    const [supervisor] = await gateway.searchAssistants({ limit: 5, graphId: "supervisor" });
    const thread = await gateway.createThread({});
    await client.request("initialize", INITIALIZE);
    const attached = client.request("attach", { threadId: thread.thread_id, assistant: "supervisor" });
    await client.event("initialized");
    const [tools] = (await client.request<DebugProtocol.SetFunctionBreakpointsResponse>("setFunctionBreakpoints", { breakpoints: [{ name: "researcher:tools" }] })).body.breakpoints;
    assert.equal(tools.verified, true);
    await client.request("configurationDone");
    assert.ok((await attached).success);
    assert.deepEqual(session.runInterrupts(), { interruptBefore: [], interruptAfter: ["researcher"] }, "the chat's run stops after the researcher's step");

    // What a chat panel does: its run carries the session's interrupts, and its end is reported.
    const from = client.received.length;
    for await (const part of gateway.streamRun(thread.thread_id, supervisor.assistant_id, { input: { messages: [{ type: "human", content: "graphs" }] }, ...session.runInterrupts() })) void part;
    session.externalRunEnded();
    const stop = await stopped(client, from);
    assert.deepEqual(stop.body.hitBreakpointIds, [tools.id]);
    assert.equal(stop.body.description, "Replay of researcher, before tools (recorded: this step already ran)");
    assert.deepEqual(await frames(client), ["supervisor › researcher › tools", "supervisor › researcher (replay)"]);
    assert.match((await stateMessages(client)).at(-1)!.value, /^ai: "Looking up graphs\."/);

    assert.ok((await client.request("continue", { threadId: 1 })).success);
    for (let waited = 0; !/The run finished; the next run sent to the thread stops/.test(client.output()); waited += 100) {
      assert.ok(waited < 30_000, `the continued run did not finish: ${client.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(client.events("terminated").length, 0, "an attached session outlives a run");
    const final = (await gateway.getState(thread.thread_id)).values as Messages;
    assert.equal(final.messages.at(-1)!.content, "The team is done: the writer's answer is above.");
    await client.request("disconnect", {});
    assert.deepEqual(client.unanswered(), []);
  });
});
