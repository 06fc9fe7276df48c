/**
 * Every failure that reaches the user goes through here: one place turns SDK, HTTP and network errors
 * into a sentence that names the problem and the action that fixes it.
 */
import type { ErrorActionId, ErrorView } from "../common/errorView";

type DeploymentErrorKind =
  | "noUrl"
  | "invalidUrl"
  | "unreachable"
  | "unauthorized"
  | "forbidden"
  | "notFound"
  | "busy"
  | "conflict"
  | "badRequest"
  | "server"
  | "timeout"
  | "streamDropped"
  | "cancelled"
  | "badResponse"
  | "unsupported"
  | "unknown";

export interface UserFacingError {
  kind: DeploymentErrorKind;
  message: string;
  actions: ErrorActionId[];
  status?: number;
  /** The raw error text, for the log only. */
  detail: string;
}

export interface ErrorContext {
  url?: string;
  /** What the user was doing, e.g. "load threads", "send the message". */
  operation?: string;
  /** What a 404 refers to, e.g. "Thread 1234…". */
  subject?: string;
}

const ACTION_LABELS: Record<ErrorActionId, string> = {
  retry: "Retry",
  openSettings: "Open Settings",
  setApiKey: "Set API Key",
  reload: "Reload",
  showLog: "Show Log",
};

export class DeploymentError extends Error {
  constructor(readonly info: UserFacingError) {
    super(info.message);
    this.name = "DeploymentError";
  }
}

/** A checkpoint the thread no longer has (the thread was deleted, or the server restarted without its state). */
export class CheckpointGoneError extends Error {
  constructor(
    readonly threadId: string,
    readonly checkpointId: string,
  ) {
    super(`Checkpoint ${checkpointId} of thread ${threadId} does not exist`);
    this.name = "CheckpointGoneError";
  }
}

/**
 * The server has no such endpoint, or says it does not implement it: no retry or setting fixes that, so
 * the message names the server's version and what it lacks instead of a generic 404 or 500.
 */
export class UnsupportedByServerError extends Error {
  constructor(
    /** What the user asked for, e.g. "following a thread's runs (threads.joinStream)". */
    readonly capability: string,
    /** From `GET /info`; undefined when the server does not say. */
    readonly serverVersion: string | undefined,
    readonly status: number,
    cause: unknown,
  ) {
    super(`The server${serverVersion ? ` (langgraph-api ${serverVersion})` : ""} does not support ${capability} (${status})`, { cause });
    this.name = "UnsupportedByServerError";
  }
}

/**
 * A 404 from the router itself (a missing resource says which, e.g. "Thread with ID … not found"), a
 * 405, or a 501 / 500 "Not implemented" (the local server's answer for crons): the endpoint is not there.
 */
export function isMissingEndpoint(error: unknown): boolean {
  const status = statusOf(error);
  if (status === 405 || status === 501) return true;
  const text = (error as { text?: unknown } | null)?.text;
  // The JS server answers a bare "404 Not Found", the Python one `{"detail": "Not Found"}`.
  const said = (serverDetail(error) ?? (typeof text === "string" ? text : "")).trim();
  if (status === 404) return /^(404:? )?not found$/i.test(said);
  return status === 500 && /^not implemented$/i.test(said);
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

function textOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? ` (${cause.message})` : "";
    return `${error.name}: ${error.message}${causeText}`;
  }
  return String(error);
}

/** The server's own `detail` from an HTTP error body, when it sent one. */
function serverDetail(error: unknown): string | undefined {
  const text = (error as { text?: unknown } | null)?.text;
  if (typeof text !== "string" || !text) return undefined;
  try {
    const parsed = JSON.parse(text) as { detail?: unknown; message?: unknown };
    const detail = parsed.detail ?? parsed.message;
    return typeof detail === "string" ? detail : undefined;
  } catch {
    return text.length <= 200 ? text : undefined;
  }
}

const NETWORK_PATTERNS = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|fetch failed|Failed to fetch|NetworkError|Unable to connect/i;
const DROPPED_PATTERNS = /terminated|other side closed|socket hang up|premature close|UND_ERR_SOCKET/i;

