/** Builds the SDK client from settings; only the gateway calls it. */
import { Client } from "@langchain/langgraph-sdk";
import { retryingFetch, type RetryPolicy } from "./retryingFetch";

export interface ClientOptions {
  url: string;
  /** `undefined` is turned into `null`: a key in the environment must never be sent by surprise. */
  apiKey?: string;
  timeoutMs?: number;
  /** Called for every request, with the method and URL only (never headers: they hold the key). */
  onRequest?: (method: string, url: string) => void;
  /** The one retry layer's timing; the defaults suit an interactive editor. */
  retry?: Partial<RetryPolicy>;
}

/**
 * The fetch a deployment at `url` is reached with. In VS Code's Node extension host `fetch` is VS Code's
 * own: before a window's first request it resolves a proxy for the URL and loads the system's CA
 * certificates, about 100 ms of the extension host's time on a 2-core machine, which held the Threads
 * view's first rows. Neither applies to plain HTTP on this machine (a `langgraph dev` server), so that goes
 * through Node's fetch, which VS Code keeps as `__vscodeOriginalFetch`. Everything else, and a host
 * without it (the web worker), uses `fetch`.
 */
export function deploymentFetch(url: string): typeof fetch {
  const direct = (globalThis as { __vscodeOriginalFetch?: unknown }).__vscodeOriginalFetch;
  return typeof direct === "function" && isLoopbackHttp(url) ? (direct as typeof fetch) : fetch;
}

/** `http:` to this machine: `localhost`, 127.0.0.0/8 or `[::1]`. */
export function isLoopbackHttp(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname;
  return parsed.protocol === "http:" && (host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host));
}

export function createClient(options: ClientOptions): Client {
  return new Client({
    apiUrl: options.url.replace(/\/+$/, ""),
    apiKey: options.apiKey ?? null,
    timeoutMs: options.timeoutMs,
    callerOptions: {
      // Retries live in retryingFetch alone: two stacked layers multiply (3 × 4 sends of one GET).
      maxRetries: 0,
      fetch: retryingFetch({ baseDelayMs: 250, ...options.retry }, deploymentFetch(options.url)),
    },
    onRequest: options.onRequest
      ? (url, init) => {
          options.onRequest?.(init.method ?? "GET", url.toString());
          return init;
        }
      : undefined,
  });
}

/**
 * `GET /info`, which the SDK has no method for: the server's version and flags. Same fetch, retry layer,
 * key and request log as the client's own requests. A failure throws with `status` and `text` like the
 * SDK's errors, so it maps to the same messages.
 */
export async function fetchServerInfo(options: ClientOptions): Promise<unknown> {
  const url = `${options.url.replace(/\/+$/, "")}/info`;
  options.onRequest?.("GET", url);
  const response = await retryingFetch({ baseDelayMs: 250, ...options.retry }, deploymentFetch(url))(url, {
    headers: options.apiKey ? { "x-api-key": options.apiKey } : {},
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  if (!response.ok) {
    const text = await response.text().catch(() => response.statusText);
    throw Object.assign(new Error(`HTTP ${response.status}: ${text}`), { status: response.status, text });
  }
  return response.json();
}
