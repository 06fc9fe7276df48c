/**
 * The `langgraph` debug adapter: the Debug Adapter Protocol over a run on a deployment. It has no
 * `vscode` import, so tests drive it by replaying DAP messages. Every request is answered, with a body
 * or a DAP error; nothing a client sends can make it throw. The run itself is driven by `DebugRunDriver`.
 */
import * as l10n from "@vscode/l10n";
import { InitializedEvent, Thread } from "@vscode/debugadapter";
import type { DebugProtocol } from "@vscode/debugprotocol";
import { basename } from "node:path";
import type { AssistantRecord, NodeInterruptsRequest, RawGraph } from "../deployment/types";
import { breakpointChanged, MinimalResponse, parseCommand, parseValue, replayFrames, stackFrames, toDap, type Step } from "./dapMessages";
import { DebugRunDriver, THREAD_ID } from "./debugRunDriver";
import { ConfigurationError, findAssistant, parseAttachArguments, parseLaunchArguments, resolveInput } from "./launchArguments";
import { isRecord, parsePath, valueAt, withValueAt } from "./stateExpression";
import { NodePages, type FrameSource } from "./nodePages";
import { isSubgraph, stepIntoNote, subgraphNodes } from "./subgraphs";
import { subgraphTasks } from "./subgraphReplay";

export class LangGraphDebugSession extends DebugRunDriver {
  private readonly pages = new NodePages();
  /** The graph's own nodes, in the order its drawing lists them. */
  private graphNodes: string[] = [];
  private configured!: () => void;
  private readonly configurationDone = new Promise<void>((resolve) => (this.configured = resolve));

  protected override dispatchRequest(request: DebugProtocol.Request): void {
    if (request.command !== "initialize" && request.command !== "disconnect" && this.phase === "new") {
      this.fail(new MinimalResponse(request), l10n.t("{0} before initialize: the client must initialize the session first.", request.command));
      return;
    }
    super.dispatchRequest(request);
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    if (this.phase !== "new") return this.fail(response, l10n.t("The session is already initialized."));
    this.phase = "initialized";
    response.body = {
      ...response.body,
      supportsConfigurationDoneRequest: true,
      supportsFunctionBreakpoints: true,
      supportsSetVariable: true,
      supportsTerminateRequest: true,
      supportsEvaluateForHovers: false,
    };
    this.sendResponse(response);
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.configured();
    this.sendResponse(response);
  }

  protected override launchRequest(response: DebugProtocol.LaunchResponse, args: unknown): void {
    this.startSession(response, async () => {
      const launch = parseLaunchArguments(args);
      const input = await resolveInput(launch, (file) => this.deps.readFile(file));
      const gateway = this.deps.gateway;
      const assistant = await findAssistant(gateway, launch.assistant).catch(this.explained({ operation: l10n.t("find the assistant") }));
      let threadId = launch.threadId;
      if (threadId) {
        const thread = await gateway.getThread(threadId).catch(this.explained({ operation: l10n.t("open the thread") }));
        if (!thread) throw new ConfigurationError(l10n.t("Thread {0} was not found; it may have been deleted.", threadId));
      } else {
        threadId = (await gateway.createThread({ title: `Debug: ${assistant.name}` }).catch(this.explained({ operation: l10n.t("create a thread") }))).thread_id;
      }
      await this.prepare(assistant, threadId);
      this.output(l10n.t("Debugging {0} (graph {1}) on thread {2}.\n", assistant.name, assistant.graph_id, threadId), "console");
      this.sendResponse(response);
      this.deps.hooks?.threadStarted?.(threadId, assistant.assistant_id);
      void this.advance(launch.stopOnEntry ? "entry" : "continue", { input });
    });
  }

