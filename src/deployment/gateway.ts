/**
 * The one module that holds an SDK `Client`. Every request to the deployment goes through an operation
 * here, and every answer comes back as the project's own types, validated (`wireSchemas`). Retries
 * happen in one layer only (`retryingFetch`): a request is sent at most `MAX_SENDS` times, a request
 * that starts a run exactly once.
 */
import * as l10n from "@vscode/l10n";
import type { Client, Config, StreamMode } from "@langchain/langgraph-sdk";
import type { StreamModeName } from "../common/streamModes";
import { createClient, deploymentFetch, fetchServerInfo, type ClientOptions } from "./clientFactory";
import { runStreamModes, STREAM_MODES, STREAM_SUBGRAPHS } from "./runStreamModes";
import { CheckpointGoneError, isMissingEndpoint, UnsupportedByServerError } from "./errorMapping";
import type {
  AssistantDraft,
  AssistantRecord,
  AssistantVersion,
  GraphSchemas,
  RawGraph,
  RunRecord,
  RunRequest,
  ServerInfo,
  StreamPart,
  Superstep,
  ThreadCheckpoint,
  ThreadQuery,
  ThreadSummary,
} from "./types";
import { parseAssistant, parseCheckpoint, parseGraph, parseGraphSchemas, parseRun, parseSchemas, parseServerInfo, parseStateUpdate, parseThread, parseVersion } from "./wireSchemas";

export { MAX_SENDS } from "./retryingFetch";

const LIST_FIELDS = ["thread_id", "created_at", "updated_at", "metadata", "status"] as const;
const SUMMARY_FIELDS = [...LIST_FIELDS, "config"] as const;

export interface StreamOptions {
  signal?: AbortSignal;
  /** Modes to stream beyond the chat's own (`values` is left out on servers that fail it with subgraphs). */
  extraModes?: readonly StreamModeName[];
  /** Called once the server has created the run (before its first event). */
  onRunCreated?(runId: string): void;
}

/**
 * Whether a LangGraph server answers `GET /ok` at `url` (a local server that is still starting does
 * not): one short request, no key, no retry.
 */
