/**
 * The one seam between a webview page and VS Code. Pages receive a `WebviewHostApi`, so tests can hand
 * in a recorder instead of the real `acquireVsCodeApi()`.
 */

export interface WebviewHostApi<Out, State> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}

interface RawVsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): unknown;
}

declare function acquireVsCodeApi(): RawVsCodeApi;

/**
 * May only be called once per page load (a VS Code rule). Saved state comes back from an older page,
 * so `readState` keeps only the fields it should have.
 */
export function acquireWebviewHostApi<Out, State>(readState: (value: unknown) => State | undefined): WebviewHostApi<Out, State> {
  const raw = acquireVsCodeApi();
  return {
    postMessage: (message) => raw.postMessage(message),
    getState: () => readState(raw.getState()),
    setState: (state) => {
      raw.setState(state);
    },
  };
}
