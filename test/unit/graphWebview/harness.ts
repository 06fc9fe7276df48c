/**
 * Test harness for the graph webview: builds the real bundle `dist/graphWebview.js` (with the options
 * of its `esbuild.mjs` entry) once per process and loads it into a fresh jsdom page per test, with a
 * recording stand-in for `acquireVsCodeApi`. jsdom does no layout, so the drawing area's size is given.
 */
import * as esbuild from "esbuild";
import type { DOMWindow } from "jsdom";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { GraphPersistedState, GraphWebviewToHost, HostToGraphWebview } from "../../../src/protocol/graphProtocol";
import { domQueries, loadBundle } from "../jsdomBundle";

const repoRoot = path.resolve(__dirname, "../../..");
export const GRAPH_BUNDLE = path.join(repoRoot, "dist/graphWebview.js");

/** The entry esbuild.mjs builds for the graph webview. */
export const GRAPH_WEBVIEW_ENTRY: esbuild.BuildOptions = {
  bundle: true,
  minify: false,
  sourcemap: "linked",
  logLevel: "warning",
  legalComments: "none",
  entryPoints: [path.join(repoRoot, "src/graphWebview/main.ts")],
  outfile: GRAPH_BUNDLE,
  platform: "browser",
  format: "iife",
  target: "es2022",
};

let bundle: Promise<string> | undefined;

/** Builds `dist/graphWebview.js` from the sources and returns its code. */
export function graphWebviewBundle(): Promise<string> {
  bundle ??= esbuild.build(GRAPH_WEBVIEW_ENTRY).then(() => readFile(GRAPH_BUNDLE, "utf8"));
  return bundle;
}

export interface GraphPage {
  window: DOMWindow;
  document: Document;
  /** Everything the webview posted to the host, in order. */
  posted: GraphWebviewToHost[];
  state: GraphPersistedState | undefined;
  /** Host -> webview, delivered synchronously like a `message` event. */
  send(...messages: HostToGraphWebview[]): void;
  $(selector: string): Element;
  $$(selector: string): Element[];
  /** The `<g class="graph-node">` of a node id. */
  node(id: string): Element;
  /** Uncaught errors and console errors seen in the page. */
  errors: string[];
  close(): void;
}

/** `app`: the page's `<div id="app">` as the host writes it (with its text); an empty one by default. */
export async function openGraphPage(options: { width?: number; height?: number; state?: GraphPersistedState; app?: string } = {}): Promise<GraphPage> {
  const code = await graphWebviewBundle();
  const page = { posted: [], state: options.state } as unknown as GraphPage;
  const width = options.width ?? 0;
  const height = options.height ?? 0;
  const { window, errors } = loadBundle(code, page, {
    title: "graph",
    app: options.app,
    pretendToBeVisual: true,
    beforeParse(window) {
      // The drawing area's size: jsdom lays nothing out.
      for (const [name, value] of [
        ["clientWidth", width],
        ["clientHeight", height],
      ] as const) {
        Object.defineProperty(window.Element.prototype, name, {
          configurable: true,
          get(this: Element) {
            return this.classList.contains("graph-svg") ? value : 0;
          },
        });
      }
    },
  });

  Object.assign(page, {
    window,
    document: window.document,
    errors,
    send(...messages: HostToGraphWebview[]) {
      for (const message of messages) window.dispatchEvent(new window.MessageEvent("message", { data: JSON.parse(JSON.stringify(message)) as HostToGraphWebview }));
    },
    ...domQueries<Element>(window.document),
    node(id: string) {
      const found = Array.from(window.document.querySelectorAll(".graph-node")).find((n) => n.getAttribute("data-node-id") === id);
      if (!found) throw new Error(`no node ${id}`);
      return found;
    },
    close: () => window.close(),
  });
  return page;
}

export function click(page: GraphPage, target: Element, init: MouseEventInit = {}): boolean {
  return target.dispatchEvent(new page.window.MouseEvent("click", { bubbles: true, cancelable: true, button: 0, ...init }));
}

export function key(page: GraphPage, target: Element, keyName: string): boolean {
  return target.dispatchEvent(new page.window.KeyboardEvent("keydown", { key: keyName, bubbles: true, cancelable: true }));
}

/** The classes of a node that tell the run: which of current / visited / last / interrupted / failed. */
export function runClasses(page: GraphPage, id: string): string[] {
  const classes = page.node(id).classList;
  return ["current", "visited", "last", "interrupted", "failed"].filter((c) => classes.contains(c));
}

/** A snapshot message with defaults. */
export function graphSnapshot(overrides: Partial<Extract<HostToGraphWebview, { type: "snapshot" }>> = {}): HostToGraphWebview {
  return { type: "snapshot", run: { status: "idle", current: [], path: [] }, loading: false, ...overrides };
}
