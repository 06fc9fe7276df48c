/**
 * The host side of one chat panel: connects the webview (protocol posts) and the thread model to the
 * thread's runs (`RunController`) and its history (`HistoryService`), and keeps the truth while the
 * panel is hidden. Free of `vscode`, so the integration tests drive exactly this against a real server.
 */
import type { DeploymentGateway } from "../deployment/gateway";
import type { GraphSchemas, MultitaskStrategy, NodeInterruptsRequest, RunOutcome, ThreadCheckpoint } from "../deployment/types";
import type { AssistantDirectory } from "../state/assistantDirectory";
import { CheckpointGoneError, toErrorView, type ErrorContext, type UserFacingError } from "../deployment/errorMapping";
import type { ChatMessageView, ErrorView, HostToWebview, InterruptView, RunView, ThreadHeader } from "../protocol/chatProtocol";
import { AssistantSelection } from "./assistantSelection";
import { DeltaBatcher } from "./deltaBatcher";
import { HistoryService } from "./historyService";
import { pendingInterrupt } from "./interrupts";
import { humanInput, pendingHuman, toMessageViews } from "./messageViews";
import { readThread, reconcileMessages } from "./serverThread";
import { runConfigFor } from "./runConfig";
import { RunController, type RunListener, type RunRequest } from "./runController";
import { applyRunPart } from "./streamedMessages";
import { ThreadModel } from "./threadModel";
import { InputFormController } from "./inputForm";
import { isChatState, readNodeUpdates, runEventViews } from "./nodeUpdates";
import { withUiCards } from "./uiMessages";
import { shortId, shorten, titleOf } from "../common/threadText";
import type { StreamModeName } from "../common/streamModes";
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
  onRunEvent?(assistantId: string, threadId: string, part: { event: string; data: unknown }, runId: string | undefined): void;
  onRunEnd?(assistantId: string, threadId: string, outcome?: RunOutcome): void;
  /** How long a stream may stay silent before it is treated as stalled and rejoined. */
  streamIdleTimeoutMs?: number;
  /** Sending while a run is active: how the server should handle it; undefined cancels the send. */
  multitaskStrategy?(): Promise<MultitaskStrategy | undefined>;
  /** Where the runs this panel starts stop by themselves (an attached debugger's breakpoints). */
  runInterrupts?(threadId: string): NodeInterruptsRequest | undefined;
  /** Modes the runs this panel starts or joins stream beyond the chat's own (the thread's event log). */
  streamModes?(threadId: string): readonly StreamModeName[];
  /** Thread created, renamed, or its status changed: the tree follows. */
  onThreadChanged?(thread: ThreadHeader): void;
  /**
   * An assistant's graph schemas, cached across panels (the server computes a TypeScript graph's in
   * seconds). Without it every assistant gets the message composer.
   */
  schemas?(assistantId: string): Promise<GraphSchemas>;
  /** The last input run with an assistant whose graph is not a chat, remembered per assistant. */
  lastInput?(assistantId: string): string | undefined;
  rememberInput?(assistantId: string, input: string): void;
}

export type { MultitaskStrategy };

export class ChatSession {
  readonly model = new ThreadModel();
  private header: ThreadHeader;
  private readonly assistants: AssistantSelection;
  private runView: RunView = { phase: "idle" };
  private errorView: ErrorView | undefined;
  private loading = false;
  private disposed = false;
  private pending: InterruptView | undefined;
  /** The checkpoint the pending interrupt waits at: the answer resumes exactly there. */
  private interruptAt: string | undefined;
  /** Runs this panel started: a run found on the thread that is none of them was started elsewhere. */
  private readonly ownRuns = new Set<string>();
  private readonly history: HistoryService;
  private readonly runs: RunController;
  /** Everything posted goes through it, so a burst of tokens crosses to the webview as a few deltas. */
  private readonly outgoing: DeltaBatcher;
  private readonly inputs: InputFormController;
  private streamedEvents = 0;