  /** Attaches to a thread: the runs its chat panel sends stop at the breakpoints; the session stays until Disconnect. */
  protected override attachRequest(response: DebugProtocol.AttachResponse, args: unknown): void {
    this.startSession(response, async () => {
      this.mode = "attach";
      const attach = parseAttachArguments(args);
      const gateway = this.deps.gateway;
      const thread = await gateway.getThread(attach.threadId).catch(this.explained({ operation: l10n.t("open the thread") }));
      if (!thread) throw new ConfigurationError(l10n.t("Thread {0} was not found; it may have been deleted.", attach.threadId));
      const lastAssistant = typeof thread.metadata.assistant_id === "string" ? thread.metadata.assistant_id : undefined;
      const wanted = attach.assistant ?? lastAssistant;
      if (!wanted) throw new ConfigurationError(l10n.t("Nothing has run on thread {0} yet: say whose runs to debug with `assistant`.", attach.threadId));
      const assistant = await findAssistant(gateway, wanted).catch(this.explained({ operation: l10n.t("find the assistant") }));
      await this.prepare(assistant, thread.thread_id);
      this.output(l10n.t("Attached to thread {0}: the runs sent to it from its chat panel stop at the breakpoints.\n", thread.thread_id), "console");
      this.sendResponse(response);
      this.phase = "running";
      this.deps.hooks?.attached?.(thread.thread_id, assistant.assistant_id);
      // The thread may be waiting at a stop already (an interrupt()).
      void this.inspect("continue", {}, undefined);
    });
  }

  /** Where the runs sent to an attached thread from elsewhere must stop. */
  runInterrupts(): NodeInterruptsRequest {
    return { interruptBefore: this.breakpoints.interrupts().before, interruptAfter: this.stopsAfter() };
  }

  /** A run sent to the attached thread from elsewhere ended: it may have stopped at a breakpoint. */
  externalRunEnded(): void {
    if (this.mode === "attach" && this.phase === "running" && !this.abort) void this.inspect("continue", {}, undefined);
  }

