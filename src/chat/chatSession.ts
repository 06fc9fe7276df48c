/**
 * The host side of one chat panel: loads a thread, runs messages against the assistant the user picked
 * for each one, turns the SDK stream into protocol deltas, and keeps the truth while the panel is hidden.
 * Free of `vscode`, so the integration tests drive exactly this against a real server.
 */
import { randomUUID } from "node:crypto";
import type { DeploymentGateway } from "../deployment/gateway";
import type { MultitaskStrategy, RunOutcome } from "../deployment/types";
import type { AssistantDirectory } from "../state/assistantDirectory";
import { toErrorView, type ErrorContext, type UserFacingError } from "../deployment/errorMapping";
import type { AssistantOption, ChatMessageView, ErrorView, HostToWebview, InterruptView, RunView, ThreadHeader } from "../protocol/chatProtocol";
import { BranchNavigator } from "./branchNavigator";
import { DeltaBatcher } from "./deltaBatcher";
import { pendingInterrupt } from "./interrupts";
import { toMessageViews } from "./messageViews";
import { runConfigFor } from "./runConfig";
import { RunFollower, type FollowState, type StreamPart } from "./runFollower";
import { applyMessageEvent } from "./streamedMessages";
import { ThreadModel } from "./threadModel";
import { shortId, shorten, titleOf } from "../common/threadText";
import { messagesOfValues, stringOf } from "../common/wireMessages";

export interface ChatSessionDeps {
  gateway: DeploymentGateway;
  describe(error: unknown, context: ErrorContext): UserFacingError;
  assistants: AssistantDirectory;
  /** Delivers to the webview when it exists; the host keeps the truth either way. */
  post(message: HostToWebview): void;
  /** The last assistant used on a thread, remembered across panels and reloads. */
  lastAssistant(threadId: string | undefined): string | undefined;
  rememberAssistant(threadId: string | undefined, assistantId: string): void;
  /** The run streaming on a thread, kept so a reopened panel or reloaded window rejoins it. */
  activeRun?(threadId: string): string | undefined;
  rememberRun(threadId: string, runId: string | undefined): void;
  /** Every stream event of a run (graph views highlight the node that runs), and its end. */
  onRunEvent?(assistantId: string, threadId: string, part: { event: string; data: unknown }): void;
  onRunEnd?(assistantId: string, threadId: string, outcome?: RunOutcome): void;
  /** How long a stream may stay silent before it is treated as stalled and rejoined. */
  streamIdleTimeoutMs?: number;
  /** Sending while a run is active: how the server should handle it; undefined cancels the send. */
  multitaskStrategy?(): Promise<MultitaskStrategy | undefined>;
  /** Thread created, renamed, or its status changed: the tree follows. */
  onThreadChanged?(thread: ThreadHeader): void;
}

/** Errors after which the run is probably still going and worth rejoining. */
const REJOINABLE = new Set(["streamDropped", "unreachable", "timeout", "server"]);

interface RunRequest {
  assistantId: string;
  /** `null` re-runs from `checkpointId` without new input (regenerate). */
  input?: Record<string, unknown> | null;
  /** Fork from this checkpoint instead of the thread's head. */
  checkpointId?: string;
  command?: { resume: unknown };
  /** The optimistic human message of a send. */
  human?: ChatMessageView;
  /** The composer text to give back if the run cannot start. */
  draft?: string;
  multitaskStrategy?: MultitaskStrategy;
}

export type { MultitaskStrategy };

export class ChatSession {
  readonly model = new ThreadModel();
  private header: ThreadHeader;
  private selected: string | undefined;
  private runView: RunView = { phase: "idle" };
  private errorView: ErrorView | undefined;
  private loading = false;
  /** The run whose events drive the panel now; queued runs follow it. */
  private current: FollowState | undefined;
  private readonly queue: FollowState[] = [];
  private lastFailedSend: { text: string; assistantId?: string } | undefined;
  private disposed = false;
  private assistantOptionsCache: AssistantOption[] = [];
  private pending: InterruptView | undefined;
  /** Checkpoint history behind attribution and branches. */
  private readonly branches = new BranchNavigator();
  /** Replies the webview asked authors for, and whether a read for them is under way. */
  private readonly authorsWanted = new Set<string>();
  private attributing = false;
  private readonly follower: RunFollower;
  /** A reply whose stream was lost and could not be rejoined yet: Retry rejoins it. */
  private pendingRejoin: FollowState | undefined;
  /** Everything posted goes through it, so a burst of tokens crosses to the webview as a few deltas. */
  private readonly outgoing: DeltaBatcher;
  private readonly assistantRef = (id: string) => this.deps.assistants.ref(id);

