/**
 * Driving a debugged run: the chain of server runs on one thread that make it up, and the stops between
 * them. Each server run goes until the server stops it before or after a breakpoint's node
 * (`interruptBefore` / `interruptAfter`) or at an `interrupt()`; Continue and the steps start the next
 * one from the thread's head. The DAP requests live in the session class built on this one.
 */
import * as l10n from "@vscode/l10n";
import { TerminatedEvent } from "@vscode/debugadapter";
import type { DebugProtocol } from "@vscode/debugprotocol";
import { AnsweringDebugSession } from "./answeringDebugSession";
import type { ErrorContext } from "../deployment/errorMapping";
import type { RunOutcome, RunRecord, RunRequest } from "../deployment/types";
import type { DebugSessionDeps } from "./debugSessionDeps";
import { replayEvent, stoppedEvent, type Step } from "./dapMessages";
import type { NodeLocation } from "./graphSources";
import { ConfigurationError } from "./launchArguments";
import { NodeBreakpoints } from "./nodeBreakpoints";
import { runSegment, type SegmentResult } from "./runSegment";
import { StateVariables, type PausedState } from "./stateVariables";
import { loadReplay, replayNodes, replayNote, replayStop, stepBefore, subgraphTasks, type SubgraphReplay } from "./subgraphReplay";

/** The subgraph tasks a Step Into enters once the step that runs them is done. */
type Enter = { name: string; ns: string }[];

type Phase = "new" | "initialized" | "launching" | "running" | "paused" | "ended";

export interface DebuggedRun {
  threadId: string;
  assistantId: string;
  graphId: string;
}

/** The one DAP thread: a debugged run is one line of execution. */
export const THREAD_ID = 1;

export abstract class DebugRunDriver extends AnsweringDebugSession {
  protected phase: Phase = "new";
  protected mode: "launch" | "attach" = "launch";
  protected readonly breakpoints = new NodeBreakpoints();
  protected readonly variables = new StateVariables();
  protected run: DebuggedRun | undefined;
  protected paused: PausedState | undefined;
  /** Where the stop's nodes are added in the workspace's source, by node. */
  protected locations = new Map<string, NodeLocation>();
  /** The nodes inside each subgraph the graph's xray drawing expands, by subgraph. */
  protected subgraphs = new Map<string, string[]>();
  protected abort: AbortController | undefined;
  /** Set while the session walks a subgraph's recorded steps; `paused` stays the parent's stop. */
  protected replay: SubgraphReplay | undefined;
  private activeRunId: string | undefined;

  constructor(protected readonly deps: DebugSessionDeps) {
    super();
  }

  /** Starts the next server run from the thread's head and reports where it stops. */
  protected async advance(step: Step, request: Pick<RunRequest, "input" | "command">, enter: Enter = []): Promise<void> {
    const run = this.run;
    if (!run || this.ended) return;
    this.phase = "running";
    this.deps.hooks?.resumed?.(run.assistantId, run.threadId);
    this.paused = undefined;
    this.replay = undefined;
    this.variables.reset();
    const breaks = this.breakpoints.interrupts();
    if (step === "continue") breaks.after = this.stopsAfter();
    const abort = (this.abort = new AbortController());
    let runId: string | undefined;
    try {
      const result = await runSegment(
        this.deps.gateway,
        run.threadId,
        run.assistantId,
        { ...request, interruptBefore: step === "continue" ? breaks.before : "*", interruptAfter: breaks.after },
        {
          signal: abort.signal,
          onRunCreated: (id) => (this.activeRunId = runId = id),
          extraModes: this.deps.streamModes?.(run.threadId),
          onPart: (part) => this.deps.hooks?.runEvent?.(run.assistantId, run.threadId, part, runId),
        },
      );
      this.activeRunId = undefined;
      this.abort = undefined;
      if (this.ended) return;
      await this.inspect(step, result, runId, enter);
    } catch (error) {
      if (this.ended) return;
      this.end(this.deps.describe(error, { operation: l10n.t("run the graph"), subject: l10n.t("Thread {0}", run.threadId) }).message, "error");
    }
  }

  /**
   * The nodes a continued run stops after: the `after:` breakpoints, and each subgraph a `subgraph:node`
   * breakpoint names, so its step can be replayed.
   */
  protected stopsAfter(): string[] {
    return [...new Set([...this.breakpoints.interrupts().after, ...this.breakpoints.subgraphStops().keys()])];
  }

