/**
 * The extension's only retry layer. Gateway errors (502/503/504) and 429 are retried with bounded
 * backoff for every request that cannot start a run: a burst of 5xx from a proxy should not reach the
 * user, but a message must never be sent twice, so run-starting requests are sent once and left to the
 * user's Retry. Network errors are not retried, so "cannot reach" is said at once, but for one case: a
 * connection closed under a reading request (a kept-alive socket the server or a proxy dropped as the
 * request went out) is sent once more on a new one.
 */

/** A request is sent at most this many times. */
export const MAX_SENDS = 4;

export interface RetryPolicy {
  baseDelayMs: number;
  /** Called before each retry, for the log. */
  onRetry?: (reason: number | string, url: string, attempt: number) => void;
}

const RETRYABLE = new Set([429, 502, 503, 504]);
/** How fetch names a connection closed under a request (undici's own code, or the socket's). */
const CLOSED_UNDER_REQUEST = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"]);
/** POST …/runs, …/runs/stream, …/runs/wait and …/runs/batch start runs. */
const STARTS_RUN = /\/runs(\/stream|\/wait|\/batch)?\/?$/;
/** POST …/search, …/count and …/history read, as GET does. */
const READS = /\/(search|count|history)\/?$/;

function startsRun(method: string, url: string): boolean {
  return method.toUpperCase() === "POST" && STARTS_RUN.test(new URL(url).pathname);
}

/** A request that changes nothing on the server, so sending it twice cannot do anything twice. */
function onlyReads(method: string, url: string): boolean {
  const verb = method.toUpperCase();
  return verb === "GET" || verb === "HEAD" || (verb === "POST" && READS.test(new URL(url).pathname));
}

export function retryingFetch(policy: RetryPolicy, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    const attempts = startsRun(method, url) ? 1 : MAX_SENDS;
    let resent = false;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await base(input, init);
      } catch (error) {
        const closed = closedUnderRequest(error);
        if (!closed || resent || attempt >= attempts || !onlyReads(method, url) || init?.signal?.aborted) throw error;
        resent = true;
        policy.onRetry?.(closed, url, attempt);
        continue;
      }
      if (!RETRYABLE.has(response.status) || attempt >= attempts || init?.signal?.aborted) return response;
      await response.body?.cancel().catch(() => undefined);
      policy.onRetry?.(response.status, url, attempt);
      const retryAfter = Number(response.headers.get("retry-after"));
      const delay = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 10_000) : policy.baseDelayMs * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  };
}

/** The error's code when fetch failed because the connection closed under the request. */
function closedUnderRequest(error: unknown): string | undefined {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === "string" && CLOSED_UNDER_REQUEST.has(code) ? code : undefined;
}