  constructor(
    private readonly deps: ChatSessionDeps,
    threadId?: string,
    title?: string,
  ) {
    this.header = { threadId, title: title ?? (threadId ? shortId(threadId) : "New Thread") };
    this.selected = deps.lastAssistant(threadId);
    this.outgoing = new DeltaBatcher((message) => this.deps.post(message));
    this.follower = new RunFollower({
      onPart: (follow, part) => this.applyPart(follow, part),
      onRejoin: (follow) => {
        if (follow === this.current) this.setRun({ phase: "streaming", runId: follow.runId, assistantId: follow.assistantId });
      },
      isRejoinable: (error) => this.isRejoinable(error, "rejoin the reply"),
      isDisposed: () => this.disposed,
      idleTimeoutMs: deps.streamIdleTimeoutMs,
    });
  }

  get threadId(): string | undefined {
    return this.header.threadId;
  }

  get thread(): ThreadHeader {
    return this.header;
  }

  get run(): RunView {
    return this.runView;
  }

  get selectedAssistantId(): string | undefined {
    return this.selected;
  }

  get error(): ErrorView | undefined {
    return this.errorView;
  }

  snapshot(): HostToWebview {
    // Deltas still pending are in the model already: post them first, never after the snapshot.
    this.outgoing.flush();
    return {
      type: "snapshot",
      thread: this.header,
      messages: [...this.model.messages],
      assistants: this.assistantOptionsCache,
      selectedAssistantId: this.selected,
      run: this.runView,
      error: this.errorView,
      loading: this.loading,
      interrupt: this.pending,
    };
  }

  /** Loads assistants and the thread's messages; attribution follows from history without blocking. */
  async load(): Promise<void> {
    this.loading = true;
    this.setError(undefined);
    this.post(this.snapshot());
    try {
      const { gateway } = this.deps;
      const threadId = this.header.threadId;
      // One round trip: the assistants, the thread's summary and its state are fetched together.
      const requests = [
        this.deps.assistants.options(),
        threadId ? gateway.getThread(threadId) : undefined,
        threadId ? gateway.getState(threadId) : undefined,
      ] as const;
      // A failure is reported once every request has ended (retries included): a Retry must not join a
      // request of this failed load, such as the assistant list it shares with other panels.
      await Promise.allSettled(requests);
      const [options, thread, state] = await Promise.all(requests);
      this.assistantOptionsCache = options;
      if (threadId && state) {
        const title = titleOf(thread?.metadata) ?? this.header.title;
        this.header = { threadId, title, status: thread?.status };
        this.model.reset(toMessageViews(messagesOfValues(state.values)));
        this.selected ??= stringOf(thread?.metadata?.assistant_id);
        this.pending = pendingInterrupt(state, stringOf(thread?.metadata?.assistant_id));
      }
      this.ensureSelection();
    } catch (error) {
      this.setError(this.deps.describe(error, { operation: "load the thread", subject: `Thread ${shortId(this.header.threadId)}` }));
    } finally {
      this.loading = false;
      this.post(this.snapshot());
    }
    if (this.header.threadId && !this.errorView) {
      await this.loadHistory();
      const active = this.deps.activeRun?.(this.header.threadId);
      if (active) await this.rejoinActiveRun(active, undefined);
    }
  }

  /**
   * Reads checkpoint history for what the state alone does not say: who wrote each AI reply (survives
   * reloads, unlike anything kept locally) and which messages have sibling branches.
   */
  async loadHistory(): Promise<void> {
    const threadId = this.header.threadId;
    if (!threadId) return;
    try {
      const client = this.deps.gateway;
      const unattributed = (attributed: ReadonlySet<string>) => this.model.messages.some((m) => this.lacksAuthor(m.id) && !attributed.has(m.id));
      const authorship = await this.branches.load(client, threadId, unattributed);
      const update = this.model.setAuthors(new Map([...authorship].map(([id, assistantId]) => [id, this.deps.assistants.ref(assistantId)])));
      if (update) this.post(update);
      this.postBranches();
    } catch (error) {
      // A nicety on top of a loaded thread: log, do not block the panel.
      this.deps.describe(error, { operation: "load the thread's history" });
    }
  }

