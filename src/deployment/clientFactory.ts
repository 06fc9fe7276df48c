/** Builds the one SDK client from settings; free of `vscode` so tests build it the same way. */
import { Client } from "@langchain/langgraph-sdk";
import { retryingFetch, type RetryPolicy } from "./retryingFetch";

export interface ClientOptions {
  url: string;
  /** `undefined` is turned into `null`: a key in the environment must never be sent by surprise. */
  apiKey?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** Called for every request, with the method and URL only (never headers: they hold the key). */
  onRequest?: (method: string, url: string) => void;
  /** Bounded retries of gateway errors; the defaults suit an interactive editor. */
  retry?: Partial<RetryPolicy>;
}

export function createClient(options: ClientOptions): Client {
  return new Client({
    apiUrl: options.url.replace(/\/+$/, ""),
    apiKey: options.apiKey ?? null,
    timeoutMs: options.timeoutMs,
    callerOptions: {
      maxRetries: options.maxRetries ?? 2,
      fetch: retryingFetch({ attempts: 4, baseDelayMs: 250, ...options.retry }),
    },
    onRequest: options.onRequest
      ? (url, init) => {
          options.onRequest?.(init.method ?? "GET", url.toString());
          return init;
        }
      : undefined,
  });
}
