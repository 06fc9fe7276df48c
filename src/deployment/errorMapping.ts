/**
 * Every failure that reaches the user goes through here: one place turns SDK, HTTP and network errors
 * into a sentence that names the problem and the action that fixes it.
 */
import * as l10n from "@vscode/l10n";
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

const actionLabels = (): Record<ErrorActionId, string> => ({
  retry: l10n.t("Retry"),
  openSettings: l10n.t("Open Settings"),
  setApiKey: l10n.t("Set API Key"),
  reload: l10n.t("Reload"),
  showLog: l10n.t("Show Log"),
});

/**
 * The host's lazily loaded bundles (esbuild.mjs `hostChunks`) carry their own copy of this module, so an
 * error thrown by one copy meets another's `instanceof`: these errors are known by their name instead.
 */
const namedError = (name: string) => (value: unknown) => value instanceof Error && value.name === name;

export class DeploymentError extends Error {
  static override [Symbol.hasInstance] = namedError("DeploymentError");

  constructor(readonly info: UserFacingError) {
    super(info.message);
    this.name = "DeploymentError";
  }
}

/** A checkpoint the thread no longer has (the thread was deleted, or the server restarted without its state). */
export class CheckpointGoneError extends Error {
  static override [Symbol.hasInstance] = namedError("CheckpointGoneError");

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
  static override [Symbol.hasInstance] = namedError("UnsupportedByServerError");

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
  const url = context.url ?? l10n.t("the deployment");
  const operation = context.operation;
  const status = statusOf(error);
  const name = (error as { name?: string } | null)?.name ?? "";
  const fromServer = serverDetail(error);
  const make = (kind: DeploymentErrorKind, message: string, actions: ErrorActionId[]): UserFacingError => ({
    kind,
    message: operation ? l10n.t("Could not {0}: {1}", operation, message) : message,
    actions,
    status,
    detail,
  });

  if (error instanceof UnsupportedByServerError) {
    const server = error.serverVersion ? l10n.t("{0} runs langgraph-api {1}, which", url, error.serverVersion) : l10n.t("The server at {0}", url);
    return make("unsupported", l10n.t("{0} does not support {1} ({2}). Use a deployment whose server offers it.", server, error.capability, error.status), ["showLog"]);
  }
  if (error instanceof CheckpointGoneError) {
    return make("notFound", l10n.t("Checkpoint {0} of thread {1} no longer exists on {2}: the thread was deleted or the server lost its state.", error.checkpointId.slice(0, 8), error.threadId.slice(0, 8), url), ["retry"]);
  }
  if (status !== undefined) {
    if (status === 401) return make("unauthorized", l10n.t("{0} rejected the API key (401). Set a valid API key for this deployment.", url), ["setApiKey", "retry"]);
    if (status === 403) return make("forbidden", l10n.t("{0} refused access (403). Check that the API key has access to this deployment.", url), ["setApiKey", "retry"]);
    if (status === 404) return make("notFound", l10n.t("{0} was not found on {1} (404); it may have been deleted.", context.subject ?? l10n.t("The requested item"), url), ["retry"]);
    if (status === 409) return make("conflict", l10n.t("{0} already exists (409).{1}", context.subject ?? l10n.t("The item"), fromServer ? ` ${fromServer}` : ""), ["retry"]);
    if (status === 422) {
      const busy = /busy|inflight|in flight|multitask|reject/i.test(fromServer ?? detail);
      return busy
        ? make("busy", l10n.t("The thread is busy with another run (422). Wait for it to finish, or stop it first."), ["retry"])
        : make("badRequest", l10n.t("The deployment could not process the request (422).{0}", fromServer ? ` ${fromServer}` : ""), ["retry"]);
    }
    if (status === 400) return make("badRequest", l10n.t("The deployment rejected the request (400).{0}", fromServer ? ` ${fromServer}` : ""), ["showLog"]);
    if (status === 408 || status === 504) return make("timeout", l10n.t("{0} timed out ({1}). Try again.", url, status), ["retry"]);
    if (status >= 500) return make("server", l10n.t("{0} had an internal error ({1}). Try again; if it persists, check the server's logs.", url, status), ["retry", "showLog"]);
  }
  if (name === "UnexpectedResponseError") {
    return make("badResponse", l10n.t("{0} answered in a shape this extension does not understand. Is it a LangGraph deployment? {1}", url, error instanceof Error ? error.message : "").trim(), ["showLog", "openSettings"]);
  }
  if (name === "StreamStalledError") {
    return make("streamDropped", l10n.t("The reply from {0} stalled: no data arrived for a while.", url), ["retry"]);
  }
  if (name === "SyntaxError" || /Unexpected token|Unexpected end of JSON|is not valid JSON/.test(detail)) {
    return make("streamDropped", l10n.t("The deployment sent a malformed reply stream."), ["retry", "showLog"]);
  }
  if (name === "TimeoutError" || /timed? ?out/i.test(detail)) {
    return make("timeout", l10n.t("{0} did not answer in time. Check the server, or raise \"langgraph.requestTimeoutSeconds\".", url), ["retry", "openSettings"]);
  }
  if (name === "AbortError" || /^AbortError|aborted/i.test(detail)) return make("cancelled", l10n.t("The request was cancelled."), []);
  if (name === "ConnectionError" || NETWORK_PATTERNS.test(detail)) {
    return make("unreachable", l10n.t("Cannot reach {0}. Is the server running? Check \"langgraph.deploymentUrl\".", url), ["retry", "openSettings"]);
  }
  if (DROPPED_PATTERNS.test(detail)) {
    return make("streamDropped", l10n.t("The connection to {0} dropped while the reply was streaming.", url), ["retry"]);
  }
  return make("unknown", `${error instanceof Error ? error.message : String(error)}`, ["showLog"]);
}

export function toErrorView(error: UserFacingError): ErrorView {
  const labels = actionLabels();
  return { message: error.message, actions: error.actions.map((id) => ({ id, label: labels[id] })) };
}

/** Validates a deployment URL before any request is made. */
export function validateDeploymentUrl(value: string | undefined): UserFacingError | undefined {
  const text = value?.trim() ?? "";
  if (!text) {
    return { kind: "noUrl", message: l10n.t("No LangGraph deployment is configured. Set \"langgraph.deploymentUrl\"."), actions: ["openSettings"], detail: "empty url" };
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { kind: "invalidUrl", message: l10n.t("\"{0}\" is not a valid URL. Use a URL such as http://127.0.0.1:2024.", text), actions: ["openSettings"], detail: "invalid url" };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { kind: "invalidUrl", message: l10n.t("\"{0}\" must start with http:// or https://.", text), actions: ["openSettings"], detail: "invalid protocol" };
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
    message: l10n.t("{0} was already answered elsewhere: its run has resumed, so this answer was not sent.", subject),
    actions: [],
    detail: "interrupt already resumed",
  });
}

/** Whether an error is the refusal `alreadyAnswered` makes. */
export function isAlreadyAnswered(error: unknown): boolean {
  return error instanceof DeploymentError && error.info.detail === "interrupt already resumed";
}