  /**
   * Earlier replies the user scrolled to have no author: reads further back in history for them (a
   * long thread's first read stops after a few pages). Requests that arrive meanwhile join the next read.
   */
  async attributeEarlier(ids: string[]): Promise<void> {
    for (const id of ids) if (this.lacksAuthor(id)) this.authorsWanted.add(id);
    const threadId = this.header.threadId;
    if (this.attributing || !threadId) return;
    this.attributing = true;
    try {
      const client = this.deps.gateway;
      // Each read goes some pages further back; until the wanted replies have authors or history ends.
      while (this.authorsWanted.size && !this.branches.exhausted) {
        const wanted = [...this.authorsWanted];
        this.authorsWanted.clear();
        const authorship = await this.branches.loadOlder(client, threadId, (attributed) => wanted.some((id) => this.lacksAuthor(id) && !attributed.has(id)));
        const update = this.model.setAuthors(new Map([...authorship].map(([id, assistantId]) => [id, this.deps.assistants.ref(assistantId)])));
        if (update) this.post(update);
        for (const id of wanted) if (this.lacksAuthor(id)) this.authorsWanted.add(id);
      }
      this.authorsWanted.clear();
      this.postBranches();
    } catch (error) {
      // A nicety on top of a loaded thread: log, do not block the panel.
      this.deps.describe(error, { operation: "load the thread's history" });
    } finally {
      this.attributing = false;
    }
  }

  private lacksAuthor(id: string): boolean {
    const message = this.model.get(id);
    return message?.role === "ai" && !message.author;
  }

  /** Shows the previous or next sibling of a message: the thread as it is on that branch. */
  async switchBranch(messageId: string, direction: -1 | 1): Promise<void> {
    if (this.current) return;
    await this.freshHistory();
    const head = this.branches.sibling(this.model.messages.map((m) => m.id), messageId, direction);
    if (!head) return;
    const known = new Map(this.model.messages.map((m) => [m.id, m]));
    this.model.reset(toMessageViews(head.messages, (id) => ({ author: known.get(id)?.author })));
    this.branches.view(head.checkpointId);
    this.post(this.snapshot());
    await this.loadHistory();
  }

  /** Shows the thread as it was at a checkpoint; the next message continues from there, as a fork. */
  async openAtCheckpoint(checkpointId: string): Promise<void> {
    const threadId = this.header.threadId;
    if (!threadId || this.current) return;
    try {
      const state = await this.deps.gateway.getState(threadId, { checkpointId });
      const known = new Map(this.model.messages.map((m) => [m.id, m]));
      this.model.reset(toMessageViews(messagesOfValues(state.values), (id) => ({ author: known.get(id)?.author })));
      this.branches.view(checkpointId);
      this.post(this.snapshot());
      await this.loadHistory();
    } catch (error) {
      this.setError(this.deps.describe(error, { operation: "open the checkpoint", subject: `Checkpoint ${shortId(checkpointId)}` }));
    }
  }

  /** Replaces a human message with new text, as a new branch from the checkpoint before it. */
  async edit(messageId: string, text: string, assistantId = this.selected): Promise<void> {
    const body = text.trim();
    const position = this.model.messages.findIndex((m) => m.id === messageId);
    if (!body || position < 0 || this.current || !assistantId) return;
    await this.freshHistory();
    const checkpointId = this.branches.forkPoint(this.model.messages.map((m) => m.id), position, false);
    if (!checkpointId && position > 0) {
      this.setError({ kind: "notFound", message: "This message is older than the history the panel loaded; it cannot be edited.", actions: [], detail: "no fork point" });
      return;
    }
    this.truncate(position);
    const human: ChatMessageView = { id: randomUUID(), role: "human", content: body, toolCalls: [], pending: true };
    this.post(this.model.upsert(human));
    await this.runStream({ assistantId, input: { messages: [{ type: "human", content: body, id: human.id }] }, human, draft: text, checkpointId });
  }

