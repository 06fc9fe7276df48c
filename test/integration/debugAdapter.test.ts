import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { randomUUID } from "node:crypto";
import type { DebugProtocol } from "@vscode/debugprotocol";
import { adapter, INITIALIZE, scope, start, stopped, variables } from "../harness/debugAdapterSession";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";

const TOOLS_SOURCE = resolve(__dirname, "../fixtures/agents/tools.ts");

describe("the langgraph debug adapter, replaying DAP requests", () => {
  let server: LangGraphServer;

  beforeEach(async () => {
    server = await testServer();
  });

  it("answers malformed and out-of-order requests with DAP errors and never throws", async () => {
    const { client } = adapter(server.url);
    for (const junk of [null, 42, "launch", [], { type: "request" }, { type: "request", command: 7, seq: 1 }, { type: "response", request_seq: 99 }]) client.raw(junk);
    assert.equal(client.received.length, 0, "what is not a request is dropped");

    const early = await client.request("continue", { threadId: 1 });
    assert.equal(early.success, false);
    assert.match(early.message ?? "", /before initialize/);

    assert.equal((await client.request("initialize", INITIALIZE)).success, true);
    assert.equal((await client.request("initialize", INITIALIZE)).success, false, "a second initialize is refused");
    for (const [command, args] of [
      ["variables", { variablesReference: 1 }],
      ["variables", undefined],
      ["stackTrace", { threadId: 1 }],
      ["scopes", {}],
      ["next", { threadId: 1 }],
      ["continue", "not an object"],
      ["evaluate", { expression: "messages[-1]" }],
      ["evaluate", {}],
      ["setVariable", { variablesReference: 3, name: "x", value: "1" }],
      ["setFunctionBreakpoints", undefined],
      ["setFunctionBreakpoints", { breakpoints: "tools" }],
      ["setBreakpoints", { breakpoints: [{ line: 1 }] }],
      ["pause", { threadId: 1 }],
      ["stepBack", { threadId: 1 }],
      ["noSuchCommand", { x: 1 }],
    ] as const) {
      const answer = await client.request(command, args);
      assert.equal(answer.success, false, `${command} ${JSON.stringify(args)} must fail`);
      assert.ok(answer.message, `${command} says why`);
    }
    const early2 = await client.request<DebugProtocol.SetFunctionBreakpointsResponse>("setFunctionBreakpoints", { breakpoints: [{ name: "tools" }, {}, { name: 3 }] });
    assert.equal(early2.success, true);
    assert.deepEqual(
      early2.body.breakpoints.map((b) => b.verified),
      [false, false, false],
    );
    assert.match(early2.body.breakpoints[0].message ?? "", /not loaded yet/);
    assert.equal((await client.request<DebugProtocol.ThreadsResponse>("threads")).body.threads.length, 0);
    assert.equal((await client.request("disconnect", {})).success, true);
    assert.equal((await client.request("launch", { assistant: "tools" })).success, false, "no launch after the session ended");
    assert.deepEqual(client.unanswered(), []);
  });

  for (const [what, launch, message] of [
    ["no assistant", { message: "hi" }, /missing `assistant`: the assistant whose run to debug/],
    ["an unknown assistant", { assistant: "no-such-assistant", message: "hi" }, /no assistant named no-such-assistant.*tools/],
    ["invalid input JSON", { assistant: "tools", input: "{messages: " }, /`input` is not valid JSON/],
    ["input that is not an object", { assistant: "tools", input: "[1, 2]" }, /must be a JSON object/],
    ["a missing input file", { assistant: "tools", inputFile: "/nonexistent/input.json" }, /Could not read `inputFile`/],
    ["a deleted thread", { assistant: "tools", message: "hi", threadId: randomUUID() }, /was not found; it may have been deleted/],
  ] as const) {
    it(`ends a launch with ${what} with a clear error and a terminated event`, async () => {
      const { client } = adapter(server.url);
      await client.request("initialize", INITIALIZE);
      const answer = await client.request("launch", launch);
      assert.equal(answer.success, false);
      assert.match(answer.message ?? "", message);
      assert.match(client.output(), message, "the Debug Console says it too");
      await client.event("terminated");
      assert.equal((await client.request("continue", { threadId: 1 })).success, false);
      assert.deepEqual(client.unanswered(), []);
    });
  }

  it("ends a launch against a server that is down with 'Cannot reach'", async () => {
    const port = await new Promise<number>((done) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => done(port));
      });
    });
    const { client } = adapter(`http://127.0.0.1:${port}`);
    await client.request("initialize", INITIALIZE);
    const answer = await client.request("launch", { assistant: "tools", message: "hi" });
    assert.equal(answer.success, false);
    assert.match(answer.message ?? "", /Cannot reach/);
    await client.event("terminated");
  });

  it("stops before tools with the pending tool call, steps to agent, and continues to the reply", async () => {
    const { client, gateway } = adapter(server.url);
    const { launch, breakpoints } = await start(client, { assistant: "tools", message: "weather in Oslo" }, { functions: ["tools", "after:nothere", "sub:inner"] });
    assert.ok(launch.success, launch.message);
    const [verified] = breakpoints.map((b) => (b as DebugProtocol.SetFunctionBreakpointsResponse).body.breakpoints);
    assert.deepEqual(
      verified.map((b) => b.verified),
      [true, false, false],
    );
    assert.match(verified[1].message ?? "", /no node named nothere \(its nodes: agent, tools\)/);

    const stop = await stopped(client, 0);
    assert.equal(stop.body.reason, "function breakpoint");
    assert.deepEqual(stop.body.hitBreakpointIds, [verified[0].id]);
    assert.match(stop.body.description ?? "", /before tools/);

    const threads = await client.request<DebugProtocol.ThreadsResponse>("threads");
    const threadId = /thread (\S+)$/.exec(threads.body.threads[0].name)![1];
    const stack = await client.request<DebugProtocol.StackTraceResponse>("stackTrace", { threadId: 1 });
    assert.deepEqual(
      stack.body.stackFrames.map((f) => f.name),
      ["tools › tools"],
    );
    // No workspace source for the graph: the frame points at its node on the graph's node page, which
    // VS Code asks for by reference (a frame without a source is never selected, and Variables stays empty).
    const [top] = stack.body.stackFrames;
    assert.equal(top.source?.path, undefined);
    assert.ok(top.source?.sourceReference, "a page served by the adapter");
    const page = await client.request<DebugProtocol.SourceResponse>("source", { source: top.source, sourceReference: top.source.sourceReference });
    const lines = page.body.content.split("\n");
    assert.deepEqual(lines.slice(1, 4), ["agent", "tools", ""], "the graph's nodes, one per line");
    assert.equal(lines[top.line - 1], "tools", "the frame's line is its node");
    const missing = await client.request("source", { sourceReference: 99 });
    assert.equal(missing.success, false);

    const tasks = await variables(client, (await scope(client, "Pending tasks")).variablesReference);
    assert.deepEqual(
      tasks.map((t) => t.name),
      ["tools"],
    );
    const state = await variables(client, (await scope(client, "State")).variablesReference);
    const messages = state.find((v) => v.name === "messages")!;
    const list = await variables(client, messages.variablesReference);
    assert.equal(list.length, 2);
    assert.match(list[1].value, /^ai: "Let me check the weather in Oslo\."/);
    const call = await client.request<DebugProtocol.EvaluateResponse>("evaluate", { expression: "messages[-1].tool_calls[0].args.city", context: "repl" });
    assert.equal(call.body.result, '"Oslo"');
    const written = await variables(client, (await scope(client, "Written by agent")).variablesReference);
    assert.deepEqual(
      written.map((v) => v.name),
      ["messages"],
    );

    const from = client.received.length;
    assert.ok((await client.request("next", { threadId: 1 })).success);
    const step = await stopped(client, from);
    assert.equal(step.body.reason, "step");
    assert.match(step.body.description ?? "", /before agent/);
    const afterTools = await client.request<DebugProtocol.EvaluateResponse>("evaluate", { expression: "messages[-1].content", context: "watch" });
    assert.equal(afterTools.body.result, '"It is 21°C and sunny in Oslo."');

    const end = client.received.length;
    assert.ok((await client.request("continue", { threadId: 1 })).success);
    await client.event("terminated", end);
    assert.match(client.output(), /The run finished/);
    const final = await gateway.getState(threadId);
    const reply = (final.values as { messages: { content: string }[] }).messages.at(-1)!;
    assert.equal(reply.content, "The weather tool says: It is 21°C and sunny in Oslo.");
    assert.deepEqual(client.unanswered(), []);
  });

  it("writes an edited variable to the server as a new checkpoint, and the run goes on from it", async () => {
    const { client, gateway } = adapter(server.url);
    await start(client, { assistant: "tools", input: JSON.stringify({ messages: [{ type: "human", content: "weather in Oslo" }] }) }, { functions: ["before:tools"] });
    await stopped(client, 0);
    const threadId = /thread (\S+)$/.exec((await client.request<DebugProtocol.ThreadsResponse>("threads")).body.threads[0].name)![1];
    const args = await client.request<DebugProtocol.EvaluateResponse>("evaluate", { expression: "messages[1].tool_calls[0].args", context: "repl" });
    assert.ok(args.body.variablesReference > 0, "an object can be expanded");
    const [city] = await variables(client, args.body.variablesReference);
    assert.equal(city.name, "city");

    const set = await client.request<DebugProtocol.SetVariableResponse>("setVariable", { variablesReference: args.body.variablesReference, name: "city", value: "Berlin" });
    assert.ok(set.success, set.message);
    assert.equal(set.body.value, '"Berlin"');
    const onServer = await gateway.getState(threadId);
    assert.equal((onServer.values as { messages: { tool_calls: { args: { city: string } }[] }[] }).messages[1].tool_calls[0].args.city, "Berlin");
    assert.deepEqual(onServer.next, ["tools"], "the run still waits before tools");

    const readOnly = await client.request("setVariable", { variablesReference: (await scope(client, "Pending tasks")).variablesReference, name: "tools", value: "1" });
    assert.equal(readOnly.success, false);

    const end = client.received.length;
    await client.request("continue", { threadId: 1 });
    await client.event("terminated", end);
    const reply = ((await gateway.getState(threadId)).values as { messages: { content: string }[] }).messages.at(-1)!;
    assert.equal(reply.content, "The weather tool says: It is 21°C and sunny in Berlin.");
  });

  it("stops after a node for after:agent, and at entry with stopOnEntry", async () => {
    const { client } = adapter(server.url);
    await start(client, { assistant: "tools", message: "weather in Rome", stopOnEntry: true }, { functions: ["after:agent"] });
    const entry = await stopped(client, 0);
    assert.equal(entry.body.reason, "entry");
    assert.match(entry.body.description ?? "", /before agent/);
    const from = client.received.length;
    await client.request("continue", { threadId: 1 });
    const after = await stopped(client, from);
    assert.equal(after.body.reason, "function breakpoint");
    assert.match(after.body.description ?? "", /after agent/);
    await client.request("disconnect", { terminateDebuggee: true });
    await client.event("terminated");
  });

  it("stops at interrupt() with its value, and a Command typed in the Debug Console resumes it", async () => {
    const { client, gateway } = adapter(server.url);
    await start(client, { assistant: "approval", message: "ship it" });
    const stop = await stopped(client, 0);
    assert.equal(stop.body.reason, "interrupt");
    assert.match(stop.body.description ?? "", /interrupt\(\)/);
    const tasks = await variables(client, (await scope(client, "Pending tasks")).variablesReference);
    const review = await variables(client, tasks.find((t) => t.name === "review")!.variablesReference);
    const interrupts = await variables(client, review.find((v) => v.name === "interrupts")!.variablesReference);
    const value = await variables(client, interrupts[0].variablesReference);
    assert.match(value.find((v) => v.name === "description")?.value ?? "", /Approve: send \\"ship it\\"\?/);
    const threadId = /thread (\S+)$/.exec((await client.request<DebugProtocol.ThreadsResponse>("threads")).body.threads[0].name)![1];

    const bad = await client.request("evaluate", { expression: '{"resume": ', context: "repl" });
    assert.equal(bad.success, false);
    assert.match(bad.message ?? "", /Not valid JSON/);
    const noCommand = await client.request("evaluate", { expression: '{"answer": 1}', context: "repl" });
    assert.match(noCommand.message ?? "", /resume/);

    const end = client.received.length;
    const resumed = await client.request<DebugProtocol.EvaluateResponse>("evaluate", { expression: '{"resume": {"type": "accept"}}', context: "repl" });
    assert.match(resumed.body.result, /Resuming/);
    await client.event("terminated", end);
    const reply = ((await gateway.getState(threadId)).values as { messages: { content: string }[] }).messages.at(-1)!;
    assert.equal(reply.content, 'Approved. Done: send "ship it".');
  });

  it("maps a source breakpoint on an addNode line to that node, and leaves other lines unverified", async () => {
    const lines = (await readFile(TOOLS_SOURCE, "utf8")).split("\n");
    const addTools = lines.findIndex((line) => line.includes('.addNode("tools"')) + 1;
    const { client } = adapter(server.url, { withSources: true });
    const { breakpoints } = await start(client, { assistant: "tools", message: "weather in Lima" }, { source: { path: TOOLS_SOURCE, lines: [addTools, 1] } });
    const [onNode, elsewhere] = (breakpoints[0] as DebugProtocol.SetBreakpointsResponse).body.breakpoints;
    assert.equal(onNode.verified, true);
    assert.equal(onNode.line, addTools);
    assert.equal(elsewhere.verified, false);
    assert.match(elsewhere.message ?? "", /adds a node by name/);
    const stop = await stopped(client, 0);
    assert.deepEqual(stop.body.hitBreakpointIds, [onNode.id]);
    assert.match(stop.body.description ?? "", /before tools/);
    // The frame points at the line that adds the node, so VS Code opens the graph's source there.
    const stack = await client.request<DebugProtocol.StackTraceResponse>("stackTrace", { threadId: 1 });
    assert.deepEqual(
      stack.body.stackFrames.map((f) => [f.name, f.source?.path, f.line]),
      [["tools › tools", TOOLS_SOURCE, addTools]],
    );
    await client.request("terminate", {});
    await client.event("terminated");
  });

  it("Stop cancels a running run on the server", async () => {
    const { client, gateway } = adapter(server.url);
    await start(client, { assistant: "slow", input: { messages: [{ type: "human", content: "one two three four five six" }] } });
    const threadId = /thread (\S+)$/.exec((await client.request<DebugProtocol.ThreadsResponse>("threads")).body.threads[0].name)![1];
    const running = await waitFor(async () => (await gateway.listRuns(threadId, 5)).find((r) => r.status === "running"));
    assert.ok((await client.request("terminate", {})).success);
    await client.event("terminated");
    const run = await waitFor(async () => {
      const r = await gateway.getRun(threadId, running.run_id);
      return r && r.status !== "running" && r.status !== "pending" ? r : undefined;
    });
    assert.notEqual(run.status, "success", "the run was cancelled, not finished");
  });

  it("ends the session with a message when the run is cancelled elsewhere", async () => {
    const { client, gateway } = adapter(server.url);
    await start(client, { assistant: "slow", input: { messages: [{ type: "human", content: "one two three four five six" }] } });
    const threadId = /thread (\S+)$/.exec((await client.request<DebugProtocol.ThreadsResponse>("threads")).body.threads[0].name)![1];
    const running = await waitFor(async () => (await gateway.listRuns(threadId, 5)).find((r) => r.status === "running"));
    await gateway.cancelRun(threadId, running.run_id);
    await client.event("terminated");
    assert.match(client.output(), /The run was cancelled on the server/);
  });
});

