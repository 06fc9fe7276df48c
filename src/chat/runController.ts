/**
 * One thread's runs in one panel: starts them (streamed, or queued behind the current one), follows
 * and rejoins their streams, stops them on the server, retries what failed, and says when the thread
 * has settled. Its state changes only through the transition table (`runStates`). Free of `vscode`
 * and of the thread model: what a run means for the messages on screen is the listener's business.
 */
import * as l10n from "@vscode/l10n";
import type { DeploymentGateway } from "../deployment/gateway";
import type { ErrorContext, UserFacingError } from "../deployment/errorMapping";
import type { MultitaskStrategy, NodeInterruptsRequest, RunConfig, RunOutcome } from "../deployment/types";
import type { Attachment, ChatMessageView, RunView } from "../protocol/chatProtocol";
import { shortId } from "../common/threadText";
import type { StreamModeName } from "../common/streamModes";
import { stringOf } from "../common/wireMessages";
import { RunFollower, type FollowState, type StreamPart } from "./runFollower";
import { isActive, phaseOf, transition, type RunEvent, type RunState } from "./runStates";

/** Errors after which the run is probably still going and worth rejoining. */
const REJOINABLE = new Set(["streamDropped", "unreachable", "timeout", "server"]);

export interface RunRequest {
  assistantId: string;
  /** `null` re-runs from `checkpointId` without new input (regenerate). */
  input?: Record<string, unknown> | null;
  /** Fork from this checkpoint instead of the thread's head. */
  checkpointId?: string;
  command?: { resume: unknown };
  /** The optimistic human message of a send. */
  human?: ChatMessageView;
  /** The composer text (and its attached files) to give back if the run cannot start. */
  draft?: string;
  draftAttachments?: Attachment[];
  /** A new thread's title: the typed text, or the attached files' names (never a file's contents). */
  title?: string;
  multitaskStrategy?: MultitaskStrategy;
}

export interface RunControllerDeps {
  gateway: DeploymentGateway;
  describe(error: unknown, context: ErrorContext): UserFacingError;
  threadId(): string | undefined;
  /** The thread to run on, created (titled after the first message) when the panel has none yet. */
  ensureThread(firstMessage: string): Promise<string>;
  /** The config a run of this assistant sends on this thread. */
  configFor(threadId: string, assistantId: string): Promise<RunConfig>;
  /** The run streaming on a thread, kept so a reopened panel or reloaded window rejoins it. */
  rememberRun(threadId: string, runId: string | undefined): void;
  /** Where the run should stop by itself (an attached debugger's breakpoints). */
  runInterrupts?(threadId: string): NodeInterruptsRequest | undefined;
  /** Modes to stream beyond the chat's (those the thread's event log shows). */
  streamModes?(threadId: string): readonly StreamModeName[];
  streamIdleTimeoutMs?: number;
}

/** What the controller tells the session. */
export interface RunListener {
  /** One event of a followed run, in order, exactly once. */
  applied(follow: FollowState, part: StreamPart): void;
  /** The run the panel shows changed (phase, run, assistant). */
  viewChanged(view: RunView): void;
  /** An error for the banner, or undefined to clear it. */
  error(error: UserFacingError | undefined): void;
  /** A run could not start: its optimistic message goes and the composer gets `draft` back. */
  restoreDraft(human: ChatMessageView | undefined, draft: string | undefined, attachments?: Attachment[]): void;
  /** The server named a run this panel started or queued, and the assistant it runs. */
  runKnown(runId: string, assistantId: string): void;
  runEnded(assistantId: string, outcome: RunOutcome | undefined): void;
  /** Nothing streams any more: settle against the server. A stopped run's partial reply (`stoppedRunId`) stays. */
  settle(stoppedRunId: string | undefined): Promise<void>;
  /** Every move of the state machine, for logs and tests. */
  moved?(from: RunState, event: RunEvent, to: RunState): void;
}

type Outcome = Extract<RunEvent, "finish" | "fail">;