  /** Asks again for an AI reply (with the same or another assistant), as a new branch. */
  async regenerate(messageId: string, assistantId = this.selected): Promise<void> {
    const position = this.model.messages.findIndex((m) => m.id === messageId);
    if (position < 0 || this.current || !assistantId) return;
    await this.freshHistory();
    const checkpointId = this.branches.forkPoint(this.model.messages.map((m) => m.id), position, true);
    if (!checkpointId) {
      this.setError({ kind: "notFound", message: "No checkpoint before this reply was found to regenerate from.", actions: [], detail: "no fork point" });
      return;
    }
    this.truncate(position);
    await this.runStream({ assistantId, input: null, checkpointId });
  }

  private async freshHistory(): Promise<void> {
    if (this.branches.stale) await this.loadHistory();
  }

  private truncate(position: number): void {
    this.model.reset(this.model.messages.slice(0, position));
    this.post(this.snapshot());
  }

  private postBranches(): void {
    this.post({ type: "branches", branches: this.branches.positions(this.model.messages) });
  }

  async refreshAssistants(): Promise<void> {
    this.deps.assistants.invalidate();
    await this.loadAssistants().catch((error) => this.setError(this.deps.describe(error, { operation: "list assistants" })));
  }

  /** The thread was renamed elsewhere (the tree). */
  applyTitle(title: string): void {
    this.updateHeader({ title });
  }

  selectAssistant(assistantId: string): void {
    this.selected = assistantId;
    this.deps.rememberAssistant(this.header.threadId, assistantId);
    this.post({ type: "assistants", assistants: this.assistantOptionsCache, selectedAssistantId: assistantId });
  }

  /**
   * Sends one message to the chosen assistant on this thread. The user's text is never lost: if the
   * run cannot start, the optimistic message is withdrawn and the composer gets the text back.
   */
  async send(text: string, assistantId = this.selected): Promise<void> {
    const body = text.trim();
    if (!body) return;
    if (!assistantId) {
      this.post({ type: "restoreDraft", text });
      this.setError({ kind: "badRequest", message: "Choose an assistant before sending.", actions: ["retry"], detail: "no assistant" });
      return;
    }
    if (assistantId !== this.selected) this.selectAssistant(assistantId);
    else this.deps.rememberAssistant(this.header.threadId, assistantId);
    const busy = this.current !== undefined || this.queue.length > 0;
    const strategy = busy ? await this.deps.multitaskStrategy?.() : undefined;
    if (busy && !strategy) {
      this.post({ type: "restoreDraft", text });
      return;
    }
    const human: ChatMessageView = { id: randomUUID(), role: "human", content: body, toolCalls: [], pending: true };
    this.post(this.model.upsert(human));
    const request: RunRequest = { assistantId, input: { messages: [{ type: "human", content: body, id: human.id }] }, human, draft: text };
    if (strategy === "enqueue" || strategy === "reject") return this.enqueue(request, strategy);
    if (strategy && this.current) this.current.superseded = true;
    await this.runStream({ ...request, multitaskStrategy: strategy });
  }

  /**
   * Double-texting with "enqueue" (or "reject", which the server refuses while a run is active): the run
   * is created now and followed when the current one ends; its message shows as pending until then.
   */
  private async enqueue(request: RunRequest, strategy: "enqueue" | "reject"): Promise<void> {
    try {
      const { gateway } = this.deps;
      const threadId = await this.ensureThread(request.human?.content ?? "");
      const config = await runConfigFor(gateway, threadId, this.deps.assistants.get(request.assistantId));
      const run = await gateway.createRun(threadId, request.assistantId, { input: request.input, config, multitaskStrategy: strategy });
      this.queue.push({ assistantId: request.assistantId, runId: run.run_id, human: request.human, abort: new AbortController() });
      if (!this.current) await this.drainQueue();
    } catch (error) {
      await this.recover(error, { assistantId: request.assistantId, human: request.human, abort: new AbortController() }, request);
    }
  }

