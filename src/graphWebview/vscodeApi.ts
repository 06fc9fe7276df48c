/**
 * The one seam between the graph webview and VS Code. Everything else receives a `GraphHostApi`, so
 * tests can hand in a recorder instead of the real `acquireVsCodeApi()`.
 */
import { readGraphPersistedState, type GraphPersistedState, type GraphWebviewToHost } from "../graph/graphProtocol";

export interface GraphHostApi {
  postMessage(message: GraphWebviewToHost): void;
  getState(): GraphPersistedState | undefined;
  setState(state: GraphPersistedState): void;
}

interface RawVsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): unknown;
}

declare function acquireVsCodeApi(): RawVsCodeApi;

/** May only be called once per page load (a VS Code rule). */
export function acquireGraphHostApi(): GraphHostApi {
  const raw = acquireVsCodeApi();
  return {
    postMessage: (message) => raw.postMessage(message),
    getState: () => readGraphPersistedState(raw.getState()),
    setState: (state) => {
      raw.setState(state);
    },
  };
}
