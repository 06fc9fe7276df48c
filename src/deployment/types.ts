/**
 * What the deployment holds, as the rest of the extension sees it. These are the project's own types,
 * filled by the gateway from validated wire data; nothing outside `src/deployment` sees SDK types.
 * Field names stay the API's (`thread_id`, `assistant_id`…), so code, logs and LangGraph's docs agree.
 */

export type ThreadStatus = "idle" | "busy" | "interrupted" | "error";
export const THREAD_STATUSES: readonly ThreadStatus[] = ["idle", "busy", "interrupted", "error"];

export type RunStatus = "pending" | "running" | "error" | "success" | "timeout" | "interrupted";

/** A run's `config`; `configurable` is what graphs read, the rest passes through untouched. */
export interface RunConfig {
  configurable?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A thread without its values: listings and checks never download whole conversations. */
export interface ThreadSummary {
  thread_id: string;
  created_at: string;
  updated_at: string;
  status: ThreadStatus;
  metadata: Record<string, unknown>;
  /** Only when asked for (`getThread`): the config the server stored on the thread. */
  config?: RunConfig;
  /** Only when asked for (`withInterrupts`): the pending interrupts, by task id. */
  interrupts?: Record<string, { id?: string; value?: unknown }[]>;
}

export interface CheckpointTask {
  id?: string;
  name?: string;
  result?: unknown;
  /** Set when the task runs a subgraph: its checkpoint namespace (`researcher:<task id>`). */
  checkpoint?: { checkpoint_ns?: string } | null;
  error?: string | null;
  interrupts: { id?: string; value?: unknown }[];
}

/** The state at one checkpoint (the head, or one of history). `values` is the graph's own, untrusted. */
export interface ThreadCheckpoint {
  values: unknown;
  next: string[];
  checkpoint: { checkpoint_id?: string | null } | null;
  parent_checkpoint?: { checkpoint_id?: string | null } | null;
  metadata: Record<string, unknown>;
  created_at?: string | null;
  tasks: CheckpointTask[];
}

export interface RunRecord {
  run_id: string;
  thread_id: string;
  assistant_id: string;
  status: RunStatus;
  /** Started with `streamResumable`: its events are kept, so joining its stream takes none from its client. */
  resumable?: boolean;
}

export interface AssistantRecord {
  assistant_id: string;
  graph_id: string;
  name: string;
  description?: string;
  config: RunConfig;
  context: Record<string, unknown>;
  metadata: Record<string, unknown>;
  version: number;
}

export interface AssistantVersion {
  version: number;
  created_at: string;
  config: RunConfig;
}

/** The editable part of an assistant, as created or updated. */
export interface AssistantDraft {
  name: string;
  description?: string;
  config: RunConfig;
  context: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** A graph as the server draws it (nodes and edges, untrusted; the graph view reads them defensively). */
export interface RawGraph {
  nodes?: { id?: unknown; type?: unknown; data?: unknown; metadata?: unknown }[];
  edges?: { source?: unknown; target?: unknown; data?: unknown; conditional?: unknown }[];
}

/** One event of a run's stream. `id` lets a rejoin continue after the last event seen. */
export interface StreamPart {
  event: string;
  data: unknown;
  id?: string;
}

/** How a run ended, when the caller knows better than the stream (the user stopped it). */
export type RunOutcome = "done" | "error" | "interrupted" | "stopped";

export type MultitaskStrategy = "enqueue" | "interrupt" | "rollback" | "reject";

export interface ThreadQuery {
  limit: number;
  offset?: number;
  status?: ThreadStatus;
  metadata?: Record<string, string>;
  ids?: string[];
  /** Also read each thread's pending interrupts (the Needs Input view). */
  withInterrupts?: boolean;
}

/** Where a run stops by itself: before or after these nodes (`"*"`: every node). */
export type NodeInterrupts = string[] | "*";

/** A run's own stopping points, as a debugger sets them. */
export interface NodeInterruptsRequest {
  interruptBefore?: NodeInterrupts;
  interruptAfter?: NodeInterrupts;
}

/** A `Command`: the value an `interrupt()` returns, a state update, and where to go next. */
export interface RunCommand {
  resume?: unknown;
  update?: Record<string, unknown>;
  goto?: string | string[];
}

export interface RunRequest {
  /** `null` re-runs from `checkpointId` (or resumes the thread's head) without new input. */
  input?: Record<string, unknown> | null;
  command?: RunCommand;
  config?: RunConfig;
  /** Fork from this checkpoint instead of the thread's head. */
  checkpointId?: string;
  multitaskStrategy?: MultitaskStrategy;
  interruptBefore?: NodeInterrupts;
  interruptAfter?: NodeInterrupts;
}

/** One step of a thread's history as `threads.create({ supersteps })` replays it: what each node wrote. */
export interface Superstep {
  updates: { values: unknown; as_node: string }[];
}

/** A status from a looser source (a panel's header), or undefined when it is none of the four. */
export function threadStatusOf(value: unknown): ThreadStatus | undefined {
  return THREAD_STATUSES.find((status) => status === value);
}

/**
 * What the server says about itself on `GET /info`. Both fields may be missing: a proxy or an older
 * server may not answer it, and the extension only uses it to name the server in messages.
 */
export interface ServerInfo {
  /** The langgraph-api version, e.g. "1.5.1". */
  version?: string;
  /** What the server says it offers, e.g. `{ assistants: true, crons: false }`. */
  flags: Record<string, boolean>;
}

/** An assistant's graph schemas (`assistants.getSchemas`): JSON Schemas, the graph's own, untrusted. */
export interface GraphSchemas {
  graph_id: string;
  input_schema?: unknown;
  state_schema?: unknown;
}