  /** Follows queued runs one after the other, then settles the thread once nothing is running. */
  private async drainQueue(): Promise<void> {
    while (!this.current && this.queue.length && !this.disposed) {
      const follow = this.queue.shift()!;
      this.current = follow;
      this.setRun({ phase: "streaming", runId: follow.runId, assistantId: follow.assistantId });
      try {
        await this.follower.rejoin(follow, this.deps.gateway, this.header.threadId);
      } catch (error) {
        if (!follow.stopped) this.setError(this.deps.describe(error, { operation: "follow the queued reply" }));
      } finally {
        this.finishRun(follow);
      }
    }
    if (!this.current) await this.reconcile();
  }

  /** Answers the pending interrupt, continuing the same run's checkpoint with the chosen assistant. */
  async resume(response: unknown, assistantId = this.pending?.assistantId ?? this.selected): Promise<void> {
    if (!this.pending || this.current || !assistantId) return;
    this.setInterrupt(undefined);
    await this.runStream({ assistantId, command: { resume: response } });
  }

  get interrupt(): InterruptView | undefined {
    return this.pending;
  }

  /** Starts a run and follows its stream; a dropped connection rejoins the run where it left off. */
  private async runStream(request: RunRequest): Promise<void> {
    const { assistantId, human } = request;
    this.setError(undefined);
    this.lastFailedSend = undefined;
    const follow: FollowState = { assistantId, human, abort: new AbortController() };
    this.current = follow;
    // A run continues the branch on screen.
    const forkFrom = this.branches.startRun(request.checkpointId);
    this.setRun({ phase: "starting", assistantId });
    try {
      const { gateway } = this.deps;
      const threadId = await this.ensureThread(human?.content ?? "New thread");
      const config = await runConfigFor(gateway, threadId, this.deps.assistants.get(assistantId));
      await this.follower.attempt(follow, (signal) =>
        gateway.streamRun(
          threadId,
          assistantId,
          { input: request.input, command: request.command, config, multitaskStrategy: request.multitaskStrategy, checkpointId: forkFrom },
          { signal, onRunCreated: (runId) => this.runCreated(follow, runId) },
        ),
      );
    } catch (error) {
      await this.recover(error, follow, request);
    } finally {
      this.finishRun(follow);
    }
    // Settle against the server only when nothing else streams into the model.
    if (this.current || !this.header.threadId) return;
    // A stopped run's partial reply is not saved by the server; it stays on screen until the panel reloads.
    const partial = follow.stopped ? this.model.messages.filter((m) => m.role === "ai" && m.runId && m.runId === follow.runId) : [];
    if (this.queue.length) await this.drainQueue();
    else await this.reconcile(partial);
  }

  /** Rejoins a run that was streaming when the panel closed or the window reloaded. */
  private async rejoinActiveRun(runId: string, assistantId: string | undefined): Promise<void> {
    const threadId = this.header.threadId;
    if (!threadId || this.current) return;
    const run = await this.deps.gateway.getRun(threadId, runId);
    if (!run || (run.status !== "pending" && run.status !== "running")) {
      // Finished (or gone with the server's state): show the thread as the server has it now.
      this.deps.rememberRun(threadId, undefined);
      await this.reconcile();
      return;
    }
    // Messages already in the loaded state are complete; the replay only adds what is still streaming.
    const follow: FollowState = {
      assistantId: assistantId ?? run.assistant_id,
      runId,
      skip: new Set(this.model.messages.map((m) => m.id)),
      abort: new AbortController(),
    };
    this.current = follow;
    this.setRun({ phase: "streaming", runId, assistantId: follow.assistantId });
    try {
      await this.follower.rejoin(follow, this.deps.gateway, threadId);
    } catch (error) {
      if (!follow.stopped) this.setError(this.deps.describe(error, { operation: "rejoin the running reply" }));
    } finally {
      this.finishRun(follow);
    }
    await this.reconcile();
  }

  private runCreated(follow: FollowState, runId: string): void {
    if (follow.runId) return;
    follow.runId = runId;
    if (follow.assistantId) this.branches.knowRun(runId, follow.assistantId);
    if (this.header.threadId) this.deps.rememberRun(this.header.threadId, runId);
    if (follow === this.current) this.setRun({ phase: "streaming", runId, assistantId: follow.assistantId });
  }