export class RunController {
  private runState: RunState = "idle";
  /** The run whose events drive the panel now; queued runs follow it. */
  private current: FollowState | undefined;
  private readonly queue: FollowState[] = [];
  /** A reply whose stream was lost and could not be rejoined: Retry rejoins it. */
  private pendingRejoin: FollowState | undefined;
  /** A message that could not be sent: Retry sends it again. */
  private lastFailedSend: { text: string; assistantId?: string; attachments?: Attachment[] } | undefined;
  private lastAssistant: string | undefined;
  private shown: RunView = { phase: "idle" };
  private disposed = false;
  private readonly follower: RunFollower;

  constructor(
    private readonly deps: RunControllerDeps,
    private readonly listener: RunListener,
  ) {
    this.follower = new RunFollower({
      onPart: (follow, part) => this.applyPart(follow, part),
      onRejoin: (follow) => {
        if (follow === this.current && this.runState === "streaming") this.move("drop");
      },
      isRejoinable: (error) => this.isRejoinable(error, l10n.t("rejoin the reply")),
      isDisposed: () => this.disposed,
      idleTimeoutMs: deps.streamIdleTimeoutMs,
    });
  }

  get state(): RunState {
    return this.runState;
  }

  get view(): RunView {
    return this.shown;
  }

  /** A run is under way: edits, regenerations and branch switches wait. */
  get active(): boolean {
    return this.current !== undefined;
  }

  /** A run is under way or queued: a new message needs a multitask strategy. */
  get busy(): boolean {
    return this.current !== undefined || this.queue.length > 0;
  }

  /** Starts a run and follows its stream; a dropped connection rejoins the run where it left off. */
  async start(request: RunRequest): Promise<void> {
    const { assistantId, human } = request;
    this.listener.error(undefined);
    this.lastFailedSend = undefined;
    const follow: FollowState = { assistantId, human, abort: new AbortController() };
    if (this.current) this.current.superseded = true;
    this.move(this.current ? "supersede" : "start");
    this.current = follow;
    this.publish();
    let outcome: Outcome = "finish";
    try {
      const { gateway } = this.deps;
      const threadId = await this.deps.ensureThread(request.title || human?.content || l10n.t("New thread"));
      const config = await this.deps.configFor(threadId, assistantId);
      const { input, command, multitaskStrategy, checkpointId } = request;
      const interrupts = this.deps.runInterrupts?.(threadId);
      const extraModes = (follow.modes = this.deps.streamModes?.(threadId));
      await this.follower.attempt(follow, (signal) =>
        gateway.streamRun(threadId, assistantId, { input, command, config, multitaskStrategy, checkpointId, ...interrupts }, { signal, extraModes, onRunCreated: (runId) => this.runCreated(follow, runId) }),
      );
    } catch (error) {
      outcome = await this.recover(error, follow, request);
    } finally {
      this.end(follow, outcome);
    }
    // Settle against the server only when nothing else streams into the model.
    if (this.current || !this.deps.threadId()) return;
    if (this.queue.length) await this.drainQueue();
    else await this.listener.settle(follow.stopped ? follow.runId : undefined);
  }

  /**
   * Double-texting with "enqueue" (or "reject", which the server refuses while a run is active): the run
   * is created now and followed when the current one ends; its message shows as pending until then.
   */
  async enqueue(request: RunRequest, strategy: "enqueue" | "reject"): Promise<void> {
    const { assistantId, human } = request;
    try {
      const threadId = await this.deps.ensureThread(request.title ?? human?.content ?? "");
      const config = await this.deps.configFor(threadId, assistantId);
      const modes = this.deps.streamModes?.(threadId);
      const run = await this.deps.gateway.createRun(threadId, assistantId, { input: request.input, config, multitaskStrategy: strategy }, modes);
      // Known now: the queued run's own events and checkpoints may name the run before it.
      this.listener.runKnown(run.run_id, assistantId);
      this.queue.push({ assistantId, runId: run.run_id, human, modes, abort: new AbortController() });
      if (!this.current) await this.drainQueue();
    } catch (error) {
      await this.recover(error, { assistantId, human, abort: new AbortController() }, request);
    }
  }

