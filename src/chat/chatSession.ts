/**
 * The host side of one chat panel: connects the webview and the thread model to the thread's runs
 * (`RunController`), its history (`HistoryService`) and its branches (`BranchActions`); what the panel
 * shows besides the messages lives in `ChatPanelState`, which keeps the truth while the panel is hidden.
 * Free of `vscode`, so the integration tests drive exactly this against a real server.
 */
import * as l10n from "@vscode/l10n";
import type { ThreadCheckpoint } from "../deployment/types";
import type { Attachment, ChatMessageView, ErrorView, HostToWebview, InterruptView, RunView, ThreadHeader } from "../protocol/chatProtocol";
import { AssistantSelection } from "./assistantSelection";
import type { ChatSessionDeps } from "./chatSessionDeps";
import { ChatPanelState } from "./chatPanelState";
import { BranchActions } from "./branchActions";
import { HistoryService } from "./historyService";
import { pendingInterrupt } from "./interrupts";
import { humanInput, pendingHuman, toMessageViews } from "./messageViews";
import { humanContent, threadTitle } from "./attachmentContent";
import { readThread, settleWithServer } from "./serverThread";
import { runConfigFor } from "./runConfig";
import { RunController, type RunListener, type RunRequest } from "./runController";
import { applyRunPart } from "./streamedMessages";
import { ThreadModel } from "./threadModel";
import { InputFormController } from "./inputForm";
import { isChatState, runEventViews, withNodeUpdates } from "./nodeUpdates";
import { withUiCards } from "./uiMessages";
import { shortId, shorten, titleOf } from "../common/threadText";
import { messagesOfValues, stringOf } from "../common/wireMessages";
import { perfMark } from "../panels/perfMarks";
import { PaintWait } from "./paintWait";

export class ChatSession {
  readonly model = new ThreadModel();
  private readonly view: ChatPanelState;
  private readonly assistants: AssistantSelection;
  /** Runs this panel started: a run found on the thread that is none of them was started elsewhere. */
  private readonly ownRuns = new Set<string>();
  private readonly history: HistoryService;
  private readonly runs: RunController;
  private readonly branches: BranchActions;
  private readonly inputs: InputFormController;
  private streamedEvents = 0;
  readonly paint = new PaintWait();