  /** One event of the followed run: the graph views hear all; the panel applies message chunks. */
  private applyPart(follow: FollowState, part: StreamPart): void {
    if (follow.assistantId && this.header.threadId) this.deps.onRunEvent?.(follow.assistantId, this.header.threadId, part);
    if (part.event === "metadata") {
      const runId = stringOf((part.data as { run_id?: unknown })?.run_id);
      if (runId) this.runCreated(follow, runId);
    }
    if (follow.human?.pending) {
      follow.human.pending = false;
      this.post(this.model.upsert(follow.human));
    }
    if (part.event !== "messages") return;
    // The run this stream follows, not the one on display: a queued run streams while another is shown.
    const context = { skip: follow.skip, assistantId: follow.assistantId ?? this.runView.assistantId, runId: follow.runId ?? this.runView.runId, ref: this.assistantRef };
    for (const update of applyMessageEvent(this.model, part.data, context)) this.post(update);
  }

  private isRejoinable(error: unknown, operation: string): boolean {
    return REJOINABLE.has(this.deps.describe(error, { operation }).kind);
  }

  private async recover(error: unknown, follow: FollowState, request: RunRequest): Promise<void> {
    // The user stopped the run, or a newer message interrupted it on purpose: not an error.
    if (follow.stopped || follow.superseded) return;
    if (!follow.runId) {
      if (follow.human) {
        const removal = this.model.remove(follow.human.id);
        if (removal) this.post(removal);
      }
      if (request.draft !== undefined) {
        this.post({ type: "restoreDraft", text: request.draft });
        this.lastFailedSend = { text: request.draft, assistantId: request.assistantId };
      }
      this.setError(this.deps.describe(error, { operation: request.command ? "resume the run" : "send the message", subject: `Thread ${shortId(this.header.threadId)}` }));
      return;
    }
    if (!this.isRejoinable(error, "finish the reply")) {
      this.setError(this.deps.describe(error, { operation: "finish the reply" }));
      return;
    }
    try {
      await this.follower.rejoin(follow, this.deps.gateway, this.header.threadId);
    } catch (rejoinError) {
      if (follow.stopped || follow.superseded) return;
      this.pendingRejoin = follow;
      this.setError(this.deps.describe(rejoinError, { operation: "reconnect to the reply" }));
    }
  }

  private finishRun(follow: FollowState): void {
    if (follow !== this.current) return;
    this.current = undefined;
    if (follow.assistantId && this.header.threadId) this.deps.onRunEnd?.(follow.assistantId, this.header.threadId, follow.stopped ? "stopped" : undefined);
    // A closed panel leaves its run going on the server: keep it, so reopening the thread rejoins it.
    if (this.header.threadId && !this.pendingRejoin && !this.disposed) this.deps.rememberRun(this.header.threadId, undefined);
    this.setRun({ phase: this.queue.length ? "streaming" : "idle", assistantId: follow.assistantId });
  }

  /** Stops the streaming run on the server, not just the local stream. */
  async stop(): Promise<void> {
    const follow = this.current;
    const threadId = this.header.threadId;
    if (!follow) return;
    follow.stopped = true;
    this.setRun({ ...this.runView, phase: "stopping" });
    try {
      if (threadId && follow.runId) {
        await this.deps.gateway.cancelRun(threadId, follow.runId);
      }
    } catch (error) {
      this.setError(this.deps.describe(error, { operation: "stop the run" }));
    } finally {
      follow.abort.abort();
    }
  }