export function mapError(error: unknown, context: ErrorContext = {}): UserFacingError {
  if (error instanceof DeploymentError) return error.info;
  const detail = textOf(error);
  const url = context.url ?? "the deployment";
  const doing = context.operation ? `Could not ${context.operation}: ` : "";
  const status = statusOf(error);
  const name = (error as { name?: string } | null)?.name ?? "";
  const fromServer = serverDetail(error);
  const make = (kind: DeploymentErrorKind, message: string, actions: ErrorActionId[]): UserFacingError => ({
    kind,
    message: doing + message,
    actions,
    status,
    detail,
  });

  if (error instanceof UnsupportedByServerError) {
    const server = error.serverVersion ? `${url} runs langgraph-api ${error.serverVersion}, which` : `The server at ${url}`;
    return make("unsupported", `${server} does not support ${error.capability} (${error.status}). Use a deployment whose server offers it.`, ["showLog"]);
  }
  if (error instanceof CheckpointGoneError) {
    return make("notFound", `Checkpoint ${error.checkpointId.slice(0, 8)} of thread ${error.threadId.slice(0, 8)} no longer exists on ${url}: the thread was deleted or the server lost its state.`, ["retry"]);
  }
  if (status !== undefined) {
    if (status === 401) return make("unauthorized", `${url} rejected the API key (401). Set a valid API key for this deployment.`, ["setApiKey", "retry"]);
    if (status === 403) return make("forbidden", `${url} refused access (403). Check that the API key has access to this deployment.`, ["setApiKey", "retry"]);
    if (status === 404) return make("notFound", `${context.subject ?? "The requested item"} was not found on ${url} (404); it may have been deleted.`, ["retry"]);
    if (status === 409) return make("conflict", `${context.subject ?? "The item"} already exists (409).${fromServer ? ` ${fromServer}` : ""}`, ["retry"]);
    if (status === 422) {
      const busy = /busy|inflight|in flight|multitask|reject/i.test(fromServer ?? detail);
      return busy
        ? make("busy", "The thread is busy with another run (422). Wait for it to finish, or stop it first.", ["retry"])
        : make("badRequest", `The deployment could not process the request (422).${fromServer ? ` ${fromServer}` : ""}`, ["retry"]);
    }
    if (status === 400) return make("badRequest", `The deployment rejected the request (400).${fromServer ? ` ${fromServer}` : ""}`, ["showLog"]);
    if (status === 408 || status === 504) return make("timeout", `${url} timed out (${status}). Try again.`, ["retry"]);
    if (status >= 500) return make("server", `${url} had an internal error (${status}). Try again; if it persists, check the server's logs.`, ["retry", "showLog"]);
  }
  if (name === "UnexpectedResponseError") {
    return make("badResponse", `${url} answered in a shape this extension does not understand. Is it a LangGraph deployment? ${error instanceof Error ? error.message : ""}`.trim(), ["showLog", "openSettings"]);
  }
  if (name === "StreamStalledError") {
    return make("streamDropped", `The reply from ${url} stalled: no data arrived for a while.`, ["retry"]);
  }
  if (name === "SyntaxError" || /Unexpected token|Unexpected end of JSON|is not valid JSON/.test(detail)) {
    return make("streamDropped", `The deployment sent a malformed reply stream.`, ["retry", "showLog"]);
  }
  if (name === "TimeoutError" || /timed? ?out/i.test(detail)) {
    return make("timeout", `${url} did not answer in time. Check the server, or raise "langgraph.requestTimeoutSeconds".`, ["retry", "openSettings"]);
  }
  if (name === "AbortError" || /^AbortError|aborted/i.test(detail)) return make("cancelled", "The request was cancelled.", []);
  if (name === "ConnectionError" || NETWORK_PATTERNS.test(detail)) {
    return make("unreachable", `Cannot reach ${url}. Is the server running? Check "langgraph.deploymentUrl".`, ["retry", "openSettings"]);
  }
  if (DROPPED_PATTERNS.test(detail)) {
    return make("streamDropped", `The connection to ${url} dropped while the reply was streaming.`, ["retry"]);
  }
  return make("unknown", `${error instanceof Error ? error.message : String(error)}`, ["showLog"]);
}

export function toErrorView(error: UserFacingError): ErrorView {
  return { message: error.message, actions: error.actions.map((id) => ({ id, label: ACTION_LABELS[id] })) };
}

/** Validates a deployment URL before any request is made. */
export function validateDeploymentUrl(value: string | undefined): UserFacingError | undefined {
  const text = value?.trim() ?? "";
  if (!text) {
    return { kind: "noUrl", message: 'No LangGraph deployment is configured. Set "langgraph.deploymentUrl".', actions: ["openSettings"], detail: "empty url" };
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { kind: "invalidUrl", message: `"${text}" is not a valid URL. Use a URL such as http://127.0.0.1:2024.`, actions: ["openSettings"], detail: "invalid url" };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { kind: "invalidUrl", message: `"${text}" must start with http:// or https://.`, actions: ["openSettings"], detail: "invalid protocol" };
  }
  return undefined;
}

/**
 * Another client answered the interrupt first (the thread moved on, or its resumed run is still going):
 * nothing is sent, and the user is told why.
 */
export function alreadyAnswered(subject: string): DeploymentError {
  return new DeploymentError({
    kind: "conflict",
    message: `${subject} was already answered elsewhere: its run has resumed, so this answer was not sent.`,
    actions: [],
    detail: "interrupt already resumed",
  });
}

/** Whether an error is the refusal `alreadyAnswered` makes. */
export function isAlreadyAnswered(error: unknown): boolean {
  return error instanceof DeploymentError && error.info.detail === "interrupt already resumed";
}