  constructor(
    private readonly deps: ChatSessionDeps,
    threadId?: string,
    title?: string,
  ) {
    this.assistants = new AssistantSelection(deps, threadId);
    this.view = new ChatPanelState(
      { threadId, title: title ?? (threadId ? shortId(threadId) : l10n.t("New Thread")) },
      (message) => deps.post(message),
      () => ({ messages: [...this.model.messages], assistants: this.assistants.options, selectedAssistantId: this.assistants.id, inputForm: this.inputs.form }),
      (thread) => deps.onThreadChanged?.(thread),
    );
    this.inputs = new InputFormController({
      schemas: deps.schemas ? (id) => deps.schemas!(id) : undefined,
      lastInput: deps.lastInput ? (id) => deps.lastInput?.(id) : undefined,
      rememberInput: deps.rememberInput ? (id, input) => deps.rememberInput?.(id, input) : undefined,
      post: (message) => this.view.post(message),
    });
    const currentThread = () => this.view.header.threadId;
    this.history = new HistoryService({
      gateway: deps.gateway,
      model: this.model,
      threadId: currentThread,
      ref: (id) => deps.assistants.ref(id),
      describe: (error, context) => deps.describe(error, context),
      post: (message) => this.view.post(message),
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
    this.branches = new BranchActions({
      gateway: deps.gateway,
      describe: (error, context) => deps.describe(error, context),
      model: this.model,
      history: this.history,
      threadId: currentThread,
      loaded: () => this.loaded,
      runActive: () => this.runs.active,
      selectedAssistant: () => this.assistants.id,
      selectAssistant: (assistantId) => this.selectAssistant(assistantId),
      optimistic: (body) => this.optimistic(body),
      startRun: (request) => this.startRun(request),
      showSnapshot: () => this.view.post(this.snapshot()),
      branchLabel: () => this.view.header.branch,
      setBranchLabel: (branch) => this.view.updateHeader({ branch }),
      setError: (error) => this.view.setError(error),
    });
  }

  get threadId(): string | undefined {
    return this.view.header.threadId;
  }

  get thread(): ThreadHeader {
    return this.view.header;
  }

  get run(): RunView {
    return this.view.run;
  }

  /** A run of this panel's streams or waits in its queue. */
  get running(): boolean {
    return this.runs.busy;
  }

  /**
   * Another client started a resumable run on this thread: joins its stream, labelled with its assistant
   * (a second reader of a run the server keeps no events of would take them from the client that started
   * it; that run's messages are read in when it ends). True when there was one to join.
   */
  async joinRunFromElsewhere(): Promise<boolean> {
    const threadId = this.view.header.threadId;
    if (!threadId || this.runs.busy || this.view.loading) return false;
    const run = (await this.deps.gateway.activeRuns(threadId)).find((r) => !this.ownRuns.has(r.run_id) && r.resumable);
    if (!run || this.runs.busy) return false;
    await this.runs.rejoinActive(run.run_id, new Set(this.model.messages.map((m) => m.id)));
    return true;
  }

  /** The thread changed on the server while nothing ran here (a run begun and ended between two looks). */
  async catchUp(): Promise<void> {
    if (!this.runs.busy && !this.view.loading) await this.reconcile();
  }

  get selectedAssistantId(): string | undefined {
    return this.assistants.id;
  }

  get error(): ErrorView | undefined {
    return this.view.error;
  }

  get interrupt(): InterruptView | undefined {
    return this.view.interrupt;
  }

  snapshot(): HostToWebview {
    return this.view.snapshot();
  }

  /** The load under way (or the last one): a command that acts on the loaded thread waits for it. */
  private loaded: Promise<void> = Promise.resolve();

  /** The first snapshot needs the thread's state (and summary, beside it); history follows it, in place. */
  load(): Promise<void> {
    this.loaded = this.loadNow();
    return this.loaded;
  }

  private async loadNow(): Promise<void> {
    this.view.loading = true;
    this.view.setError(undefined);
    this.runs.clearFailure();
    this.view.post(this.snapshot());
    const threadId = this.view.header.threadId;
    let nodeCards = false;
    let painted: Promise<void>;
    try {
      perfMark("chat.load-start", threadId);
      const { options, thread, state } = await readThread(this.deps.gateway, this.deps.assistants, threadId);
      perfMark("chat.thread-read", threadId);
      if (threadId && state) {
        nodeCards = !isChatState(state.values);
        this.model.reset(nodeCards ? [] : withUiCards(toMessageViews(messagesOfValues(state.values)), state.values));
        this.view.adopt({ ...this.view.header, threadId, title: titleOf(thread?.metadata) ?? this.view.header.title, status: thread?.status }, pendingInterrupt(state, stringOf(thread?.metadata?.assistant_id)), state.checkpoint?.checkpoint_id ?? undefined);
        this.runs.noteInterrupt(this.view.interrupt !== undefined);
      }
      this.assistants.offer(options, stringOf(thread?.metadata?.assistant_id));
    } catch (error) {
      this.view.setError(this.deps.describe(error, { operation: l10n.t("load the thread"), subject: l10n.t("Thread {0}", shortId(threadId)) }));
    } finally {
      this.view.loading = false;
      painted = this.paint.next();
      this.view.post(this.snapshot());
      perfMark("chat.snapshot-posted", threadId);
    }
    // After the page painted the thread (PaintWait); the form follows when the schemas arrive.
    if (threadId && !this.view.error) await painted;
    void this.inputs.select(this.assistants.id);
    if (!threadId || this.view.error) return;
    if (nodeCards) {
      try {
        this.model.reset(await withNodeUpdates(this.deps.gateway, threadId, this.model.messages));
        this.view.post(this.snapshot());
      } catch (error) {
        this.view.setError(this.deps.describe(error, { operation: l10n.t("load the thread's node updates"), subject: l10n.t("Thread {0}", shortId(threadId)) }));
      }
    }
    await this.history.load();
    perfMark("chat.history-read", threadId);
    const active = this.deps.activeRun?.(threadId);
    if (active && !this.runs.active) await this.runs.rejoinActive(active, new Set(this.model.messages.map((m) => m.id)));
  }

  /** Earlier replies the user scrolled to have no author: reads further back in history for them. */
  async attributeEarlier(ids: string[]): Promise<void> {
    await this.history.attributeEarlier(ids);
  }

  /** Shows the previous or next sibling of a message: the thread as it is on that branch. */
  switchBranch(messageId: string, direction: -1 | 1): Promise<void> {
    return this.branches.switchBranch(messageId, direction);
  }

  /** Shows the thread as it was at a checkpoint; the next message continues from there, as a fork. */
  openAtCheckpoint(checkpointId: string): Promise<ThreadCheckpoint | undefined> {
    return this.branches.openAtCheckpoint(checkpointId);
  }

  /** Runs the thread again from a checkpoint with the chosen assistant, as a new branch. */
  rerunFrom(checkpointId: string, assistantId: string): Promise<void> {
    return this.branches.rerunFrom(checkpointId, assistantId);
  }

  /** Runs the thread again from where a human message was added, as a new branch. */
  rerunFromMessage(messageId: string, assistantId: string): Promise<void> {
    return this.branches.rerunFromMessage(messageId, assistantId);
  }

  /** Replaces a human message with new text, as a new branch from the checkpoint before it. */
  edit(messageId: string, text: string, assistantId = this.assistants.id): Promise<void> {
    return this.branches.edit(messageId, text, assistantId);
  }

  /** Asks again for an AI reply (with the same or another assistant), as a new branch. */
  regenerate(messageId: string, assistantId = this.assistants.id): Promise<void> {
    return this.branches.regenerate(messageId, assistantId);
  }

  async refreshAssistants(): Promise<void> {
    try {
      this.view.post(await this.assistants.refresh());
    } catch (error) {
      this.view.setError(this.deps.describe(error, { operation: l10n.t("list assistants") }));
    }
  }

  /** The composer's picker opens: a changed list reaches every panel through the directory's event. */
  async revalidateAssistants(): Promise<void> {
    // Failing here is quiet: the cached list stays, and the next send reports a lost deployment.
    await this.deps.assistants.revalidate().catch(() => false);
  }

  /** Assistants were created, changed or deleted elsewhere: the composer's picker follows. */
  async assistantsChanged(): Promise<void> {
    this.view.post(this.assistants.sync(await this.deps.assistants.options()));
  }

  /** The thread was renamed elsewhere (the tree). */
  applyTitle(title: string): void {
    this.view.updateHeader({ title });
  }

  selectAssistant(assistantId: string): void {
    this.view.post(this.assistants.select(this.view.header.threadId, assistantId));
    void this.inputs.select(assistantId);
  }

  /** Runs a non-chat graph with the form's input; one that fails its input schema is refused (`told` hears why), nothing sent. */
  async runInput(text: string, assistantId = this.assistants.id, told?: (errors: string[]) => void): Promise<void> {
    if (!assistantId) return;
    const input = await this.inputs.check(assistantId, text, told);
    if (!input) return;
    if (assistantId !== this.assistants.id) this.selectAssistant(assistantId);
    await this.startRun({ assistantId, input, draft: text });
  }

  /** Sends one message to the chosen assistant; if its run cannot start, the composer gets the draft back. */
  async send(text: string, assistantId = this.assistants.id, attachments: Attachment[] = []): Promise<void> {
    const body = text.trim();
    if (!body && attachments.length === 0) return;
    if (!assistantId) {
      this.view.post({ type: "restoreDraft", text, attachments });
      this.view.setError({ kind: "badRequest", message: l10n.t("Choose an assistant before sending."), actions: ["retry"], detail: "no assistant" });
      return;
    }
    if (assistantId !== this.assistants.id) this.selectAssistant(assistantId);
    else this.deps.rememberAssistant(this.view.header.threadId, assistantId);
    const busy = this.runs.busy;
    const strategy = busy ? await this.deps.multitaskStrategy?.() : undefined;
    if (busy && !strategy) return this.view.post({ type: "restoreDraft", text, attachments });
    const content = humanContent(body, attachments);
    const human = this.optimistic(content);
    const request: RunRequest = { assistantId, input: humanInput(human, content), human, draft: text, draftAttachments: attachments, title: threadTitle(body, attachments) };
    if (strategy === "enqueue" || strategy === "reject") return this.runs.enqueue(request, strategy);
    await this.startRun({ ...request, multitaskStrategy: strategy });
  }

  /** Answers the pending interrupt, continuing the same run's checkpoint with the chosen assistant. */
  async resume(response: unknown, assistantId = this.view.interrupt?.assistantId ?? this.assistants.id): Promise<void> {
    if (!this.view.interrupt || this.runs.active || !assistantId) return;
    this.view.setInterrupt(undefined);
    // Named, not implied: after a re-run from an older checkpoint the server would otherwise resume that
    // checkpoint's first branch, replaying the answer it was given there.
    await this.startRun({ assistantId, command: { resume: response }, checkpointId: this.view.interruptAt });
  }

  /** Stops the streaming run on the server, not just the local stream. */
  async stop(): Promise<void> {
    await this.runs.stop();
  }

  /** The action buttons of the error banner. */
  async retry(): Promise<void> {
    this.view.setError(undefined);
    const retried = await this.runs.retry(async (text, assistantId, attachments) => {
      this.view.post({ type: "draftResent", text });
      await (this.inputs.form ? this.runInput(text, assistantId) : this.send(text, assistantId, attachments));
    });
    if (!retried) await this.load();
  }

  dispose(): void {
    this.view.dispose();
    this.runs.dispose();
  }

  /** The optimistic human message of a send, shown as pending until its run's first event. */
  private optimistic(content: string | unknown[]): ChatMessageView {
    const human = pendingHuman(content);
    this.view.post(this.model.upsert(human));
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
        if (follow.assistantId && this.view.header.threadId) this.deps.onRunEvent?.(follow.assistantId, this.view.header.threadId, part, follow.runId);
        for (const update of applyRunPart(this.model, follow, part, this.view.run, (id) => this.deps.assistants.ref(id))) this.view.post(update);
        for (const view of runEventViews(part, follow.runId, this.inputs.form !== undefined, this.streamedEvents++)) this.view.post(this.model.upsert(view));
      },
      viewChanged: (view) => this.view.setRun(view),
      error: (error) => this.view.setError(error),
      restoreDraft: (human, draft, attachments) => {
        const removal = human && this.model.remove(human.id);
        if (removal) this.view.post(removal);
        if (draft !== undefined) this.view.post({ type: "restoreDraft", text: draft, attachments });
      },
      runKnown: (runId, assistantId) => this.history.knowRun(runId, assistantId),
      runEnded: (assistantId, outcome) => {
        if (this.view.header.threadId) this.deps.onRunEnd?.(assistantId, this.view.header.threadId, outcome);
      },
      settle: (stoppedRunId) => this.reconcile(stoppedRunId),
    };
  }