  /** The action buttons of the error banner. */
  async retry(): Promise<void> {
    const failed = this.lastFailedSend;
    const cutOff = this.pendingRejoin;
    this.pendingRejoin = undefined;
    this.setError(undefined);
    if (cutOff?.runId) {
      await this.rejoinActiveRun(cutOff.runId, cutOff.assistantId);
    } else if (failed) {
      this.post({ type: "restoreDraft", text: "" });
      await this.send(failed.text, failed.assistantId);
    } else {
      await this.load();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.outgoing.discard();
    this.current?.abort.abort();
    for (const queued of this.queue) queued.abort.abort();
  }

  /** Replaces local guesses with the server's state once a run ends (ids, order, final content). */
  private async reconcile(keep: ChatMessageView[] = []): Promise<void> {
    const threadId = this.header.threadId;
    if (!threadId || this.disposed) return;
    try {
      const { gateway } = this.deps;
      const [thread, state] = await Promise.all([gateway.getThread(threadId), gateway.getState(threadId)]);
      const known = new Map(this.model.messages.map((m) => [m.id, m]));
      const views = toMessageViews(messagesOfValues(state.values), (id) => {
        const existing = known.get(id);
        return { author: existing?.author, runId: existing?.runId };
      });
      views.push(...keep.filter((kept) => !views.some((v) => v.id === kept.id)));
      const sameOrder =
        views.length === this.model.messages.length && views.every((v, i) => v.id === this.model.messages[i].id);
      if (sameOrder) {
        for (const view of views) {
          if (!sameView(view, known.get(view.id))) this.post(this.model.upsert(view));
        }
      } else {
        this.model.reset(views);
        this.post(this.snapshot());
      }
      this.updateHeader({ status: thread?.status, title: titleOf(thread?.metadata) ?? this.header.title });
      this.setInterrupt(pendingInterrupt(state, stringOf(thread?.metadata?.assistant_id)));
      // History is the costly read of a long thread: after a plain run the stream already said who wrote
      // what and no branch appeared, so it waits until an edit, regenerate or branch switch needs it.
      const needsHistory = this.branches.mustReload || views.some((v) => v.role === "ai" && !v.author);
      if (needsHistory) await this.loadHistory();
      else this.branches.markStale();
    } catch (error) {
      this.setError(this.deps.describe(error, { operation: "refresh the thread", subject: `Thread ${shortId(threadId)}` }));
    }
  }

  private async ensureThread(firstMessage: string): Promise<string> {
    if (this.header.threadId) return this.header.threadId;
    const title = shorten(firstMessage, 60);
    const thread = await this.deps.gateway.createThread({ title });
    this.deps.rememberAssistant(thread.thread_id, this.selected ?? "");
    this.updateHeader({ threadId: thread.thread_id, title, status: thread.status });
    return thread.thread_id;
  }

  private async loadAssistants(): Promise<void> {
    this.assistantOptionsCache = await this.deps.assistants.options();
    this.ensureSelection();
    this.post({ type: "assistants", assistants: this.assistantOptionsCache, selectedAssistantId: this.selected });
  }

  /** The last used assistant if it still exists, else the default for new threads, else the first. */
  private ensureSelection(): void {
    const options = this.assistantOptionsCache;
    if (!options.length || (this.selected && options.some((o) => o.id === this.selected))) return;
    const fallback = this.deps.lastAssistant(undefined);
    this.selected = options.some((o) => o.id === fallback) ? fallback : options[0].id;
  }

  private updateHeader(change: Partial<ThreadHeader>): void {
    this.header = { ...this.header, ...change };
    this.post({ type: "thread", thread: this.header });
    this.deps.onThreadChanged?.(this.header);
  }

  private setRun(run: RunView): void {
    this.runView = run;
    this.post({ type: "run", run });
    // Busy while a run streams; the server's own status comes back with the reconcile after it.
    if (run.phase !== "idle" && this.header.threadId && this.header.status !== "busy") this.updateHeader({ status: "busy" });
  }

  private setInterrupt(interrupt: InterruptView | undefined): void {
    if (!interrupt && !this.pending) return;
    this.pending = interrupt;
    this.post({ type: "interrupt", interrupt });
  }

  private setError(error: UserFacingError | undefined): void {
    this.errorView = error ? toErrorView(error) : undefined;
    this.post({ type: "error", error: this.errorView });
  }

  private post(message: HostToWebview): void {
    if (!this.disposed) this.outgoing.push(message);
  }
}

function sameView(a: ChatMessageView, b: ChatMessageView | undefined): boolean {
  if (!b) return false;
  return (
    a.content === b.content &&
    !b.pending &&
    a.toolCalls.length === b.toolCalls.length &&
    a.toolCalls.every((c, i) => c.id === b.toolCalls[i]?.id && c.result?.content === b.toolCalls[i]?.result?.content && sameJson(c.args, b.toolCalls[i]?.args))
  );
}

function sameJson(a: string, b: string | undefined): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b ?? ""));
  } catch {
    return false;
  }
}
