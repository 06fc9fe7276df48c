/**
 * Test harness for the chat webview: builds the real bundle (`src/webview/main.ts`, as `esbuild.mjs`
 * does) once per process and loads it into a fresh jsdom page per test, with a recording stand-in for
 * `acquireVsCodeApi` and a manual `requestAnimationFrame` so tests decide when frames happen.
 */
import * as esbuild from "esbuild";
import { JSDOM, VirtualConsole, type DOMWindow } from "jsdom";
import path from "node:path";
import type { HostToWebview, WebviewPersistedState, WebviewToHost } from "../../../src/protocol/chatProtocol";

const repoRoot = path.resolve(__dirname, "../../..");
let bundle: Promise<string> | undefined;

export function webviewBundle(): Promise<string> {
  bundle ??= esbuild
    .build({
      entryPoints: [path.join(repoRoot, "src/webview/main.ts")],
      bundle: true,
      write: false,
      platform: "browser",
      format: "iife",
      target: "es2022",
      logLevel: "silent",
    })
    .then((result) => result.outputFiles[0].text);
  return bundle;
}

export interface Page {
  window: DOMWindow;
  document: Document;
  /** Everything the webview posted to the host, in order. */
  posted: WebviewToHost[];
  /** The last `setState` value (starts as the state the page was opened with). */
  state: WebviewPersistedState | undefined;
  /** Host -> webview, delivered synchronously like a `message` event. */
  send(message: HostToWebview): void;
  /** Runs the animation-frame callbacks queued so far; returns how many ran. */
  frame(): number;
  /** Animation-frame callbacks waiting for the next frame. */
  pendingFrames(): number;
  /** Sends messages and runs the frame they schedule. */
  apply(...messages: HostToWebview[]): void;
  $(selector: string): HTMLElement;
  $$(selector: string): HTMLElement[];
  /** Uncaught errors and console errors seen in the page. */
  errors: string[];
  close(): void;
}

export async function openPage(options: { state?: WebviewPersistedState } = {}): Promise<Page> {
  const code = await webviewBundle();
  const errors: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on("jsdomError", (error) => errors.push(String(error.stack ?? error)));
  virtualConsole.on("error", (...args: unknown[]) => errors.push(args.map(String).join(" ")));
  const frames = new Map<number, () => void>();
  let nextFrame = 1;
  const page: Page = {
    posted: [],
    state: options.state,
    errors,
  } as unknown as Page;

  const dom = new JSDOM(
    `<!DOCTYPE html><html><head><title>chat</title></head><body><div id="app"></div></body></html>`,
    {
      url: "https://webview.test/index.html",
      runScripts: "dangerously",
      virtualConsole,
      beforeParse(window) {
        const w = window as unknown as Record<string, unknown>;
        let acquired = false;
        w.acquireVsCodeApi = () => {
          if (acquired) throw new Error("acquireVsCodeApi called twice");
          acquired = true;
          return {
            postMessage: (message: WebviewToHost) => page.posted.push(JSON.parse(JSON.stringify(message))),
            getState: () => page.state,
            setState: (state: WebviewPersistedState) => {
              page.state = JSON.parse(JSON.stringify(state));
            },
          };
        };
        w.requestAnimationFrame = (callback: (time: number) => void) => {
          const id = nextFrame++;
          frames.set(id, () => callback(16 * id));
          return id;
        };
        w.cancelAnimationFrame = (id: number) => frames.delete(id);
      },
    },
  );
  const { window } = dom;
  const script = window.document.createElement("script");
  script.textContent = code;
  window.document.body.appendChild(script);

  Object.assign(page, {
    window,
    document: window.document,
    send(message: HostToWebview) {
      window.dispatchEvent(new window.MessageEvent("message", { data: message }));
    },
    frame() {
      const due = [...frames.entries()];
      frames.clear();
      for (const [, run] of due) run();
      return due.length;
    },
    pendingFrames: () => frames.size,
    apply(...messages: HostToWebview[]) {
      for (const message of messages) page.send(message);
      page.frame();
    },
    $(selector: string) {
      const found = window.document.querySelector<HTMLElement>(selector);
      if (!found) throw new Error(`no element matches ${selector}`);
      return found;
    },
    $$: (selector: string) => Array.from(window.document.querySelectorAll<HTMLElement>(selector)),
    close: () => window.close(),
  });
  return page;
}

export function snapshot(overrides: Partial<Extract<HostToWebview, { type: "snapshot" }>> = {}): HostToWebview {
  return {
    type: "snapshot",
    thread: { threadId: "thread-1", title: "Weather in Paris", status: "idle" },
    messages: [],
    assistants: [
      { id: "asst-1", name: "Researcher", graphId: "research_graph" },
      { id: "asst-2", name: "Writer", graphId: "writer_graph" },
    ],
    selectedAssistantId: "asst-1",
    run: { phase: "idle" },
    loading: false,
    ...overrides,
  };
}

export function keydown(page: Page, target: Element, init: KeyboardEventInit): boolean {
  const event = new page.window.KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init });
  return target.dispatchEvent(event);
}

export function typeInto(page: Page, textarea: HTMLTextAreaElement, text: string): void {
  textarea.value = text;
  textarea.dispatchEvent(new page.window.Event("input", { bubbles: true }));
}

export function click(page: Page, target: Element, init: MouseEventInit = {}): boolean {
  return target.dispatchEvent(new page.window.MouseEvent("click", { bubbles: true, cancelable: true, button: 0, ...init }));
}
