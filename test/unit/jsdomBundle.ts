/**
 * Loads a webview bundle into a fresh jsdom page, as VS Code would load it into a webview: a stand-in for
 * `acquireVsCodeApi` records what the page posts and keeps its state, and uncaught errors and console
 * errors are collected so a test can require there were none. Shared by the chat and graph webview harnesses.
 */
import * as esbuild from "esbuild";
import { JSDOM, VirtualConsole, type DOMWindow } from "jsdom";

/** Browser bundle options shared by the in-memory builds of the tests (the entry point is the caller's). */
export function buildBrowserBundle(entry: Pick<esbuild.BuildOptions, "entryPoints" | "stdin">): Promise<string> {
  return esbuild
    .build({ ...entry, bundle: true, write: false, platform: "browser", format: "iife", target: "es2022", logLevel: "silent" })
    .then((result) => result.outputFiles[0].text);
}

/** The host side of `acquireVsCodeApi()`: the page's posted messages and its persisted state. */
export interface RecordingHost<ToHost, State> {
  posted: ToHost[];
  state: State | undefined;
}

export interface BundleOptions {
  /** The page's `<title>`. */
  title: string;
  /** The page's `<div id="app">` as the host writes it (with its initial state); an empty one by default. */
  app?: string;
  pretendToBeVisual?: boolean;
  /** More stand-ins on the window before the bundle runs. */
  beforeParse?(window: DOMWindow): void;
}

/**
 * Runs `code` in a new page whose `acquireVsCodeApi()` (callable once, as in VS Code) posts to and keeps
 * state in `host`. Messages and state cross as JSON copies, as they do between a webview and its host.
 */
export function loadBundle<ToHost, State>(
  code: string,
  host: RecordingHost<ToHost, State>,
  options: BundleOptions,
): { window: DOMWindow; errors: string[] } {
  const errors: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on("jsdomError", (error) => errors.push(String(error.stack ?? error)));
  virtualConsole.on("error", (...args: unknown[]) => errors.push(args.map(String).join(" ")));
  const dom = new JSDOM(`<!DOCTYPE html><html><head><title>${options.title}</title></head><body>${options.app ?? `<div id="app"></div>`}</body></html>`, {
    url: "https://webview.test/index.html",
    runScripts: "dangerously",
    pretendToBeVisual: options.pretendToBeVisual ?? false,
    virtualConsole,
    beforeParse(window) {
      let acquired = false;
      (window as unknown as Record<string, unknown>).acquireVsCodeApi = () => {
        if (acquired) throw new Error("acquireVsCodeApi called twice");
        acquired = true;
        return {
          postMessage: (message: ToHost) => host.posted.push(JSON.parse(JSON.stringify(message)) as ToHost),
          getState: () => host.state,
          setState: (state: State) => {
            host.state = JSON.parse(JSON.stringify(state)) as State;
          },
        };
      };
      options.beforeParse?.(window);
    },
  });
  const { window } = dom;
  const script = window.document.createElement("script");
  script.textContent = code;
  window.document.body.appendChild(script);
  return { window, errors };
}

/** `$` (the first match, or a failure naming the selector) and `$$` (all matches) over a page's document. */
export function domQueries<E extends Element = HTMLElement>(document: Document) {
  return {
    $(selector: string): E {
      const found = document.querySelector<E>(selector);
      if (!found) throw new Error(`no element matches ${selector}`);
      return found;
    },
    $$: (selector: string): E[] => Array.from(document.querySelectorAll<E>(selector)),
  };
}
