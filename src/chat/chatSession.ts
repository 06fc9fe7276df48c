/**
 * The host side of one chat panel: loads a thread, runs messages against the assistant the user picked
 * for each one, turns the SDK stream into protocol deltas, and keeps the truth while the panel is hidden.
 * Free of `vscode`, so the integration tests drive exactly this against a real server.
 */
import { randomUUID } from "node:crypto";
import type { Client, Config, StreamMode } from "@langchain/langgraph-sdk";
import type { AssistantDirectory } from "../assistants/assistantDirectory";
import { toErrorView, type ErrorContext, type UserFacingError } from "../deployment/errorMapping";
import type {
  AssistantOption,
  BranchPosition,
  ChatMessageView,
  ErrorView,
  HostToWebview,
  InterruptView,
  RunView,
  ThreadHeader,
  ToolCallDelta,
} from "../protocol/chatProtocol";
import { branchHead, branchesOf, forkPoint, toCheckpointMessages, type CheckpointMessages } from "./branches";
import type { RunOutcome } from "../graph/runPath";
import { pendingInterrupt } from "./interrupts";
import { authorshipFromHistory, toMessageView, toMessageViews } from "./messageViews";
import { getThreadSummary } from "../threads/threadSummary";
import { runConfigFor } from "./runConfig";
import { ThreadModel } from "./threadModel";
import { messagesOfValues, roleOf, textOf, type WireMessage } from "./wireMessages";

export interface ChatSessionDeps {
  client(): Promise<Client>;
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

const STREAM_MODES: StreamMode[] = ["messages-tuple", "updates"];
/** Errors after which the run is probably still going and worth rejoining. */
const REJOINABLE = new Set(["streamDropped", "unreachable", "timeout", "server"]);
const REJOIN_ATTEMPTS = 3;
const REJOIN_BACKOFF_MS = 300;

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

interface FollowState {
  assistantId?: string;
  runId?: string;
  lastEventId?: string;
  human?: ChatMessageView;
  /** Message ids already complete in the loaded state: a replay must not append to them. */
  skip?: Set<string>;
  abort: AbortController;
  /** Stopped by the user. */
  stopped?: boolean;
  /** Interrupted or rolled back by a newer message: its end is expected, not an error. */
  superseded?: boolean;
}

export type MultitaskStrategy = "enqueue" | "interrupt" | "rollback" | "reject";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A reply may think for a while between tokens; a minute of silence is a dead connection. */
const DEFAULT_STREAM_IDLE_MS = 60_000;

type StreamPart = { event: string; data: unknown; id?: string };

async function* withEach<T>(source: AsyncIterable<T>, onEach: () => void): AsyncGenerator<T> {
  for await (const item of source) {
    onEach();
    yield item;
  }
}

/**
 * Checkpoints are read a page at a time (each holds the whole state, so a long thread's history is
 * heavy), and older pages only while some shown reply still has no author.
 */
const HISTORY_PAGE = 30;
const HISTORY_MAX_PAGES = 6;

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
  /** Checkpoint history (newest first) behind attribution and branches. */
  private history: CheckpointMessages[] = [];
  /** History is behind the thread after runs ("stale"), or must be re-read because a run forked it. */
  private historyStale: false | "stale" | "forked" = false;
  /** Set while the user looks at a branch other than the thread's head: the next run continues it. */
  private viewCheckpoint: string | undefined;
  /** A reply whose stream was lost and could not be rejoined yet: Retry rejoins it. */
  private pendingRejoin: FollowState | undefined;