  /** After a run: where the thread stopped (a stop to report), or that the run ended. */
  protected async inspect(step: Step, result: SegmentResult, runId: string | undefined, enter: Enter = []): Promise<void> {
    const run = this.run;
    if (!run || this.ended) return;
    try {
      if (result.failure) {
        // A run cancelled elsewhere: langgraph-api 2.x ends its stream with the error "interrupt" and records
        // it as an error; 1.x may record it as interrupted.
        const failed = runId ? await this.settledRun(run.threadId, runId) : undefined;
        const cancelled = failed?.status === "interrupted" || /^(\w*Error: )?interrupt$/.test(result.failure.trim());
        if (cancelled) return this.end(l10n.t("The run was cancelled on the server."), "stopped");
        return this.end(l10n.t("The run ended on the server: {0}", result.failure), "error");
      }
      const [checkpoint, record] = await Promise.all([this.deps.gateway.getState(run.threadId), runId ? this.deps.gateway.getRun(run.threadId, runId) : undefined]);
      if (this.ended || (this.phase !== "running" && this.phase !== "paused")) return;
      // A breakpoint's stop ends the server's run as a success; one cancelled elsewhere as interrupted.
      const cancelled = record?.status === "interrupted" && !checkpoint.tasks.some((task) => task.interrupts.length > 0);
      if (cancelled || record?.status === "error") return this.end(cancelled ? l10n.t("The run was cancelled on the server.") : l10n.t("The run ended on the server with status {0}.", record?.status), "stopped");
      if (checkpoint.next.length === 0) {
        if (this.mode === "attach") {
          this.phase = "running";
          if (runId) this.output(l10n.t("The run finished; the next run sent to the thread stops at the breakpoints too.\n"), "console");
          this.deps.hooks?.runEnded?.(run.assistantId, run.threadId, "done");
          return;
        }
        this.output(l10n.t("The run finished.\n"), "console");
        return this.end(undefined, "done");
      }
      const paused: PausedState = { checkpoint, lastUpdate: result.lastUpdate };
      this.locations = await this.locate(run.graphId, [...checkpoint.next, ...checkpoint.tasks.map((task) => task.name ?? ""), result.lastUpdate?.node ?? ""]);
      if (this.ended) return;
      const replayed = await this.replayAfter(step, paused, enter);
      if (this.ended) return;
      if (replayed === "continue") return void this.advance("continue", { input: null });
      this.variables.reset();
      this.paused = paused;
      this.phase = "paused";
      if (replayed) return this.stopInReplay(replayed.replay, replayed.stopped);
      this.sendEvent(stoppedEvent(step, paused, this.breakpoints, THREAD_ID));
      this.deps.hooks?.paused?.(run.assistantId, run.threadId, checkpoint.next);
    } catch (error) {
      if (!this.ended) this.end(this.deps.describe(error, { operation: l10n.t("read the thread's state"), subject: l10n.t("Thread {0}", run.threadId) }).message, "error");
    }
  }

  /**
   * After a step that ran a subgraph: the replay to stop in, for a Step Into (at the subgraph's first
   * step) or a `subgraph:node` breakpoint (at its first recorded step before that node). "continue" when
   * the run stopped only to look for such a breakpoint and found none.
   */
  private async replayAfter(step: Step, paused: PausedState, enter: Enter): Promise<{ replay: SubgraphReplay; stopped: DebugProtocol.StoppedEvent } | "continue" | undefined> {
    const run = this.run!;
    if (enter.length > 0) {
      const replay = await loadReplay(this.deps.gateway, run.threadId, enter[0]);
      return replay && { replay, stopped: replayEvent("step", replay) };
    }
    const stops = this.breakpoints.subgraphStops();
    if (step !== "continue" || stops.size === 0) return undefined;
    const parentId = paused.checkpoint.parent_checkpoint?.checkpoint_id;
    const ran = parentId ? subgraphTasks((await this.deps.gateway.getState(run.threadId, { checkpointId: parentId })).tasks) : [];
    for (const task of ran.filter((t) => stops.has(t.name))) {
      const breakpoints = stops.get(task.name)!;
      const replay = await loadReplay(this.deps.gateway, run.threadId, task);
      const index = replay && stepBefore(replay, breakpoints.map((b) => b.node!.slice(task.name.length + 1)));
      if (replay && index !== undefined) {
        replay.index = index;
        const inner = replay.steps[index].next;
        const hit = breakpoints.filter((b) => inner.includes(b.node!.slice(task.name.length + 1)));
        return { replay, stopped: replayEvent("breakpoint", replay, hit.map((b) => b.id)) };
      }
    }
    // The run stopped after a subgraph only to look inside it: go on unless a breakpoint of its own stopped it too.
    const ownStop = paused.checkpoint.tasks.some((task) => task.interrupts.length > 0) || this.breakpoints.hitBy(paused.checkpoint.next, paused.lastUpdate?.node).length > 0;
    return ownStop ? undefined : "continue";
  }