  constructor(
    private readonly deps: ChatSessionDeps,
    threadId?: string,
    title?: string,
  ) {
    this.header = { threadId, title: title ?? (threadId ? shortId(threadId) : "New Thread") };
    this.assistants = new AssistantSelection(deps, threadId);
    this.outgoing = new DeltaBatcher((message) => this.deps.post(message));
    this.inputs = new InputFormController({
      schemas: deps.schemas ? (id) => deps.schemas!(id) : undefined,
      lastInput: deps.lastInput ? (id) => deps.lastInput?.(id) : undefined,
      rememberInput: deps.rememberInput ? (id, input) => deps.rememberInput?.(id, input) : undefined,
      post: (message) => this.post(message),
    });
    const currentThread = () => this.header.threadId;
    this.history = new HistoryService({
      gateway: deps.gateway,
      model: this.model,
      threadId: currentThread,
      ref: (id) => deps.assistants.ref(id),
      describe: (error, context) => deps.describe(error, context),
      post: (message) => this.post(message),
    });
    this.runs = new RunController(
      {
        gateway: deps.gateway,
        describe: (error, context) => deps.describe(error, context),
        threadId: currentThread,
        ensureThread: (firstMessage) => this.ensureThread(firstMessage),
        configFor: (threadId, assistantId) => runConfigFor(deps.gateway, threadId, deps.assistants.get(assistantId)),
        rememberRun: (threadId, runId) => {
          if (runId) this.ownRuns.add(runId);
          deps.rememberRun(threadId, runId);
        },
        runInterrupts: (threadId) => deps.runInterrupts?.(threadId),
        streamModes: (threadId) => deps.streamModes?.(threadId) ?? [],
        streamIdleTimeoutMs: deps.streamIdleTimeoutMs,
      },
      this.runListener(),
    );
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

  /** A run of this panel's streams or waits in its queue. */
  get running(): boolean {
    return this.runs.busy;
  }

  /**
   * Another client started a run on this thread: joins its stream (`joinStream`), so the reply shows as
   * it comes, labelled with that run's assistant. Only a resumable run is joined: on a server that keeps
   * no copy of a run's events, a second reader would take events from the client that started it (that
   * run's messages are read in when it ends). True when there was one to join.
   */
  async joinRunFromElsewhere(): Promise<boolean> {
    const threadId = this.header.threadId;
    if (!threadId || this.runs.busy || this.loading) return false;
    const run = (await this.deps.gateway.activeRuns(threadId)).find((r) => !this.ownRuns.has(r.run_id) && r.resumable);
    if (!run || this.runs.busy) return false;
    await this.runs.rejoinActive(run.run_id, new Set(this.model.messages.map((m) => m.id)));
    return true;
  }

  /** The thread changed on the server while nothing ran here (a run begun and ended between two looks). */
  async catchUp(): Promise<void> {
    if (!this.runs.busy && !this.loading) await this.reconcile();
  }

  get selectedAssistantId(): string | undefined {
    return this.assistants.id;
  }

  get error(): ErrorView | undefined {
    return this.errorView;
  }

  get interrupt(): InterruptView | undefined {
    return this.pending;
  }

  snapshot(): HostToWebview {
    // Deltas still pending are in the model already: post them first, never after the snapshot.
    this.outgoing.flush();
    return {
      type: "snapshot",
      thread: this.header,
      messages: [...this.model.messages],
      assistants: this.assistants.options,
      selectedAssistantId: this.assistants.id,
      run: this.runView,
      error: this.errorView,
      loading: this.loading,
      interrupt: this.pending,
      inputForm: this.inputs.form,
    };
  }

  /** The load under way (or the last one): a command that acts on the loaded thread waits for it. */
  private loaded: Promise<void> = Promise.resolve();

  /** Loads assistants and the thread's messages; attribution follows from history without blocking. */
  load(): Promise<void> {
    this.loaded = this.loadNow();
    return this.loaded;
  }

  private async loadNow(): Promise<void> {
    this.loading = true;
    this.setError(undefined);
    this.runs.clearFailure();
    this.post(this.snapshot());
    try {
      const threadId = this.header.threadId;
      const { options, thread, state } = await readThread(this.deps.gateway, this.deps.assistants, threadId);
      if (threadId && state) {
        const title = titleOf(thread?.metadata) ?? this.header.title;
        this.header = { ...this.header, threadId, title, status: thread?.status };
        this.model.reset(isChatState(state.values) ? withUiCards(toMessageViews(messagesOfValues(state.values)), state.values) : await readNodeUpdates(this.deps.gateway, threadId));
        this.pending = pendingInterrupt(state, stringOf(thread?.metadata?.assistant_id));
        this.interruptAt = state.checkpoint?.checkpoint_id ?? undefined;
        this.runs.noteInterrupt(this.pending !== undefined);
      }
      this.assistants.offer(options, stringOf(thread?.metadata?.assistant_id));
    } catch (error) {
      this.setError(this.deps.describe(error, { operation: "load the thread", subject: `Thread ${shortId(this.header.threadId)}` }));
    } finally {
      this.loading = false;
      this.post(this.snapshot());
    }
    // Schemas can take seconds on the server: the form follows when they arrive, nothing waits for them.
    void this.inputs.select(this.assistants.id);
    if (this.header.threadId && !this.errorView) {
      await this.history.load();
      const active = this.deps.activeRun?.(this.header.threadId);
      if (active && !this.runs.active) await this.runs.rejoinActive(active, new Set(this.model.messages.map((m) => m.id)));
    }
  }

  /** Reads checkpoint history: who wrote each reply, and which messages have branches. */
  async loadHistory(): Promise<void> {
    await this.history.load();
  }

  /** Earlier replies the user scrolled to have no author: reads further back in history for them. */
  async attributeEarlier(ids: string[]): Promise<void> {
    await this.history.attributeEarlier(ids);
  }

  /** Shows the previous or next sibling of a message: the thread as it is on that branch. */
  async switchBranch(messageId: string, direction: -1 | 1): Promise<void> {
    if (this.runs.active) return;
    await this.history.fresh();
    const head = this.history.sibling(messageId, direction);
    if (!head) return;
    await this.showBranch(head.messages, head.checkpointId);
    if (this.header.branch) this.updateHeader({ branch: undefined });
  }

  /**
   * Shows the thread as it was at a checkpoint; the next message continues from there, as a fork.
   * Returns the checkpoint's state, or undefined (and says why) when it cannot be shown.
   */
  async openAtCheckpoint(checkpointId: string): Promise<ThreadCheckpoint | undefined> {
    await this.loaded;
    const threadId = this.header.threadId;
    if (!threadId || this.runs.active) return undefined;
    try {
      const state = await this.deps.gateway.getCheckpoint(threadId, checkpointId);
      if (!state) throw new CheckpointGoneError(threadId, checkpointId);
      await this.showBranch(messagesOfValues(state.values), checkpointId);
      const step = typeof state.metadata.step === "number" ? ` · step ${state.metadata.step}` : "";
      this.updateHeader({ branch: `${state.metadata.source === "update" ? "edited state" : "checkpoint"}${step}` });
      return state;
    } catch (error) {
      this.setError(this.deps.describe(error, { operation: "open the checkpoint", subject: `Checkpoint ${shortId(checkpointId)}` }));
      return undefined;
    }
  }

  /**
   * Runs the thread again from a checkpoint with the chosen assistant: the panel shows the thread as it
   * was there, and the run's replies make a new branch. A checkpoint with nothing left to run (a run
   * ended there) says so; a message sent next continues from it.
   */
  async rerunFrom(checkpointId: string, assistantId: string): Promise<void> {
    const state = await this.openAtCheckpoint(checkpointId);
    if (!state || this.runs.active) return;
    if (!state.next.length) {
      const message = "Nothing is left to run at this checkpoint (its run ended there). Send a message to continue from it.";
      return this.setError({ kind: "badRequest", message, actions: [], detail: "no next node" });
    }
    if (assistantId !== this.assistants.id) this.selectAssistant(assistantId);
    await this.startRun({ assistantId, input: null, checkpointId });
  }

  /**
   * Runs the thread again from the checkpoint where a human message was added (the state just after it,
   * with its node still to run), with the chosen assistant: the replies make a new branch.
   */
  async rerunFromMessage(messageId: string, assistantId: string): Promise<void> {
    const position = this.model.messages.findIndex((m) => m.id === messageId);
    if (position < 0 || this.runs.active) return;
    await this.history.fresh();
    const checkpointId = this.history.forkPoint(position + 1, true);
    if (!checkpointId) {
      const message = "No checkpoint where this message was added, with a step left to run, is in the history the panel loaded.";
      return this.setError({ kind: "notFound", message, actions: [], detail: "no checkpoint after the message" });
    }
    await this.rerunFrom(checkpointId, assistantId);
  }

  /** Shows a branch's messages (keeping known authors) and continues the next run from its checkpoint. */
  private async showBranch(messages: Parameters<typeof toMessageViews>[0], checkpointId: string): Promise<void> {
    const known = new Map(this.model.messages.map((m) => [m.id, m]));
    this.model.reset(toMessageViews(messages, (id) => ({ author: known.get(id)?.author, subgraph: known.get(id)?.subgraph })));
    this.history.view(checkpointId);
    this.post(this.snapshot());
    await this.history.load();
  }

  /** Replaces a human message with new text, as a new branch from the checkpoint before it. */
  async edit(messageId: string, text: string, assistantId = this.assistants.id): Promise<void> {
    const body = text.trim();
    if (!body || !assistantId) return;
    const fork = await this.branchFrom(messageId, false);
    if (!fork) return;
    const human = this.optimistic(body);
    await this.startRun({ assistantId, input: humanInput(human), human, draft: text, checkpointId: fork.checkpointId });
  }

  /** Asks again for an AI reply (with the same or another assistant), as a new branch. */
  async regenerate(messageId: string, assistantId = this.assistants.id): Promise<void> {
    if (!assistantId) return;
    const fork = await this.branchFrom(messageId, true);
    if (fork) await this.startRun({ assistantId, input: null, checkpointId: fork.checkpointId });
  }

  /** Cuts the thread on screen before `messageId` for a new branch; undefined (and says why) when it cannot. */
  private async branchFrom(messageId: string, reply: boolean): Promise<{ checkpointId?: string } | undefined> {
    const position = this.model.messages.findIndex((m) => m.id === messageId);
    if (position < 0 || this.runs.active) return undefined;
    await this.history.fresh();
    const checkpointId = this.history.forkPoint(position, reply);
    // Editing the first message starts the thread over; anything else forks from a checkpoint before it.
    if (!checkpointId && (reply || position > 0)) {
      const message = reply ? "No checkpoint before this reply was found to regenerate from." : "This message is older than the history the panel loaded; it cannot be edited.";
      this.setError({ kind: "notFound", message, actions: [], detail: "no fork point" });
      return undefined;
    }
    this.model.reset(this.model.messages.slice(0, position));
    this.post(this.snapshot());
    return { checkpointId };
  }

  async refreshAssistants(): Promise<void> {
    try {
      this.post(await this.assistants.refresh());
    } catch (error) {
      this.setError(this.deps.describe(error, { operation: "list assistants" }));
    }
  }

  /** The composer's picker opens: a changed list reaches every panel through the directory's event. */
  async revalidateAssistants(): Promise<void> {
    // Failing here is quiet: the cached list stays, and the next send reports a lost deployment.
    await this.deps.assistants.revalidate().catch(() => false);
  }

  /** Assistants were created, changed or deleted elsewhere: the composer's picker follows. */
  async assistantsChanged(): Promise<void> {
    this.post(this.assistants.sync(await this.deps.assistants.options()));
  }

  /** The thread was renamed elsewhere (the tree). */
  applyTitle(title: string): void {
    this.updateHeader({ title });
  }

  selectAssistant(assistantId: string): void {
    this.post(this.assistants.select(this.header.threadId, assistantId));
    void this.inputs.select(assistantId);
  }

  /**
   * Runs a graph that is not a chat with the form's input, checked against the graph's input schema
   * first: an input that fails it is refused with the reasons, and nothing is sent.
   */
  async runInput(text: string, assistantId = this.assistants.id): Promise<void> {
    if (!assistantId) return;
    const input = await this.inputs.check(assistantId, text);
    if (!input) return;
    if (assistantId !== this.assistants.id) this.selectAssistant(assistantId);
    await this.startRun({ assistantId, input, draft: text });
  }

  /**
   * Sends one message to the chosen assistant on this thread. The user's text is never lost: if the
   * run cannot start, the optimistic message is withdrawn and the composer gets the text back.
   */
  async send(text: string, assistantId = this.assistants.id): Promise<void> {
    const body = text.trim();
    if (!body) return;
    if (!assistantId) {
      this.post({ type: "restoreDraft", text });
      this.setError({ kind: "badRequest", message: "Choose an assistant before sending.", actions: ["retry"], detail: "no assistant" });
      return;
    }
    if (assistantId !== this.assistants.id) this.selectAssistant(assistantId);
    else this.deps.rememberAssistant(this.header.threadId, assistantId);
    const busy = this.runs.busy;
    const strategy = busy ? await this.deps.multitaskStrategy?.() : undefined;
    if (busy && !strategy) {
      this.post({ type: "restoreDraft", text });
      return;
    }
    const human = this.optimistic(body);
    const request: RunRequest = { assistantId, input: humanInput(human), human, draft: text };
    if (strategy === "enqueue" || strategy === "reject") return this.runs.enqueue(request, strategy);
    await this.startRun({ ...request, multitaskStrategy: strategy });
  }

  /** Answers the pending interrupt, continuing the same run's checkpoint with the chosen assistant. */
  async resume(response: unknown, assistantId = this.pending?.assistantId ?? this.assistants.id): Promise<void> {
    if (!this.pending || this.runs.active || !assistantId) return;
    this.setInterrupt(undefined);
    // Named, not implied: after a re-run from an older checkpoint the server would otherwise resume that
    // checkpoint's first branch, replaying the answer it was given there.
    await this.startRun({ assistantId, command: { resume: response }, checkpointId: this.interruptAt });
  }

  /** Stops the streaming run on the server, not just the local stream. */
  async stop(): Promise<void> {
    await this.runs.stop();
  }

  /** The action buttons of the error banner. */
  async retry(): Promise<void> {
    this.setError(undefined);
    const retried = await this.runs.retry(async (text, assistantId) => {
      this.post({ type: "restoreDraft", text: "" });
      await this.send(text, assistantId);
    });
    if (!retried) await this.load();
  }

  dispose(): void {
    this.disposed = true;
    this.outgoing.discard();
    this.runs.dispose();
  }

  /** The optimistic human message of a send, shown as pending until its run's first event. */
  private optimistic(body: string): ChatMessageView {
    const human = pendingHuman(body);
    this.post(this.model.upsert(human));
    return human;
  }

  /** A run continues the branch on screen, unless it names its own checkpoint. */
  private async startRun(request: RunRequest): Promise<void> {
    await this.runs.start({ ...request, checkpointId: this.history.startRun(request.checkpointId) });
  }

  private runListener(): RunListener {
    return {
      applied: (follow, part) => {
        // The graph views hear every event; the panel applies message chunks.
        if (follow.assistantId && this.header.threadId) this.deps.onRunEvent?.(follow.assistantId, this.header.threadId, part, follow.runId);
        for (const update of applyRunPart(this.model, follow, part, this.runView, (id) => this.deps.assistants.ref(id))) this.post(update);
        for (const view of runEventViews(part, follow.runId, this.inputs.form !== undefined, this.streamedEvents++)) this.post(this.model.upsert(view));
      },
      viewChanged: (view) => this.setRun(view),
      error: (error) => this.setError(error),
      restoreDraft: (human, draft) => {
        const removal = human && this.model.remove(human.id);
        if (removal) this.post(removal);
        if (draft !== undefined) this.post({ type: "restoreDraft", text: draft });
      },
      runKnown: (runId, assistantId) => this.history.knowRun(runId, assistantId),
      runEnded: (assistantId, outcome) => {
        if (this.header.threadId) this.deps.onRunEnd?.(assistantId, this.header.threadId, outcome);
      },
      settle: (stoppedRunId) => this.reconcile(stoppedRunId),
    };
  }

  /** Replaces local guesses with the server's state once a run ends (ids, order, final content). */
  private async reconcile(stoppedRunId?: string): Promise<void> {
    const threadId = this.header.threadId;
    if (!threadId || this.disposed) return;
    try {
      const { gateway } = this.deps;
      const [thread, state] = await Promise.all([gateway.getThread(threadId), gateway.getState(threadId)]);
      const { updates, reset } = reconcileMessages(this.model, state.values, stoppedRunId);
      for (const update of updates) this.post(update);
      if (reset) this.post(this.snapshot());
      this.updateHeader({ status: thread?.status, title: titleOf(thread?.metadata) ?? this.header.title });
      this.setInterrupt(pendingInterrupt(state, stringOf(thread?.metadata?.assistant_id)));
      this.interruptAt = state.checkpoint?.checkpoint_id ?? undefined;
      this.runs.noteInterrupt(this.pending !== undefined);
      await this.history.afterRun();
    } catch (error) {
      this.setError(this.deps.describe(error, { operation: "refresh the thread", subject: `Thread ${shortId(threadId)}` }));
    }
  }

  private async ensureThread(firstMessage: string): Promise<string> {
    if (this.header.threadId) return this.header.threadId;
    const title = shorten(firstMessage, 60);
    const thread = await this.deps.gateway.createThread({ title });
    this.deps.rememberAssistant(thread.thread_id, this.assistants.id ?? "");
    this.updateHeader({ threadId: thread.thread_id, title, status: thread.status });
    return thread.thread_id;
  }

  /** A debug session attached to the thread (or left it): the header says so. */
  setDebugging(debugging: boolean): void {
    if ((this.header.debugging ?? false) !== debugging) this.updateHeader({ debugging });
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
