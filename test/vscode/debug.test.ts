import * as assert from "node:assert/strict";
import type { DebugProtocol } from "@vscode/debugprotocol";
import * as vscode from "vscode";
import type { LangGraphThreadsApi } from "../../src/extension";
import { activateExtension, testServerClient, until } from "./host";


describe("debugging a run with VS Code's debugger", () => {
  let api: LangGraphThreadsApi;
  const client = testServerClient();
  /** Everything the adapter sent, as VS Code received it. */
  const sent: DebugProtocol.ProtocolMessage[] = [];
  let tracker: vscode.Disposable;
  const folder = () => vscode.workspace.workspaceFolders![0];

  before(async () => {
    api = await activateExtension();
    tracker = vscode.debug.registerDebugAdapterTrackerFactory("langgraph", {
      createDebugAdapterTracker: () => ({ onDidSendMessage: (message: DebugProtocol.ProtocolMessage) => void sent.push(message) }),
    });
  });

  after(() => {
    tracker.dispose();
  });

  afterEach(async () => {
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    if (vscode.debug.activeDebugSession) await vscode.debug.stopDebugging();
  });

  const stoppedFrom = (from: number) =>
    until(() => sent.slice(from).find((m): m is DebugProtocol.StoppedEvent => m.type === "event" && (m as DebugProtocol.Event).event === "stopped"), "the stop");

  async function launch(configuration: Record<string, unknown>): Promise<{ session: vscode.DebugSession; threadId: string }> {
    const started = new Promise<vscode.DebugSession>((resolve) => {
      const subscription = vscode.debug.onDidStartDebugSession((session) => {
        subscription.dispose();
        resolve(session);
      });
    });
    assert.equal(await vscode.debug.startDebugging(folder(), { type: "langgraph", request: "launch", name: "Debug a run", ...configuration }), true);
    const session = await started;
    const threads = (await session.customRequest("threads")) as DebugProtocol.ThreadsResponse["body"];
    return { session, threadId: /thread (\S+)$/.exec(threads.threads[0].name)![1] };
  }

  async function scopeVariables(session: vscode.DebugSession, scope: string): Promise<DebugProtocol.Variable[]> {
    const { scopes } = (await session.customRequest("scopes", { frameId: 1 })) as DebugProtocol.ScopesResponse["body"];
    const found = scopes.find((s) => s.name === scope)!;
    return ((await session.customRequest("variables", { variablesReference: found.variablesReference })) as DebugProtocol.VariablesResponse["body"]).variables;
  }

  it("stops before tools with the pending tool call, edits the state, steps, and continues to the reply in the chat panel", async () => {
    vscode.debug.addBreakpoints([new vscode.FunctionBreakpoint("tools")]);
    const from = sent.length;
    const { session, threadId } = await launch({ assistant: "tools", message: "weather in Oslo" });
    const stop = await stoppedFrom(from);
    assert.equal(stop.body.reason, "function breakpoint");
    assert.match(stop.body.description ?? "", /before tools/);

    const { stackFrames } = (await session.customRequest("stackTrace", { threadId: 1 })) as DebugProtocol.StackTraceResponse["body"];
    assert.equal(stackFrames[0].name, "tools › tools");
    const tasks = await scopeVariables(session, "Pending tasks");
    assert.deepEqual(
      tasks.map((t) => t.name),
      ["tools"],
    );
    const call = (await session.customRequest("evaluate", { expression: "messages[-1].tool_calls[0]", context: "repl", frameId: 1 })) as DebugProtocol.EvaluateResponse["body"];
    const fields = ((await session.customRequest("variables", { variablesReference: call.variablesReference })) as DebugProtocol.VariablesResponse["body"]).variables;
    assert.equal(fields.find((f) => f.name === "name")?.value, '"get_weather"', "Variables shows the pending tool call");
    const args = fields.find((f) => f.name === "args")!;

    await session.customRequest("setVariable", { variablesReference: args.variablesReference, name: "city", value: '"Berlin"' });
    const state = await client.threads.getState<{ messages: { tool_calls?: { args: { city: string } }[] }[] }>(threadId);
    assert.equal(state.values.messages.at(-1)?.tool_calls?.[0].args.city, "Berlin", "the edit is on the server");

    const beforeStep = sent.length;
    await session.customRequest("next", { threadId: 1 });
    const step = await stoppedFrom(beforeStep);
    assert.equal(step.body.reason, "step");
    assert.match(step.body.description ?? "", /before agent/);

    const ended = new Promise<void>((resolve) => {
      const subscription = vscode.debug.onDidTerminateDebugSession((s) => {
        if (s.id !== session.id) return;
        subscription.dispose();
        resolve();
      });
    });
    await session.customRequest("continue", { threadId: 1 });
    await ended;
    const panel = await until(() => api.parts.chats.find(threadId), "the chat panel on the debugged thread");
    const tools = (await client.assistants.search({ graphId: "tools" })).find((a) => a.metadata?.created_by === "system")!;
    assert.equal(panel.session.selectedAssistantId, tools.assistant_id, "the panel has the debugged assistant picked");
    await until(
      () => panel.session.model.messages.some((m) => m.role === "ai" && m.content === "The weather tool says: It is 21°C and sunny in Berlin."),
      "the reply in the chat panel",
    );
  });

  it("the graph view shows node breakpoints as markers, toggles them, and highlights the paused node", async () => {
    const tools = (await client.assistants.search({ graphId: "tools" })).find((a) => a.metadata?.created_by === "system")!;
    await vscode.commands.executeCommand("langgraph.graph.show", { assistantId: tools.assistant_id });
    const graph = await until(() => api.graphs.find(tools.assistant_id), "the graph panel");
    await until(() => graph.session.layout, "the graph's layout");

    await graph.session.handle({ type: "toggleBreakpoint", node: "tools", stop: "before" });
    await graph.session.handle({ type: "toggleBreakpoint", node: "agent", stop: "after" });
    assert.deepEqual(
      vscode.debug.breakpoints.map((b) => (b as vscode.FunctionBreakpoint).functionName),
      ["tools", "after:agent"],
      "a click on a marker adds VS Code's own function breakpoint",
    );
    await until(() => graph.session.debug.breakpoints.length === 2, "the markers");
    await graph.session.handle({ type: "toggleBreakpoint", node: "agent", stop: "after" });
    await until(() => graph.session.debug.breakpoints.length === 1, "the marker to go");
    assert.deepEqual(graph.session.debug.breakpoints, [{ node: "tools", stop: "before" }]);

    const from = sent.length;
    const { session } = await launch({ assistant: "tools", message: "weather in Quito" });
    await stoppedFrom(from);
    await until(() => graph.session.debug.paused.includes("tools"), "the paused node in the graph view");
    await session.customRequest("continue", { threadId: 1 });
    await until(() => graph.session.debug.paused.length === 0, "the highlight to clear when the run goes on");
    graph.dispose();
  });

  it("stops at the node whose addNode line has a source breakpoint", async () => {
    const file = vscode.Uri.joinPath(folder().uri, "tools.ts");
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    const line = text.split("\n").findIndex((l) => l.includes('.addNode("tools"'));
    assert.ok(line > 0);
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(file, new vscode.Position(line, 0)))]);
    const from = sent.length;
    const { session } = await launch({ assistant: "tools", message: "weather in Lima" });
    const stop = await stoppedFrom(from);
    assert.equal(stop.body.reason, "breakpoint");
    assert.match(stop.body.description ?? "", /before tools/);
    // The workspace's langgraph.json declares the graph: the frame points at the line that adds the node.
    const { stackFrames } = (await session.customRequest("stackTrace", { threadId: 1 })) as DebugProtocol.StackTraceResponse["body"];
    // (A remote workbench hands the path on as a vscode-remote: URI.)
    const framePath = stackFrames[0].source?.path ?? "";
    assert.deepEqual([/^[\w-]+:\/\//.test(framePath) ? vscode.Uri.parse(framePath).path : framePath, stackFrames[0].line], [file.path, line + 1]);

    // A graph view opened during the stop highlights the paused node too.
    const tools = (await client.assistants.search({ graphId: "tools" })).find((a) => a.metadata?.created_by === "system")!;
    await vscode.commands.executeCommand("langgraph.graph.show", { assistantId: tools.assistant_id });
    const graph = await until(() => api.graphs.find(tools.assistant_id), "the graph panel");
    await until(() => graph.session.debug.paused.includes("tools"), "the paused node in a graph view opened during the stop");
    graph.dispose();
  });

  it("attached to a thread, the chat panel says so and its next run stops at a breakpoint", async () => {
    const tools = (await client.assistants.search({ graphId: "tools" })).find((a) => a.metadata?.created_by === "system")!;
    const thread = await client.threads.create({ metadata: { title: "Attached" } });
    vscode.debug.addBreakpoints([new vscode.FunctionBreakpoint("tools")]);
    const started = new Promise<vscode.DebugSession>((resolve) => {
      const subscription = vscode.debug.onDidStartDebugSession((s) => {
        subscription.dispose();
        resolve(s);
      });
    });
    assert.equal(await vscode.debug.startDebugging(folder(), { type: "langgraph", request: "attach", name: "Attach", threadId: thread.thread_id, assistant: "tools" }), true);
    const session = await started;
    const panel = await until(() => api.parts.chats.find(thread.thread_id), "the thread's chat panel");
    await until(() => panel.session.thread.debugging === true, "the header to say a debugger is attached");
    await until(() => panel.session.selectedAssistantId, "assistants in the chat");

    const from = sent.length;
    await panel.session.send("weather in Paris", tools.assistant_id);
    const stop = await stoppedFrom(from);
    assert.match(stop.body.description ?? "", /before tools/);
    await session.customRequest("continue", { threadId: 1 });
    await until(
      () => panel.session.model.messages.some((m) => m.role === "ai" && m.content === "The weather tool says: It is 21°C and sunny in Paris."),
      "the reply in the chat panel",
    );
    await vscode.debug.stopDebugging(session);
    await until(() => panel.session.thread.debugging === false, "the header to drop the note");
  });

  it("ends a launch of an unknown assistant with a clear message instead of a hung session", async () => {
    const from = sent.length;
    const started = await vscode.debug.startDebugging(folder(), { type: "langgraph", request: "launch", name: "Debug nothing", assistant: "no-such-assistant", message: "hi" });
    assert.equal(started, false);
    const output = await until(
      () => sent.slice(from).find((m) => m.type === "event" && (m as DebugProtocol.Event).event === "output" && /The deployment has no assistant named no-such-assistant \(its assistants: .*tools/.test((m as DebugProtocol.OutputEvent).body.output)),
      "the message in the Debug Console",
    );
    assert.ok(output);
    await until(() => !vscode.debug.activeDebugSession, "the session to end");
  });
});
