/**
 * Checks that a webview page shows only the text of the table its host builds: the table is built under a
 * made-up display language in which every entry reads `⟦English⟧`, the page is opened with the `#app` the
 * host writes, and every text the page shows of its own must be one of those (placeholders filled in).
 */
import assert from "node:assert/strict";
import * as l10n from "@vscode/l10n";
import type * as vscode from "vscode";

/** A text of the made-up language. */
export const MARKED = /^⟦[^]*⟧$/;

/** The made-up language's bundle for the English texts of `table`. */
export function markedBundle(...tables: Record<string, string>[]): Record<string, string> {
  return Object.fromEntries(tables.flatMap((table) => Object.values(table)).map((english) => [english, `⟦${english}⟧`]));
}

/** What `build` returns with the display language's bundle set to `bundle`. */
export function inLanguage<T>(bundle: Record<string, string>, build: () => T): T {
  l10n.config({ contents: bundle });
  try {
    return build();
  } finally {
    l10n.config({ contents: {} });
  }
}

/** The `#app` element of a page the host writes with `html(webview, uriOf)`. */
export function hostApp(html: (webview: vscode.Webview, uriOf: (...path: string[]) => vscode.Uri) => string): string {
  const webview = { cspSource: "vscode-webview:", asWebviewUri: (uri: vscode.Uri) => uri } as unknown as vscode.Webview;
  const page = html(webview, (...path) => ({ toString: () => `/${path.join("/")}` }) as unknown as vscode.Uri);
  const app = /<div id="app"[^>]*><\/div>/.exec(page)?.[0];
  assert.ok(app, "the page has its #app");
  return app;
}

/**
 * The page's own words: the text of the elements under `#app` (SVG's included) and their title,
 * aria-label, placeholder and alt, outside hidden elements and what shows agent, server or host content
 * (`content`, a selector).
 */
export function ownWords(document: Document, content: string): string[] {
  const TEXT_NODE = 3;
  const words: string[] = [];
  for (const element of Array.from(document.querySelectorAll("#app *"))) {
    if (element.closest("[hidden], [visibility=hidden]") || element.closest(content)) continue;
    for (const node of Array.from(element.childNodes)) {
      const text = node.nodeType === TEXT_NODE ? node.textContent?.trim() : "";
      if (text) words.push(text);
    }
    for (const name of ["title", "aria-label", "placeholder", "alt"]) {
      const value = element.getAttribute(name);
      if (value) words.push(value);
    }
  }
  return words;
}

/** The words of `words` that are not the made-up language's. */
export function notFromTable(words: string[]): string[] {
  return words.filter((word) => !MARKED.test(word));
}