  protected override setFunctionBreakPointsRequest(response: DebugProtocol.SetFunctionBreakpointsResponse, args: unknown): void {
    this.guard(response, () => {
      const list = isRecord(args) && Array.isArray(args.breakpoints) ? args.breakpoints : undefined;
      if (!list) throw new ConfigurationError(l10n.t("setFunctionBreakpoints needs `breakpoints`, a list."));
      const names = list.map((b: unknown) => (isRecord(b) && typeof b.name === "string" ? b.name : ""));
      response.body = { breakpoints: this.breakpoints.setFunctionBreakpoints(names).map(toDap) };
      this.sendResponse(response);
    });
  }

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: unknown): void {
    this.guard(response, async () => {
      const path = isRecord(args) && isRecord(args.source) && typeof args.source.path === "string" ? args.source.path : undefined;
      if (!path) throw new ConfigurationError(l10n.t("setBreakpoints needs `source.path`."));
      const requested = isRecord(args) && Array.isArray(args.breakpoints) ? args.breakpoints : isRecord(args) && Array.isArray(args.lines) ? args.lines.map((line: unknown) => ({ line })) : [];
      const lines = requested.map((b: unknown) => (isRecord(b) && typeof b.line === "number" ? b.line : 0));
      const content = await this.deps.readFile(path).then(
        (text) => text.split(/\r?\n/),
        () => [] as string[],
      );
      response.body = { breakpoints: this.breakpoints.setSourceBreakpoints(path, lines, (line) => content[line - 1]).map(toDap) };
      this.sendResponse(response);
    });
  }

  protected override setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse): void {
    this.sendResponse(response);
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: this.run ? [new Thread(THREAD_ID, l10n.t("Run on thread {0}", this.run.threadId))] : [] };
    this.sendResponse(response);
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse): void {
    this.guard(response, () => {
      const { paused, run } = this.requirePaused();
      const replay = this.replay;
      const frames = replay
        ? replayFrames(replay, run.graphId, (node) => this.pages.locate(`${run.graphId} › ${replay.subgraph}`, this.subgraphs.get(replay.subgraph) ?? [], node), (node) => this.frameSource(node))
        : stackFrames(paused, run.graphId, (node) => this.frameSource(node), (node) => isSubgraph(node, this.subgraphs, paused.checkpoint.tasks));
      response.body = { stackFrames: frames, totalFrames: frames.length };
      this.sendResponse(response);
    });
  }

  /** The text of a node page a frame points at (see `NodePages`). */
  protected override sourceRequest(response: DebugProtocol.SourceResponse, args: unknown): void {
    this.guard(response, () => {
      const ref = isRecord(args) ? (isRecord(args.source) && typeof args.source.sourceReference === "number" ? args.source.sourceReference : args.sourceReference) : undefined;
      const content = typeof ref === "number" ? this.pages.content(ref) : undefined;
      if (content === undefined) throw new ConfigurationError(l10n.t("No such source: the langgraph debugger serves only the node pages of its stack frames."));
      response.body = { content, mimeType: "text/plain" };
      this.sendResponse(response);
    });
  }

  /** Where a frame of the graph's own `node` points: the line that adds it in the workspace, or its line on the graph's node page. */
  private frameSource(node: string): FrameSource {
    const location = this.locations.get(node);
    if (location) return { source: { name: basename(location.path), path: location.path }, line: location.line };
    return this.pages.locate(this.run?.graphId ?? "", this.graphNodes, node);
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse): void {
    this.guard(response, () => {
      response.body = { scopes: this.variables.scopes(this.requirePaused().paused) };
      this.sendResponse(response);
    });
  }

  protected override variablesRequest(response: DebugProtocol.VariablesResponse, args: unknown): void {
    this.guard(response, () => {
      const { paused } = this.requirePaused();
      const reference = this.variables.resolve(isRecord(args) && typeof args.variablesReference === "number" ? args.variablesReference : 0);
      if (!reference) throw new ConfigurationError(l10n.t("No such variable: it belongs to an earlier stop."));
      let variables = this.variables.children(paused, reference);
      if (isRecord(args) && typeof args.start === "number") variables = variables.slice(args.start, typeof args.count === "number" && args.count > 0 ? args.start + args.count : undefined);
      response.body = { variables };
      this.sendResponse(response);
    });
  }

  protected override setVariableRequest(response: DebugProtocol.SetVariableResponse, args: unknown): void {
    this.guard(response, async () => {
      const { paused, run } = this.requirePaused();
      const reference = this.variables.resolve(isRecord(args) && typeof args.variablesReference === "number" ? args.variablesReference : 0);
      if (!reference || !isRecord(args) || typeof args.name !== "string" || typeof args.value !== "string") throw new ConfigurationError(l10n.t("setVariable needs a variable of this stop, its name and a value."));
      if (reference.scope !== "state") throw new ConfigurationError(l10n.t("Only the state's values can be edited."));
      if (this.replay) throw new ConfigurationError(l10n.t("This is a replay of {0}'s recorded steps, which already ran: state edits apply to the parent thread only. Step out of the replay to edit the run's state.", this.replay.subgraph));
      const index = /^\[(\d+)\]$/.exec(args.name);
      const path = [...reference.path, index ? Number(index[1]) : args.name];
      const value = parseValue(args.value);
      const channel = String(path[0]);
      const values = isRecord(paused.checkpoint.values) ? paused.checkpoint.values : {};
      const updated = withValueAt(values[channel], path.slice(1), value);
      await this.deps.gateway.updateState(run.threadId, { [channel]: updated }).catch(this.explained({ operation: l10n.t("edit the state"), subject: l10n.t("Thread {0}", run.threadId) }));
      paused.checkpoint = await this.deps.gateway.getState(run.threadId).catch(this.explained({ operation: l10n.t("read the state"), subject: l10n.t("Thread {0}", run.threadId) }));
      this.output(l10n.t("Wrote {0} as a new checkpoint.\n", channel), "console");
      const written = this.variables.variable(args.name, valueAt(paused.checkpoint.values, path), { scope: "state", path });
      response.body = { value: written.value, type: written.type, variablesReference: written.variablesReference, indexedVariables: written.indexedVariables };
      this.sendResponse(response);
      this.deps.hooks?.paused?.(run.assistantId, run.threadId, paused.checkpoint.next);
    });
  }

  protected override evaluateRequest(response: DebugProtocol.EvaluateResponse, args: unknown): void {
    this.guard(response, () => {
      const expression = isRecord(args) && typeof args.expression === "string" ? args.expression.trim() : "";
      if (!expression) throw new ConfigurationError(l10n.t("Type a path into the state, like messages[-1].content, or a resume value, like {\"resume\": \"yes\"}."));
      const { paused } = this.requirePaused();
      if (expression.startsWith("{")) {
        const command = parseCommand(expression);
        response.body = { result: l10n.t("Resuming with {0}", JSON.stringify(command)), variablesReference: 0 };
        this.sendResponse(response);
        void this.advance("continue", { input: null, command });
        return;
      }
      const path = parsePath(expression);
      const value = valueAt(paused.checkpoint.values, path);
      const variable = this.variables.variable(expression, value, { scope: "state", path });
      response.body = { result: variable.value, type: variable.type, variablesReference: variable.variablesReference, indexedVariables: variable.indexedVariables };
      this.sendResponse(response);
    });
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    this.resumeWith(response, "continue");
  }

  protected override nextRequest(response: DebugProtocol.NextResponse): void {
    this.resumeWith(response, "step");
  }

  /**
   * The server cannot stop inside a subgraph: Step Into runs the step that runs it, then replays the
   * subgraph's recorded steps. At a node that is no subgraph it is a Step Over that says so.
   */
  protected override stepInRequest(response: DebugProtocol.StepInResponse): void {
    if (this.phase === "paused" && this.paused && !this.replay) {
      const tasks = this.paused.checkpoint.tasks;
      const enter = subgraphTasks(tasks);
      if (enter.length > 0) return this.resumeWith(response, "step", enter);
      this.output(`${stepIntoNote(this.paused.checkpoint.next, (node) => isSubgraph(node, this.subgraphs, tasks))}\n`, "console");
    }
    this.resumeWith(response, "step");
  }

  /** In a replay, Step Out leaves it for the run's stop; otherwise it runs one step. */
  protected override stepOutRequest(response: DebugProtocol.StepOutResponse): void {
    this.resumeWith(response, "step", [], true);
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.fail(response, l10n.t("A run cannot be paused inside a node: set a breakpoint on a node instead."));
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.guard(response, async () => {
      await this.endRun(l10n.t("Stopped: the run was cancelled on the server."));
      this.sendResponse(response);
    });
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.guard(response, async () => {
      await this.endRun(undefined);
      this.sendResponse(response);
    });
  }

  /** Continue leaves a replay and goes on with the run; the steps walk the replay while in one. */
  private resumeWith(response: DebugProtocol.Response, step: Step, enter: { name: string; ns: string }[] = [], out = false): void {
    this.guard(response, () => {
      this.requirePaused();
      response.body = { allThreadsContinued: true };
      this.sendResponse(response);
      if (this.replay && step === "step") return this.stepInReplay(this.replay, out);
      void this.advance(step, { input: null }, enter);
    });
  }

  /** Shared by launch and attach: nothing may have started; whatever fails ends the session. */
  private startSession(response: DebugProtocol.Response, handler: () => Promise<void>): void {
    this.guard(response, async () => {
      if (this.phase !== "initialized") throw new ConfigurationError(l10n.t("The session has already started a run."));
      this.phase = "launching";
      try {
        await handler();
      } catch (error) {
        this.phase = "ended";
        throw error;
      }
    });
  }

  /** Loads the graph's nodes (breakpoints are checked against them), then takes the editor's breakpoints. */
  private async prepare(assistant: AssistantRecord, threadId: string): Promise<void> {
    const graph = await this.deps.gateway.assistantGraph(assistant.assistant_id, false).catch(this.explained({ operation: l10n.t("read the assistant's graph") }));
    // The xray drawing names the nodes inside subgraphs; a server that refuses it only costs those names.
    const xray = await this.deps.gateway.assistantGraph(assistant.assistant_id, true).catch(() => undefined);
    this.run = { threadId, assistantId: assistant.assistant_id, graphId: assistant.graph_id };
    this.subgraphs = subgraphNodes(nodeIds(xray));
    this.graphNodes = nodeIds(graph).filter((id) => id !== "__start__" && id !== "__end__");
    for (const breakpoint of this.breakpoints.setGraphNodes(nodeIds(graph), this.subgraphs)) this.sendEvent(breakpointChanged(breakpoint));
    this.sendEvent(new InitializedEvent());
    await this.waitForConfiguration();
  }

  private async waitForConfiguration(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.configurationDone, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.deps.configurationTimeoutMs ?? 10_000)))]);
    clearTimeout(timer);
  }

  protected override startFailed(message: string): void {
    this.deps.hooks?.failed?.(message);
  }
}

function nodeIds(graph: RawGraph | undefined): string[] {
  return (graph?.nodes ?? []).map((node) => node.id).filter((id): id is string => typeof id === "string");
}
