/**
 * The real chat webview bundle (`dist/webview.js`) running in jsdom, with a stand-in for
 * `acquireVsCodeApi` and a 60 Hz frame clock: `requestAnimationFrame` callbacks run together at the next
 * 16.67 ms boundary, as a browser runs them before painting. jsdom has no layout or paint, so what this
 * measures is the webview's script and DOM work only.
 */
import { readFileSync } from "node:fs";
import { JSDOM, VirtualConsole, type DOMWindow } from "jsdom";
import type { HostToWebview } from "../src/protocol/chatProtocol";
import { now } from "./stats";

export const FRAME_MS = 1000 / 60;

export interface Frame {
  index: number;
  /** When the frame was due (the vsync it was scheduled for). */
  due: number;
  start: number;
  end: number;
  /** DOM mutation records produced by the frame's callbacks. */
  mutations: number;
}

export interface WebviewPage {
  window: DOMWindow;
  document: Document;
  bootMs: number;
  errors: string[];
  /** Host -> webview: a `message` event, dispatched synchronously. */
  send(message: HostToWebview): void;
  /** Called after every frame's callbacks ran. */
  onFrame(listener: (frame: Frame) => void): () => void;
  /** Mutation records made outside frames since the last call. */
  takeUnbatchedMutations(): number;
  frames: number;
  close(): void;
}

let cachedCode: { path: string; code: string } | undefined;

function bundleCode(path: string): string {
  if (cachedCode?.path !== path) cachedCode = { path, code: readFileSync(path, "utf8") };
  return cachedCode.code;
}

export function openWebview(bundlePath: string): WebviewPage {
  const code = bundleCode(bundlePath);
  const errors: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on("jsdomError", (error) => errors.push(String(error.stack ?? error)));
  virtualConsole.on("error", (...args: unknown[]) => errors.push(args.map(String).join(" ")));

  const origin = now();
  let queue: ((time: number) => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  let frameIndex = 0;
  let unbatched = 0;
  const listeners = new Set<(frame: Frame) => void>();

  const runFrame = (due: number) => {
    timer = undefined;
    const callbacks = queue;
    queue = [];
    unbatched += observer.takeRecords().length;
    const start = now();
    for (const callback of callbacks) callback(start - origin);
    const end = now();
    const frame: Frame = { index: frameIndex++, due, start, end, mutations: observer.takeRecords().length };
    for (const listener of listeners) listener(frame);
  };
  const requestAnimationFrame = (callback: (time: number) => void) => {
    queue.push(callback);
    if (!timer) {
      const t = now();
      const due = origin + Math.ceil((t - origin) / FRAME_MS + 1e-9) * FRAME_MS;
      timer = setTimeout(() => runFrame(due), Math.max(0, due - t));
    }
    return queue.length;
  };

  const bootStart = now();
  const dom = new JSDOM(`<!DOCTYPE html><html><head><title>chat</title></head><body><div id="app"></div></body></html>`, {
    url: "https://webview.bench/index.html",
    runScripts: "dangerously",
    virtualConsole,
    beforeParse(window) {
      const w = window as unknown as Record<string, unknown>;
      let state: unknown;
      w.acquireVsCodeApi = () => ({
        postMessage: () => undefined,
        getState: () => state,
        setState: (value: unknown) => {
          state = value;
        },
      });
      w.requestAnimationFrame = requestAnimationFrame;
      w.cancelAnimationFrame = () => undefined;
    },
  });
  const { window } = dom;
  const script = window.document.createElement("script");
  script.textContent = code;
  window.document.body.appendChild(script);
  const bootMs = now() - bootStart;

  const observer = new window.MutationObserver((records) => {
    unbatched += records.length;
  });
  observer.observe(window.document.body, { subtree: true, childList: true, attributes: true, characterData: true });

  return {
    window,
    document: window.document,
    bootMs,
    errors,
    send(message) {
      window.dispatchEvent(new window.MessageEvent("message", { data: message }));
    },
    onFrame(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    takeUnbatchedMutations() {
      const count = unbatched + observer.takeRecords().length;
      unbatched = 0;
      return count;
    },
    get frames() {
      return frameIndex;
    },
    close() {
      if (timer) clearTimeout(timer);
      observer.disconnect();
      listeners.clear();
      window.close();
    },
  };
}