  /** Rejoins a run that was streaming when the panel closed or the window reloaded. */
  async rejoinActive(runId: string, complete: ReadonlySet<string>): Promise<void> {
    // Messages already in the loaded state are complete; the replay only adds what is still streaming.
    const threadId = this.deps.threadId();
    const modes = threadId ? this.deps.streamModes?.(threadId) : undefined;
    await this.rejoin({ runId, skip: new Set(complete), modes, abort: new AbortController() });
  }

  /**
   * Retry of the error banner, when the error was a run's: rejoins the run whose stream was lost, or
   * sends the failed message again, with its attached files, through `resend`. False when there is nothing of a run to retry.
   */
  async retry(resend: (text: string, assistantId: string | undefined, attachments: Attachment[]) => Promise<void>): Promise<boolean> {
    const failed = this.lastFailedSend;
    const cutOff = this.pendingRejoin;
    this.pendingRejoin = undefined;
    this.listener.error(undefined);
    if (cutOff?.runId) {
      // Continues after the last event this panel applied: nothing shown is repeated, nothing missed.
      await this.rejoin({ ...cutOff, abort: new AbortController(), stopped: false, superseded: false });
      return true;
    }
    if (failed) {
      await resend(failed.text, failed.assistantId, failed.attachments ?? []);
      return true;
    }
    return false;
  }

  /** Stops the current run on the server, not just the local stream. */
  async stop(): Promise<void> {
    const follow = this.current;
    if (!follow || this.runState === "stopping") return;
    const threadId = this.deps.threadId();
    follow.stopped = true;
    this.move("stop");
    this.publish();
    try {
      if (threadId && follow.runId) await this.deps.gateway.cancelRun(threadId, follow.runId);
    } catch (error) {
      this.listener.error(this.deps.describe(error, { operation: l10n.t("stop the run") }));
    } finally {
      follow.abort.abort();
    }
  }

  /** The thread's state says whether it waits at an interrupt (after a load or a settle). */
  noteInterrupt(pending: boolean): void {
    if (pending && this.runState === "idle") this.move("interrupt");
    else if (!pending && this.runState === "interrupted") this.move("clear");
  }

  /** The thread is loaded anew: a failure shown before no longer stands. */
  clearFailure(): void {
    if (this.runState === "failed") this.move("clear");
  }

  dispose(): void {
    this.disposed = true;
    this.current?.abort.abort();
    for (const queued of this.queue) queued.abort.abort();
  }

  /** Follows a run already going on the server: checks it still runs, then joins its stream. */
  private async rejoin(follow: FollowState): Promise<void> {
    const threadId = this.deps.threadId();
    if (!threadId || !follow.runId || this.current) return;
    this.current = follow;
    this.move("rejoin");
    let outcome: Outcome = "finish";
    try {
      // Only a 404 says the run is gone; any other failure to read it leaves it worth rejoining.
      const run = await this.deps.gateway.getRun(threadId, follow.runId);
      if (run && (run.status === "pending" || run.status === "running")) {
        follow.assistantId ??= run.assistant_id;
        this.listener.runKnown(run.run_id, follow.assistantId);
        this.publish();
        await this.follower.rejoin(follow, this.deps.gateway, threadId);
      }
    } catch (error) {
      if (!follow.stopped) {
        this.pendingRejoin = follow;
        this.listener.error(this.deps.describe(error, { operation: l10n.t("rejoin the running reply") }));
        outcome = "fail";
      }
    } finally {
      this.end(follow, outcome);
    }
    if (this.current) return;
    if (this.queue.length) await this.drainQueue();
    else await this.listener.settle(undefined);
  }

  /** Follows queued runs one after the other, then settles the thread once nothing is running. */
  private async drainQueue(): Promise<void> {
    while (!this.current && this.queue.length && !this.disposed) {
      const follow = this.queue.shift()!;
      this.current = follow;
      this.move("next");
      this.publish();
      let outcome: Outcome = "finish";
      try {
        await this.follower.rejoin(follow, this.deps.gateway, this.deps.threadId());
      } catch (error) {
        if (!follow.stopped) {
          this.listener.error(this.deps.describe(error, { operation: l10n.t("follow the queued reply") }));
          outcome = "fail";
        }
      } finally {
        this.end(follow, outcome);
      }
    }
    if (!this.current) await this.listener.settle(undefined);
  }