  protected stopInReplay(replay: SubgraphReplay, stopped: DebugProtocol.StoppedEvent): void {
    const run = this.run!;
    this.replay = replay;
    this.variables.reset();
    this.output(`${replayNote(replay.subgraph)}\n`, "console");
    this.sendEvent(stopped);
    this.deps.hooks?.paused?.(run.assistantId, run.threadId, replayNodes(replay));
  }

  /** One step on in a replay; after its last, back at the parent's stop. */
  protected stepInReplay(replay: SubgraphReplay, leave: boolean): void {
    const run = this.run!;
    this.variables.reset();
    if (!leave && replay.index + 1 < replay.steps.length) {
      replay.index++;
      this.sendEvent(replayEvent("step", replay));
      this.deps.hooks?.paused?.(run.assistantId, run.threadId, replayNodes(replay));
      return;
    }
    this.replay = undefined;
    this.output(l10n.t("The replay of {0} is done: back at the run's stop.\n", replay.subgraph), "console");
    this.sendEvent(stoppedEvent("step", this.paused!, this.breakpoints, THREAD_ID));
    this.deps.hooks?.paused?.(run.assistantId, run.threadId, this.paused!.checkpoint.next);
  }

  /** Cancels the run on the server if one is going; the session ends either way. */
  protected async endRun(message: string | undefined): Promise<void> {
    if (this.ended) return;
    const run = this.run;
    const runId = this.activeRunId;
    this.abort?.abort();
    this.phase = "ended";
    // Detaching leaves the thread's runs alone; stopping a launched run cancels it.
    if (run && runId && this.mode === "launch") {
      await this.deps.gateway.cancelRun(run.threadId, runId).catch((error: unknown) => this.output(l10n.t("Could not cancel the run: {0}\n", this.deps.describe(error, { operation: l10n.t("cancel the run") }).message), "stderr"));
    }
    if (message) this.output(`${message}\n`, "console");
    if (run) this.deps.hooks?.runEnded?.(run.assistantId, run.threadId, "stopped");
    this.deps.hooks?.detached?.();
    this.sendEvent(new TerminatedEvent());
  }

  protected end(failure: string | undefined, outcome: RunOutcome): void {
    this.phase = "ended";
    if (failure) {
      this.output(`${failure}\n`, "stderr");
      this.deps.hooks?.failed?.(failure);
    }
    if (this.run) this.deps.hooks?.runEnded?.(this.run.assistantId, this.run.threadId, outcome);
    this.deps.hooks?.detached?.();
    this.sendEvent(new TerminatedEvent());
  }

  /** Read through a getter: the phase changes while a run segment is awaited. */
  protected get ended(): boolean {
    return this.phase === "ended";
  }

  /** The stop shown: the parent's, or in a replay the subgraph's recorded step. */
  protected requirePaused(): { paused: PausedState; run: DebuggedRun } {
    if (this.phase !== "paused" || !this.paused || !this.run) {
      throw new ConfigurationError(this.phase === "running" ? l10n.t("The run is running: this needs it paused at a node.") : this.phase === "ended" ? l10n.t("The run has ended.") : l10n.t("No run is paused yet."));
    }
    return { paused: this.replay ? replayStop(this.replay) : this.paused, run: this.run };
  }

  /** A deployment error said the way the rest of the extension says it. */
  protected explained(context: ErrorContext) {
    return (error: unknown): never => {
      if (error instanceof ConfigurationError) throw error;
      throw new ConfigurationError(this.deps.describe(error, context).message);
    };
  }

  /** The run's record once the server has recorded how it ended (briefly after its stream closes). */
  private async settledRun(threadId: string, runId: string): Promise<RunRecord | undefined> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const record = await this.deps.gateway.getRun(threadId, runId).catch(() => undefined);
      if (!record || (record.status !== "pending" && record.status !== "running")) return record;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return undefined;
  }

  /** The source lines of these nodes that the workspace has; a lookup that fails leaves the node without one. */
  private async locate(graphId: string, nodes: string[]): Promise<Map<string, NodeLocation>> {
    const found = new Map<string, NodeLocation>();
    if (!this.deps.nodeLocation) return found;
    for (const node of new Set(nodes.filter(Boolean))) {
      const location = await this.deps.nodeLocation(graphId, node).catch(() => undefined);
      if (location) found.set(node, location);
    }
    return found;
  }
}
