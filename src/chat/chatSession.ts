/**
 * The host side of one chat panel: loads a thread, runs messages against the assistant the user picked
 * for each one, turns the SDK stream into protocol deltas, and keeps the truth while the panel is hidden.
 * Free of `vscode`, so the integration tests drive exactly this against a real server.
 */
import { randomUUID } from "node:crypto";
import type { Client } from "@langchain/langgraph-sdk";
import type { AssistantDirectory } from "../assistants/assistantDirectory";
import { toErrorView, type ErrorContext, type UserFacingError } from "../deployment/errorMapping";
import type {
  AssistantOption,
  ChatMessageView,
  ErrorView,
  HostToWebview,
  RunView,
  ThreadHeader,
  ToolCallDelta,
} from "../protocol/chatProtocol";
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
  /** Thread created, renamed, or its status changed: the tree follows. */
  onThreadChanged?(thread: ThreadHeader): void;
}

/** How many checkpoints to read for attribution; older messages stay unattributed. */
const HISTORY_WINDOW = 200;

export class ChatSession {
  readonly model = new ThreadModel();
  private header: ThreadHeader;
  private selected: string | undefined;
  private runView: RunView = { phase: "idle" };
  private errorView: ErrorView | undefined;
  private loading = false;
  private abort: AbortController | undefined;
  private stopRequested = false;
  private lastFailedSend: { text: string; assistantId?: string } | undefined;
  private disposed = false;
  private assistantOptionsCache: AssistantOption[] = [];

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
    };
  }


  /** Loads assistants and the thread's messages; attribution follows from history without blocking. */
  async load(): Promise<void> {
    this.loading = true;
    this.setError(undefined);
    this.post(this.snapshot());
    try {
      const [client] = await Promise.all([this.deps.client(), this.loadAssistants()]);
      if (this.header.threadId) {
        const threadId = this.header.threadId;
        const [thread, state] = await Promise.all([getThreadSummary(client, threadId), client.threads.getState(threadId)]);
        const title = titleOf(thread?.metadata) ?? this.header.title;
        this.header = { threadId, title, status: thread?.status };
        this.model.reset(toMessageViews(messagesOfValues(state.values)));
        this.selected ??= stringOf(thread?.metadata?.assistant_id);
      }
      this.ensureSelection();
    } catch (error) {
      this.setError(this.deps.describe(error, { operation: "load the thread", subject: `Thread ${shortId(this.header.threadId)}` }));
    } finally {
      this.loading = false;
      this.post(this.snapshot());
    }
    if (this.header.threadId && !this.errorView) await this.loadAttribution();
  }

  /** Who wrote each AI reply, from checkpoint metadata: survives reloads, unlike anything kept locally. */
  async loadAttribution(): Promise<void> {
    const threadId = this.header.threadId;
    if (!threadId) return;
    try {
      const client = await this.deps.client();
      const history = await client.threads.getHistory(threadId, { limit: HISTORY_WINDOW });
      const authorship = authorshipFromHistory(history, history.length < HISTORY_WINDOW);
      const authors = new Map([...authorship].map(([id, a]) => [id, this.deps.assistants.ref(a.assistantId)]));
      const update = this.model.setAuthors(authors);
      if (update) this.post(update);
    } catch (error) {
      // Attribution is a nicety on top of a loaded thread: log, do not block the panel.
      this.deps.describe(error, { operation: "load who wrote each reply" });
    }
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
    if (this.runView.phase !== "idle") {
      this.post({ type: "restoreDraft", text });
      this.setError({ kind: "busy", message: "A reply is still streaming. Stop it or wait before sending.", actions: [], detail: "local busy" });
      return;
    }
    if (!assistantId) {
      this.post({ type: "restoreDraft", text });
      this.setError({ kind: "badRequest", message: "Choose an assistant before sending.", actions: ["retry"], detail: "no assistant" });
      return;
    }
    this.setError(undefined);
    this.lastFailedSend = undefined;
    if (assistantId !== this.selected) this.selectAssistant(assistantId);
    else this.deps.rememberAssistant(this.header.threadId, assistantId);

    const human: ChatMessageView = { id: randomUUID(), role: "human", content: body, toolCalls: [], pending: true };
    this.post(this.model.upsert(human));
    this.setRun({ phase: "starting", assistantId });
    this.stopRequested = false;
    const abort = new AbortController();
    this.abort = abort;
    let runStarted = false;

    try {
      const client = await this.deps.client();
      const threadId = await this.ensureThread(client, body);
      const assistant = await this.deps.assistants.get(assistantId);
      const config = await runConfigFor(client, threadId, assistant);
      const stream = client.runs.stream(threadId, assistantId, {
        input: { messages: [{ type: "human", content: body, id: human.id }] },
        config,
        streamMode: ["messages-tuple", "updates"],
        streamResumable: true,
        signal: abort.signal,
        onRunCreated: ({ run_id }) => {
          runStarted = true;
          this.setRun({ phase: "streaming", runId: run_id, assistantId });
        },
      });
      for await (const part of stream) {
        if (this.disposed) break;
        if (!runStarted && part.event === "metadata") {
          runStarted = true;
          const runId = stringOf((part.data as { run_id?: unknown })?.run_id);
          this.setRun({ phase: "streaming", runId, assistantId });
        }
        if (human.pending) {
          human.pending = false;
          this.post(this.model.upsert(human));
        }
        if (part.event === "messages") this.applyMessageEvent(part.data);
        else if (part.event === "error") throw streamError(part.data);
      }
    } catch (error) {
      if (this.stopRequested) {
        // The user stopped the run: not an error.
      } else if (!runStarted) {
        const removal = this.model.remove(human.id);
        if (removal) this.post(removal);
        this.post({ type: "restoreDraft", text });
        this.lastFailedSend = { text, assistantId };
        this.setError(this.deps.describe(error, { operation: "send the message", subject: `Thread ${shortId(this.header.threadId)}` }));
      } else {
        this.setError(this.deps.describe(error, { operation: "finish the reply" }));
      }
    } finally {
      this.abort = undefined;
      this.setRun({ phase: "idle", assistantId });
    }
    if (runStarted || this.header.threadId) await this.reconcile();
  }

  /** Stops the streaming run on the server, not just the local stream. */
  async stop(): Promise<void> {
    const { runId } = this.runView;
    const threadId = this.header.threadId;
    if (this.runView.phase === "idle") return;
    this.stopRequested = true;
    this.setRun({ ...this.runView, phase: "stopping" });
    try {
      if (threadId && runId) {
        const client = await this.deps.client();
        await client.runs.cancel(threadId, runId, false);
      }
    } catch (error) {
      this.setError(this.deps.describe(error, { operation: "stop the run" }));
    } finally {
      this.abort?.abort();
    }
  }

  /** The action buttons of the error banner. */
  async retry(): Promise<void> {
    const failed = this.lastFailedSend;
    this.setError(undefined);
    if (failed) {
      this.post({ type: "restoreDraft", text: "" });
      await this.send(failed.text, failed.assistantId);
    } else {
      await this.load();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.abort?.abort();
  }

  /** Replaces local guesses with the server's state once a run ends (ids, order, final content). */
  private async reconcile(): Promise<void> {
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
      if (views.some((v) => v.role === "ai" && !v.author)) await this.loadAttribution();
    } catch (error) {
      this.setError(this.deps.describe(error, { operation: "refresh the thread", subject: `Thread ${shortId(threadId)}` }));
    }
  }

  private applyMessageEvent(data: unknown): void {
    if (!Array.isArray(data)) return;
    const [chunk, metadata] = data as [WireMessage, Record<string, unknown> | undefined];
    const role = roleOf(chunk);
    if (!role || !chunk.id) return;
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

  private ensureSelection(): void {
    const options = this.assistantOptionsCache;
    if (!options.length) return;
    if (!this.selected || !options.some((o) => o.id === this.selected)) this.selected = options[0].id;
  }

  private updateHeader(change: Partial<ThreadHeader>): void {
    this.header = { ...this.header, ...change };
    this.post({ type: "thread", thread: this.header });
    this.deps.onThreadChanged?.(this.header);
  }

  private setRun(run: RunView): void {
    this.runView = run;
    this.post({ type: "run", run });
    if (this.header.threadId) {
      const status = run.phase === "idle" ? this.header.status : "busy";
      this.deps.onThreadChanged?.({ ...this.header, status });
    }
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