  constructor(
    private readonly deps: ChatSessionDeps,
    threadId?: string,
    title?: string,
  ) {
    this.header = { threadId, title: title ?? (threadId ? shortId(threadId) : "New Thread") };
    this.selected = deps.lastAssistant(threadId);
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
      const client = await this.deps.client();
      const threadId = this.header.threadId;
      // One round trip: the assistants, the thread's summary and its state are fetched together.
      const [options, thread, state] = await Promise.all([
        this.deps.assistants.options(),
        threadId ? getThreadSummary(client, threadId) : undefined,
        threadId ? client.threads.getState(threadId) : undefined,
      ]);
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
      const client = await this.deps.client();
      let history = await client.threads.getHistory(threadId, { limit: HISTORY_PAGE });
      let complete = history.length < HISTORY_PAGE;
      let authorship = authorshipFromHistory(history, complete);
      const unattributed = () => this.model.messages.some((m) => m.role === "ai" && !m.author && !authorship.has(m.id));
      for (let page = 1; !complete && page < HISTORY_MAX_PAGES && unattributed(); page++) {
        const oldest = history[history.length - 1]?.checkpoint?.checkpoint_id;
        if (!oldest) break;
        // This server takes the checkpoint id itself for `before`.
        const older = await client.threads.getHistory(threadId, { limit: HISTORY_PAGE, before: oldest as unknown as Config });
        history = history.concat(older);
        complete = older.length < HISTORY_PAGE;
        authorship = authorshipFromHistory(history, complete);
      }
      const authors = new Map([...authorship].map(([id, a]) => [id, this.deps.assistants.ref(a.assistantId)]));
      const update = this.model.setAuthors(authors);
      if (update) this.post(update);
      this.history = toCheckpointMessages(history);
      this.historyStale = false;
      this.postBranches();
    } catch (error) {
      // A nicety on top of a loaded thread: log, do not block the panel.
      this.deps.describe(error, { operation: "load the thread's history" });
    }
  }

  /** Shows the previous or next sibling of a message: the thread as it is on that branch. */
  async switchBranch(messageId: string, direction: -1 | 1): Promise<void> {
    if (this.current) return;
    await this.freshHistory();
    const shown = this.model.messages.map((m) => m.id);
    const position = shown.indexOf(messageId);
    const info = branchesOf(this.history, shown).get(messageId);
    const target = info?.options[info.index + direction];
    if (position < 0 || !target) return;
    const head = branchHead(this.history, shown, position, target);
    if (!head) return;
    const known = new Map(this.model.messages.map((m) => [m.id, m]));
    this.model.reset(toMessageViews(head.messages, (id) => ({ author: known.get(id)?.author })));
    // The newest checkpoint is the thread's own head: only other branches need an explicit checkpoint.
    this.viewCheckpoint = head.checkpointId === this.history[0]?.checkpointId ? undefined : head.checkpointId;
    this.post(this.snapshot());
    await this.loadHistory();
  }

  /** Shows the thread as it was at a checkpoint; the next message continues from there, as a fork. */
  async openAtCheckpoint(checkpointId: string): Promise<void> {
    const threadId = this.header.threadId;
    if (!threadId || this.current) return;
    try {
      const client = await this.deps.client();
      const state = await client.threads.getState(threadId, checkpointId);
      const known = new Map(this.model.messages.map((m) => [m.id, m]));
      this.model.reset(toMessageViews(messagesOfValues(state.values), (id) => ({ author: known.get(id)?.author })));
      this.viewCheckpoint = checkpointId === this.history[0]?.checkpointId ? undefined : checkpointId;
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
    const checkpointId = forkPoint(this.history, this.model.messages.map((m) => m.id), position, false);
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
    const checkpointId = forkPoint(this.history, this.model.messages.map((m) => m.id), position, true);
    if (!checkpointId) {
      this.setError({ kind: "notFound", message: "No checkpoint before this reply was found to regenerate from.", actions: [], detail: "no fork point" });
      return;
    }
    this.truncate(position);
    await this.runStream({ assistantId, input: null, checkpointId });
  }

  private async freshHistory(): Promise<void> {
    if (this.historyStale) await this.loadHistory();
  }

  private truncate(position: number): void {
    this.model.reset(this.model.messages.slice(0, position));
    this.post(this.snapshot());
  }

  private postBranches(): void {
    const branches = branchesOf(this.history, this.model.messages.map((m) => m.id));
    const positions: Record<string, BranchPosition> = {};
    for (const message of this.model.messages) {
      const info = branches.get(message.id);
      message.branch = info ? { index: info.index, count: info.count } : undefined;
      if (message.branch) positions[message.id] = message.branch;
    }
    this.post({ type: "branches", branches: positions });
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
      const client = await this.deps.client();
      const threadId = await this.ensureThread(client, request.human?.content ?? "");
      const config = await runConfigFor(client, threadId, await this.deps.assistants.get(request.assistantId));
      const run = await client.runs.create(threadId, request.assistantId, {
        input: request.input,
        config,
        multitaskStrategy: strategy,
        streamResumable: true,
      });
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
        await this.rejoin(follow, await this.deps.client());
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
    // A run continues the branch on screen; afterwards the thread's head is that branch.
    const forkFrom = request.checkpointId ?? this.viewCheckpoint;
    if (forkFrom) this.historyStale = "forked";
    this.viewCheckpoint = undefined;
    this.setRun({ phase: "starting", assistantId });
    try {
      const client = await this.deps.client();
      const threadId = await this.ensureThread(client, human?.content ?? "New thread");
      const assistant = await this.deps.assistants.get(assistantId);
      const config = await runConfigFor(client, threadId, assistant);
      await this.followAttempt(follow, (signal) =>
        client.runs.stream(threadId, assistantId, {
          input: request.input,
          command: request.command,
          config,
          streamMode: STREAM_MODES,
          streamResumable: true,
          multitaskStrategy: request.multitaskStrategy,
          checkpointId: forkFrom,
          signal,
          onRunCreated: ({ run_id }) => this.runCreated(follow, run_id),
        }),
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
    const client = await this.deps.client();
    const run = await client.runs.get(threadId, runId).catch(() => undefined);
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
      await this.rejoin(follow, client);
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
    if (this.header.threadId) this.deps.rememberRun(this.header.threadId, runId);
    if (follow === this.current) this.setRun({ phase: "streaming", runId, assistantId: follow.assistantId });
  }

  /**
   * One connection to a run's stream, watched: if no event arrives for the idle timeout, the connection
   * is abandoned as stalled (the run goes on; the caller rejoins it).
   */
  private async followAttempt(follow: FollowState, open: (signal: AbortSignal) => AsyncIterable<StreamPart>): Promise<void> {
    const attempt = new AbortController();
    const stopAttempt = () => attempt.abort();
    follow.abort.signal.addEventListener("abort", stopAttempt);
    const idleMs = this.deps.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_MS;
    let stalled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        attempt.abort();
      }, idleMs);
    };
    try {
      arm();
      await this.follow(withEach(open(attempt.signal), arm), follow);
    } catch (error) {
      if (!stalled) throw error;
      const stall = new Error(`No data for ${Math.round(idleMs / 1000)} s`);
      stall.name = "StreamStalledError";
      throw stall;
    } finally {
      clearTimeout(timer);
      follow.abort.signal.removeEventListener("abort", stopAttempt);
    }
  }

  /** Applies a run's events; remembers the last event id so a rejoin neither repeats nor loses tokens. */
  private async follow(stream: AsyncIterable<StreamPart>, follow: FollowState): Promise<void> {
    for await (const part of stream) {
      if (this.disposed) return;
      if (part.id !== undefined) follow.lastEventId = part.id;
      if (follow.assistantId && this.header.threadId) this.deps.onRunEvent?.(follow.assistantId, this.header.threadId, part);
      if (part.event === "metadata") {
        const runId = stringOf((part.data as { run_id?: unknown })?.run_id);
        if (runId) this.runCreated(follow, runId);
      }
      if (follow.human?.pending) {
        follow.human.pending = false;
        this.post(this.model.upsert(follow.human));
      }
      if (part.event === "messages") this.applyMessageEvent(part.data, follow.skip);
      else if (part.event === "error") throw streamError(part.data);
    }
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
    const mapped = this.deps.describe(error, { operation: "finish the reply" });
    if (!REJOINABLE.has(mapped.kind)) {
      this.setError(mapped);
      return;
    }
    try {
      await this.rejoin(follow, await this.deps.client());
    } catch (rejoinError) {
      if (follow.stopped || follow.superseded) return;
      this.pendingRejoin = follow;
      this.setError(this.deps.describe(rejoinError, { operation: "reconnect to the reply" }));
    }
  }

  /** Rejoins the run's stream from the last event seen, a few times with backoff. */
  private async rejoin(follow: FollowState, client: Client): Promise<void> {
    const threadId = this.header.threadId;
    if (!threadId || !follow.runId) return;
    let lastError: unknown;
    for (let attempt = 0; attempt < REJOIN_ATTEMPTS; attempt++) {
      if (attempt > 0) await delay(REJOIN_BACKOFF_MS * 2 ** (attempt - 1));
      if (follow.stopped || follow.superseded || this.disposed) return;
      if (follow === this.current) this.setRun({ phase: "streaming", runId: follow.runId, assistantId: follow.assistantId });
      try {
        const runId = follow.runId;
        await this.followAttempt(follow, (signal) =>
          client.runs.joinStream(threadId, runId, { lastEventId: follow.lastEventId ?? "-1", streamMode: STREAM_MODES, signal }),
        );
        return;
      } catch (error) {
        lastError = error;
        if (!REJOINABLE.has(this.deps.describe(error, { operation: "rejoin the reply" }).kind)) throw error;
      }
    }
    throw lastError;
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
        const client = await this.deps.client();
        await client.runs.cancel(threadId, follow.runId, false);
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
    this.current?.abort.abort();
    for (const queued of this.queue) queued.abort.abort();
  }

  /** Replaces local guesses with the server's state once a run ends (ids, order, final content). */
  private async reconcile(keep: ChatMessageView[] = []): Promise<void> {
    const threadId = this.header.threadId;
    if (!threadId || this.disposed) return;
    try {
      const client = await this.deps.client();
      const [thread, state] = await Promise.all([getThreadSummary(client, threadId), client.threads.getState(threadId)]);
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
      const needsHistory = this.historyStale === "forked" || views.some((v) => v.role === "ai" && !v.author);
      if (needsHistory) await this.loadHistory();
      else this.historyStale = "stale";
    } catch (error) {
      this.setError(this.deps.describe(error, { operation: "refresh the thread", subject: `Thread ${shortId(threadId)}` }));
    }
  }

  private applyMessageEvent(data: unknown, skip?: Set<string>): void {
    if (!Array.isArray(data)) return;
    const [chunk, metadata] = data as [WireMessage, Record<string, unknown> | undefined];
    const role = roleOf(chunk);
    if (!role || !chunk.id || skip?.has(chunk.id)) return;
    const assistantId = stringOf(metadata?.assistant_id) ?? this.runView.assistantId;
    const runId = stringOf(metadata?.run_id) ?? this.runView.runId;

    if (role === "tool" && chunk.tool_call_id && this.model.hasToolCall(chunk.tool_call_id)) {
      const update = this.model.toolResult(chunk.tool_call_id, {
        content: textOf(chunk.content),
        status: chunk.status === "error" ? "error" : "success",
      });
      if (update) this.post(update);
      return;
    }
    if (!this.model.get(chunk.id)) {
      const author = role === "ai" && assistantId ? this.deps.assistants.ref(assistantId) : undefined;
      const view = toMessageView(chunk, chunk.id, author, runId);
      if (chunk.tool_call_chunks?.length) view.toolCalls = [];
      this.post(this.model.upsert(view));
      const deltas = toolCallDeltas(chunk);
      if (deltas.length) {
        const update = this.model.appendDelta(chunk.id, "", deltas);
        if (update) this.post(update);
      }
      return;
    }
    if (role !== "ai") return;
    const update = this.model.appendDelta(chunk.id, textOf(chunk.content), toolCallDeltas(chunk));
    if (update) this.post(update);
  }

  private async ensureThread(client: Client, firstMessage: string): Promise<string> {
    if (this.header.threadId) return this.header.threadId;
    const title = shorten(firstMessage, 60);
    const thread = await client.threads.create({ metadata: { title } });
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
    if (!this.disposed) this.deps.post(message);
  }
}

function toolCallDeltas(chunk: WireMessage): ToolCallDelta[] {
  return (chunk.tool_call_chunks ?? []).map((c, i) => ({
    index: typeof c.index === "number" ? c.index : i,
    id: c.id ?? undefined,
    name: c.name ?? undefined,
    argsDelta: c.args ?? "",
  }));
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

function streamError(data: unknown): Error {
  const body = (data ?? {}) as { error?: unknown; message?: unknown };
  const error = new Error(String(body.message ?? body.error ?? "The run failed"));
  error.name = String(body.error ?? "RunError");
  return error;
}

export function titleOf(metadata: unknown): string | undefined {
  const title = (metadata as { title?: unknown } | null)?.title;
  return typeof title === "string" && title.trim() ? title.trim() : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

export function shortId(id: string | undefined): string {
  return id ? id.slice(0, 8) : "new";
}

export function shorten(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
