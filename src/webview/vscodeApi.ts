/**
 * The one seam between the webview and VS Code. Everything else receives a `HostApi`, so tests can
 * hand in a recorder instead of the real `acquireVsCodeApi()`.
 */
import type { WebviewPersistedState, WebviewToHost } from "../protocol/chatProtocol";

export interface HostApi {
  postMessage(message: WebviewToHost): void;
  getState(): WebviewPersistedState | undefined;
  setState(state: WebviewPersistedState): void;
}

interface RawVsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): unknown;
}

declare function acquireVsCodeApi(): RawVsCodeApi;

/** May only be called once per page load (a VS Code rule). */
export function acquireHostApi(): HostApi {
  const raw = acquireVsCodeApi();
  return {
    postMessage: (message) => raw.postMessage(message),
    getState: () => readPersistedState(raw.getState()),
    setState: (state) => {
      raw.setState(state);
    },
  };
}

/** Saved state comes back from an older page: only trust the fields it should have. */
export function readPersistedState(value: unknown): WebviewPersistedState | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { draft, threadId } = value as { draft?: unknown; threadId?: unknown };
  return {
    draft: typeof draft === "string" ? draft : "",
    ...(typeof threadId === "string" ? { threadId } : {}),
  };
}
