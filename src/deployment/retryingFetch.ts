/**
 * The extension's only retry layer. Gateway errors (502/503/504) and 429 are retried with bounded
 * backoff for every request that cannot start a run: a burst of 5xx from a proxy should not reach the
 * user, but a message must never be sent twice, so run-starting requests are sent once and left to the
 * user's Retry. Network errors are not retried: "cannot reach" is said at once.
 */

/** A request is sent at most this many times. */
export const MAX_SENDS = 4;

export interface RetryPolicy {
  baseDelayMs: number;
  /** Called before each retry, for the log. */
  onRetry?: (status: number, url: string, attempt: number) => void;
}

const RETRYABLE = new Set([429, 502, 503, 504]);
/** POST …/runs, …/runs/stream, …/runs/wait and …/runs/batch start runs. */
const STARTS_RUN = /\/runs(\/stream|\/wait|\/batch)?\/?$/;

function startsRun(method: string, url: string): boolean {
  return method.toUpperCase() === "POST" && STARTS_RUN.test(new URL(url).pathname);
}

export function retryingFetch(policy: RetryPolicy, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    const attempts = startsRun(method, url) ? 1 : MAX_SENDS;
    for (let attempt = 1; ; attempt++) {
      const response = await base(input, init);
      if (!RETRYABLE.has(response.status) || attempt >= attempts || init?.signal?.aborted) return response;
      await response.body?.cancel().catch(() => undefined);
      policy.onRetry?.(response.status, url, attempt);
      const retryAfter = Number(response.headers.get("retry-after"));
      const delay = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 10_000) : policy.baseDelayMs * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  };
}