export async function serverAnswers(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const response = await deploymentFetch(url)(`${url.replace(/\/+$/, "")}/ok`, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}

const isNotFound = (error: unknown) => (error as { status?: unknown } | null)?.status === 404;

export class DeploymentGateway {
  private clientPromise: Promise<Client> | undefined;
  private infoPromise: Promise<ServerInfo> | undefined;

  /**
   * `connect` says where and how to connect; it may throw (no URL, malformed URL) and is asked again
   * after `reset`. `build` is replaced only by benchmarks that instrument the client underneath.
   */
  constructor(
    private readonly connect: () => Promise<ClientOptions> | ClientOptions,
    private readonly build: (options: ClientOptions) => Client = createClient,
  ) {}

  /** A gateway to a fixed URL (tests, benchmarks, scripts). */
  static to(options: ClientOptions): DeploymentGateway {
    return new DeploymentGateway(() => options);
  }

  /** Settings or the key changed: the next request connects anew. */
  reset(): void {
    this.clientPromise = undefined;
    this.infoPromise = undefined;
  }

  // Connection

  /** The cheapest request that needs both the URL and the key. */
  async ping(): Promise<void> {
    await (await this.client()).assistants.search({ limit: 1 });
  }

  /** What the server says about itself (`GET /info`), asked once per connection. */
  serverInfo(): Promise<ServerInfo> {
    this.infoPromise ??= (async () => parseServerInfo.one(await fetchServerInfo(await this.connect())))().catch((error: unknown) => {
      this.infoPromise = undefined;
      throw error;
    });
    return this.infoPromise;
  }

  // Threads

  async searchThreads(query: ThreadQuery): Promise<ThreadSummary[]> {
    const client = await this.client();
    return parseThread.many(
      await client.threads.search({
        limit: query.limit,
        offset: query.offset,
        sortBy: "updated_at",
        sortOrder: "desc",
        select: query.withInterrupts ? [...LIST_FIELDS, "interrupts"] : [...LIST_FIELDS],
        status: query.status,
        metadata: query.metadata,
        ids: query.ids,
      }),
    );
  }

  /** One thread's summary with its stored config, or undefined when the deployment has no such thread. */
  async getThread(threadId: string): Promise<ThreadSummary | undefined> {
    const client = await this.client();
    const [thread] = await client.threads.search({ ids: [threadId], select: [...SUMMARY_FIELDS], limit: 1 });
    return thread === undefined ? undefined : parseThread.one(thread);
  }

  async createThread(metadata: Record<string, unknown>): Promise<ThreadSummary> {
    return parseThread.one(await (await this.client()).threads.create({ metadata }));
  }

  /**
   * Creates a thread of `graphId` whose history is `supersteps`, replayed in order (an exported thread,
   * imported). The id is chosen here so that a server failing halfway leaves nothing behind: the
   * partial thread is deleted before the error is thrown.
   */
  async importThread(graphId: string, supersteps: Superstep[], metadata: Record<string, unknown>): Promise<ThreadSummary> {
    const client = await this.client();
    const threadId = crypto.randomUUID();
    const wire = supersteps.map((step) => ({ updates: step.updates.map((u) => ({ values: u.values, asNode: u.as_node })) }));
    try {
      return parseThread.one(await this.attempt(l10n.t("creating threads from supersteps"), () => client.threads.create({ threadId, graphId, metadata, supersteps: wire })));
    } catch (error) {
      await client.threads.delete(threadId).catch(() => undefined);
      throw error;
    }
  }

  /** Merges `metadata` into the thread's metadata. */
  async updateThread(threadId: string, metadata: Record<string, unknown>): Promise<ThreadSummary> {
    return parseThread.one(await (await this.client()).threads.update(threadId, { metadata }));
  }

  async deleteThread(threadId: string): Promise<void> {
    await (await this.client()).threads.delete(threadId);
  }

  async copyThread(threadId: string): Promise<ThreadSummary> {
    const client = await this.client();
    return parseThread.one(await this.attempt(l10n.t("forking threads (threads.copy)"), () => client.threads.copy(threadId)));
  }

  /** The thread's state at its head or at a checkpoint; `messagesOnly` asks the server for `values.messages` alone. */
  async getState(threadId: string, options: { checkpointId?: string; messagesOnly?: boolean } = {}): Promise<ThreadCheckpoint> {
    const client = await this.client();
    const select = options.messagesOnly ? ({ select: ["values.messages"] } as never) : undefined;
    return parseCheckpoint.one(await client.threads.getState(threadId, options.checkpointId, select));
  }

  /**
   * The state at one checkpoint, or undefined when the thread has no such checkpoint: the server then
   * answers an empty state (no `created_at`) rather than a 404.
   */
  async getCheckpoint(threadId: string, checkpointId: string): Promise<ThreadCheckpoint | undefined> {
    const state = await this.getState(threadId, { checkpointId });
    return state.created_at ? state : undefined;
  }

  /**
   * Writes `values` as if `asNode` had written them, on top of `checkpointId` (a new checkpoint that
   * forks the thread there) or, without one, on the thread's head (a debugger's edit of a paused run).
   * Returns its id. A checkpoint the thread no longer has is refused first, since the server would
   * silently write a new root in its place.
   */
  async updateState(threadId: string, values: Record<string, unknown>, options: { checkpointId?: string; asNode?: string } = {}): Promise<string> {
    if (options.checkpointId && !(await this.getCheckpoint(threadId, options.checkpointId))) throw new CheckpointGoneError(threadId, options.checkpointId);
    const client = await this.client();
    return parseStateUpdate.one(await client.threads.updateState(threadId, { values, checkpointId: options.checkpointId, asNode: options.asNode })).checkpoint.checkpoint_id;
  }

  /** The raw state, for showing it as JSON exactly as the server has it. */
  async getStateJson(threadId: string, checkpointId?: string): Promise<unknown> {
    return (await this.client()).threads.getState(threadId, checkpointId);
  }

  /** Checkpoints, newest first; `before` is a checkpoint id. */
  async getHistory(threadId: string, options: { limit: number; before?: string }): Promise<ThreadCheckpoint[]> {
    const client = await this.client();
    // The server takes the checkpoint id itself for `before` (a Config object is rejected).
    const before = options.before as unknown as Config | undefined;
    return parseCheckpoint.many(await client.threads.getHistory(threadId, { limit: options.limit, before }));
  }

  /**
   * The checkpoints a subgraph recorded while a parent task ran it, oldest first: they are stored on the
   * parent thread under the task's namespace (`researcher:<task id>`).
   */
  async getSubgraphHistory(threadId: string, checkpointNs: string, limit = 100): Promise<ThreadCheckpoint[]> {
    const client = await this.client();
    return parseCheckpoint.many(await client.threads.getHistory(threadId, { limit, checkpoint: { checkpoint_ns: checkpointNs } })).reverse();
  }

  // Runs

  /** Starts a run and yields its events; the POST is sent exactly once. */
  async *streamRun(threadId: string, assistantId: string, request: RunRequest, options: StreamOptions = {}): AsyncGenerator<StreamPart> {
    const client = await this.client();
    yield* client.runs.stream(threadId, assistantId, {
      input: request.input,
      command: request.command,
      config: request.config,
      checkpointId: request.checkpointId,
      multitaskStrategy: request.multitaskStrategy,
      interruptBefore: request.interruptBefore,
      interruptAfter: request.interruptAfter,
      streamMode: await this.streamModes(options.extraModes),
      streamSubgraphs: STREAM_SUBGRAPHS,
      streamResumable: true,
      signal: options.signal,
      onRunCreated: options.onRunCreated ? ({ run_id }) => options.onRunCreated?.(run_id) : undefined,
    }) as AsyncIterable<StreamPart>;
  }

  /**
   * Starts a run without following it (a message queued behind the running one). It streams the same
   * modes as a followed run, so joining it later gets its tokens, not only whole-state events.
   */
  async createRun(threadId: string, assistantId: string, request: RunRequest, extraModes?: readonly StreamModeName[]): Promise<RunRecord> {
    const client = await this.client();
    const streamMode = await this.streamModes(extraModes);
    return parseRun.one(
      await client.runs.create(threadId, assistantId, {
        input: request.input,
        command: request.command,
        config: request.config,
        multitaskStrategy: request.multitaskStrategy,
        streamMode,
        streamSubgraphs: STREAM_SUBGRAPHS,
        streamResumable: true,
      }),
    );
  }

  /** Follows a run's stream from after `lastEventId` ("-1": from its start). */
  async *joinRun(threadId: string, runId: string, lastEventId: string, signal?: AbortSignal, extraModes?: readonly StreamModeName[]): AsyncGenerator<StreamPart> {
    const client = await this.client();
    const streamMode = await this.streamModes(extraModes);
    yield* client.runs.joinStream(threadId, runId, { lastEventId, streamMode, signal }) as AsyncIterable<StreamPart>;
  }

  /** The run, or undefined when the deployment no longer has it (404). Any other failure throws. */
  async getRun(threadId: string, runId: string): Promise<RunRecord | undefined> {
    const client = await this.client();
    try {
      return parseRun.one(await client.runs.get(threadId, runId));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** The thread's runs still pending or running (what another client may have started). */
  async activeRuns(threadId: string): Promise<RunRecord[]> {
    const client = await this.client();
    const [running, pending] = await Promise.all([client.runs.list(threadId, { status: "running", limit: 10 }), client.runs.list(threadId, { status: "pending", limit: 10 })]);
    return parseRun.many([...running, ...pending]);
  }

  async cancelRun(threadId: string, runId: string): Promise<void> {
    await (await this.client()).runs.cancel(threadId, runId, false);
  }

  /** The thread's runs, oldest first (this server's `offset` paging is broken: one read of `limit`). */
  async listRuns(threadId: string, limit: number): Promise<RunRecord[]> {
    return parseRun.many(await (await this.client()).runs.list(threadId, { limit }));
  }

  // Assistants

  async searchAssistants(query: { limit: number; offset?: number; graphId?: string }): Promise<AssistantRecord[]> {
    const client = await this.client();
    return parseAssistant.many(await client.assistants.search({ ...query, sortBy: "name", sortOrder: "asc" }));
  }

  /** The assistant, or undefined when the deployment has no such assistant (404). */
  async getAssistant(assistantId: string): Promise<AssistantRecord | undefined> {
    const client = await this.client();
    try {
      return parseAssistant.one(await client.assistants.get(assistantId));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async createAssistant(graphId: string, draft: AssistantDraft): Promise<AssistantRecord> {
    return parseAssistant.one(await (await this.client()).assistants.create({ graphId, ...draft }));
  }

  async updateAssistant(assistantId: string, draft: AssistantDraft): Promise<AssistantRecord> {
    return parseAssistant.one(await (await this.client()).assistants.update(assistantId, draft));
  }

  async deleteAssistant(assistantId: string): Promise<void> {
    await (await this.client()).assistants.delete(assistantId);
  }

  async assistantVersions(assistantId: string, limit: number): Promise<AssistantVersion[]> {
    const client = await this.client();
    return parseVersion.many(await this.attempt(l10n.t("assistant versions"), () => client.assistants.getVersions(assistantId, { limit })));
  }

  async setAssistantVersion(assistantId: string, version: number): Promise<AssistantRecord> {
    const client = await this.client();
    return parseAssistant.one(await this.attempt(l10n.t("assistant versions"), () => client.assistants.setLatest(assistantId, version)));
  }

  /**
   * The JSON Schema of the assistant's graph state, or undefined when the server has none for it.
   * Slow on the local server (it reads the graph's TypeScript types): never on a hot path.
   */
  async stateSchema(assistantId: string): Promise<Record<string, unknown> | undefined> {
    const client = await this.client();
    return parseSchemas.one(await this.attempt(l10n.t("graph schemas (assistants.getSchemas)"), () => client.assistants.getSchemas(assistantId))).state_schema ?? undefined;
  }

  /** The JSON Schemas of the assistant's graph (slow for TypeScript graphs: never on a hot path, cache it). */
  async assistantSchemas(assistantId: string): Promise<GraphSchemas> {
    const client = await this.client();
    return parseGraphSchemas.one(await this.attempt(l10n.t("graph schemas (assistants.getSchemas)"), () => client.assistants.getSchemas(assistantId)));
  }

  /** The assistant's graph; `xray` draws subgraphs expanded (older servers reject it). */
  async assistantGraph(assistantId: string, xray: boolean): Promise<RawGraph> {
    const client = await this.client();
    return parseGraph.one(await this.attempt(l10n.t("drawing graphs (assistants.getGraph)"), () => client.assistants.getGraph(assistantId, xray ? { xray: true } : undefined)));
  }

  /**
   * Follows whatever runs on the thread (`threads.joinStream`), as a LangGraph Platform deployment offers
   * it; the local dev server has no such endpoint, and says so in terms of its version.
   */
  async *followThread(threadId: string, signal?: AbortSignal): AsyncGenerator<StreamPart> {
    const client = await this.client();
    try {
      yield* client.threads.joinStream(threadId, { streamMode: ["run_modes"], signal }) as AsyncIterable<StreamPart>;
    } catch (error) {
      throw await this.explain(error, l10n.t("following a thread's runs (threads.joinStream)"));
    }
  }

  /** The modes a run streams; the server's version is read (once per connection) only when extra modes are asked for. */
  private async streamModes(extra: readonly StreamModeName[] | undefined): Promise<StreamMode[]> {
    if (!extra?.length) return [...STREAM_MODES];
    const version = await this.serverInfo().then(
      (info) => info.version,
      () => undefined,
    );
    const major = version === undefined ? undefined : Number.parseInt(version, 10);
    return runStreamModes(extra, Number.isNaN(major) ? undefined : major);
  }

  /** Runs one request; a missing endpoint is said as what this server lacks (`explain`). */
  private async attempt<T>(capability: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw await this.explain(error, capability);
    }
  }

  /**
   * An error from a missing endpoint becomes one that names the server's version and what it lacks;
   * anything else passes through unchanged. Asking `/info` must not hide the original error.
   */
  private async explain(error: unknown, capability: string): Promise<unknown> {
    if (!isMissingEndpoint(error)) return error;
    const version = await this.serverInfo().then(
      (info) => info.version,
      () => undefined,
    );
    const status = (error as { status: number }).status;
    return new UnsupportedByServerError(capability, version, status, error);
  }

  private client(): Promise<Client> {
    this.clientPromise ??= (async () => this.build(await this.connect()))().catch((error: unknown) => {
      this.clientPromise = undefined;
      throw error;
    });
    return this.clientPromise;
  }
}
