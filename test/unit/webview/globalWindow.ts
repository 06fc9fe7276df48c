/**
 * For tests of webview modules imported directly (not through the bundle): a jsdom window installed as
 * the global `window`, `document` and `Node` for the describe block, and the previous globals restored.
 */
import { JSDOM } from "jsdom";

const GLOBALS = ["window", "document", "Node"] as const;

/** Call inside `describe`; returns the page's jsdom. Its body holds one `<div id="out">`. */
export function useGlobalWindow(): () => JSDOM {
  let dom: JSDOM | undefined;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  before(() => {
    dom = new JSDOM(`<!DOCTYPE html><body><div id="out"></div></body>`, { runScripts: "dangerously" });
    for (const name of GLOBALS) {
      saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
      Object.defineProperty(globalThis, name, { value: dom.window[name], configurable: true, writable: true });
    }
  });
  after(() => {
    for (const name of GLOBALS) {
      const descriptor = saved.get(name);
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete (globalThis as Record<string, unknown>)[name];
    }
    dom?.window.close();
  });
  return () => {
    if (!dom) throw new Error("the window exists only while the describe block's tests run");
    return dom;
  };
}