describe("the langgraph debug adapter attached to a thread", () => {
  let server: LangGraphServer;

  beforeEach(async () => {
    server = await testServer();
  });

  it("refuses to attach to a missing thread, or to one with no run and no assistant named", async () => {
    const { client, gateway } = adapter(server.url);
    await client.request("initialize", INITIALIZE);
    const missing = await client.request("attach", { threadId: randomUUID() });
    assert.match(missing.message ?? "", /was not found/);
    const second = adapter(server.url);
    await second.client.request("initialize", INITIALIZE);
    const fresh = await gateway.createThread({});
    const unnamed = await second.client.request("attach", { threadId: fresh.thread_id });
    assert.match(unnamed.message ?? "", /Nothing has run on thread .* yet: say whose runs to debug with `assistant`/);
    const third = adapter(server.url);
    await third.client.request("initialize", INITIALIZE);
    assert.match((await third.client.request("attach", {})).message ?? "", /missing `threadId`: the thread to attach to/);
  });

  it("stops a run sent from elsewhere at its breakpoints, continues it, and stays attached for the next run", async () => {
    const { client, gateway, session } = adapter(server.url);
    const [tools] = await gateway.searchAssistants({ limit: 5, graphId: "tools" });
    const thread = await gateway.createThread({});
    await client.request("initialize", INITIALIZE);
    const attached = client.request("attach", { threadId: thread.thread_id, assistant: "tools" });
    await client.event("initialized");
    const [breakpoint] = (await client.request<DebugProtocol.SetFunctionBreakpointsResponse>("setFunctionBreakpoints", { breakpoints: [{ name: "tools" }] })).body.breakpoints;
    assert.equal(breakpoint.verified, true);
    await client.request("configurationDone");
    assert.ok((await attached).success);
    assert.deepEqual(session.runInterrupts(), { interruptBefore: ["tools"], interruptAfter: [] });

    // What a chat panel does: its run carries the session's interrupts, and its end is reported.
    const chatRun = async (text: string) => {
      for await (const part of gateway.streamRun(thread.thread_id, tools.assistant_id, { input: { messages: [{ type: "human", content: text }] }, ...session.runInterrupts() })) void part;
      session.externalRunEnded();
    };
    let from = client.received.length;
    await chatRun("weather in Paris");
    const stop = await stopped(client, from);
    assert.deepEqual(stop.body.hitBreakpointIds, [breakpoint.id]);
    await client.request("continue", { threadId: 1 });
    await waitFor(async () => /The run finished; the next run sent to the thread stops/.test(client.output()) || undefined);
    assert.equal(client.events("terminated").length, 0, "an attached session outlives a run");

    from = client.received.length;
    await chatRun("weather in Rome");
    await stopped(client, from);
    await client.request("disconnect", {});
    await client.event("terminated");
    const state = await gateway.getState(thread.thread_id);
    assert.deepEqual(state.next, ["tools"], "detaching leaves the thread where it stopped");
  });
});

async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}