  private runCreated(follow: FollowState, runId: string): void {
    if (follow.runId) return;
    follow.runId = runId;
    if (follow.assistantId) this.listener.runKnown(runId, follow.assistantId);
    const threadId = this.deps.threadId();
    if (threadId) this.deps.rememberRun(threadId, runId);
    if (follow !== this.current) return;
    if (this.runState === "starting") this.move("created");
    this.publish();
  }

  private applyPart(follow: FollowState, part: StreamPart): void {
    if (part.event === "metadata") {
      const runId = stringOf((part.data as { run_id?: unknown } | null)?.run_id);
      if (runId) this.runCreated(follow, runId);
    }
    if (follow === this.current && this.runState === "rejoining") this.move("resumed");
    this.publish();
    this.listener.applied(follow, part);
  }

  private isRejoinable(error: unknown, operation: string): boolean {
    return REJOINABLE.has(this.deps.describe(error, { operation }).kind);
  }

  /** After a start or its stream failed: what the user is told, and whether the run counts as failed. */
  private async recover(error: unknown, follow: FollowState, request: RunRequest): Promise<Outcome> {
    // The user stopped the run, or a newer message interrupted it on purpose: not an error.
    if (follow.stopped || follow.superseded) return "finish";
    const describe = (error: unknown, context: ErrorContext) => this.deps.describe(error, context);
    if (!follow.runId) {
      this.listener.restoreDraft(follow.human, request.draft, request.draftAttachments);
      if (request.draft !== undefined) this.lastFailedSend = { text: request.draft, assistantId: request.assistantId, attachments: request.draftAttachments };
      const operation = request.command ? l10n.t("resume the run") : l10n.t("send the message");
      this.listener.error(describe(error, { operation, subject: l10n.t("Thread {0}", shortId(this.deps.threadId())) }));
      return "fail";
    }
    if (!this.isRejoinable(error, l10n.t("finish the reply"))) {
      this.listener.error(describe(error, { operation: l10n.t("finish the reply") }));
      return "fail";
    }
    try {
      await this.follower.rejoin(follow, this.deps.gateway, this.deps.threadId());
      return "finish";
    } catch (rejoinError) {
      if (follow.stopped || follow.superseded) return "finish";
      this.pendingRejoin = follow;
      this.listener.error(describe(rejoinError, { operation: l10n.t("reconnect to the reply") }));
      return "fail";
    }
  }

  /** The current run ended: the state moves on, and the view with it unless a queued run takes over. */
  private end(follow: FollowState, outcome: Outcome): void {
    if (follow !== this.current) return;
    this.current = undefined;
    this.move(outcome);
    this.lastAssistant = follow.assistantId ?? this.lastAssistant;
    const threadId = this.deps.threadId();
    if (follow.assistantId && threadId) this.listener.runEnded(follow.assistantId, follow.stopped ? "stopped" : undefined);
    // A closed panel leaves its run going on the server: keep it, so reopening the thread rejoins it.
    if (threadId && !this.pendingRejoin && !this.disposed) this.deps.rememberRun(threadId, undefined);
    // A queued run takes over at once: the panel never sees the thread idle in between.
    if (!this.queue.length || this.disposed) this.publish();
  }

  private move(event: RunEvent): void {
    const from = this.runState;
    this.runState = transition(from, event);
    this.listener.moved?.(from, event, this.runState);
  }

  /** Tells the session the run view when it differs from what it was last told. */
  private publish(): void {
    const follow = this.current;
    const phase = phaseOf(this.runState);
    const view: RunView = isActive(this.runState) && follow ? { phase, assistantId: follow.assistantId } : { phase, assistantId: this.lastAssistant };
    if (follow?.runId && phase !== "starting" && phase !== "idle") view.runId = follow.runId;
    const same = view.phase === this.shown.phase && view.runId === this.shown.runId && view.assistantId === this.shown.assistantId;
    if (same) return;
    this.shown = view;
    this.listener.viewChanged(view);
  }
}

export type { FollowState, StreamPart };