  /** Replaces local guesses with the server's state once a run ends (ids, order, final content). */
  private async reconcile(stoppedRunId?: string): Promise<void> {
    const threadId = this.view.header.threadId;
    if (!threadId || this.view.isDisposed) return;
    try {
      await settleWithServer(this.deps.gateway, this.model, this.view, threadId, stoppedRunId);
      this.runs.noteInterrupt(this.view.interrupt !== undefined);
      await this.history.afterRun();
    } catch (error) {
      this.view.setError(this.deps.describe(error, { operation: l10n.t("refresh the thread"), subject: l10n.t("Thread {0}", shortId(threadId)) }));
    }
  }

  private async ensureThread(firstMessage: string): Promise<string> {
    if (this.view.header.threadId) return this.view.header.threadId;
    const title = shorten(firstMessage, 60);
    const thread = await this.deps.gateway.createThread({ title });
    this.deps.rememberAssistant(thread.thread_id, this.assistants.id ?? "");
    this.view.updateHeader({ threadId: thread.thread_id, title, status: thread.status });
    return thread.thread_id;
  }

  /** A debug session attached to the thread (or left it): the header says so. */
  setDebugging(debugging: boolean): void {
    if ((this.view.header.debugging ?? false) !== debugging) this.view.updateHeader({ debugging });
  }
}
