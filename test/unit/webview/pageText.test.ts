import assert from "node:assert/strict";
import * as l10n from "@vscode/l10n";
import type * as vscode from "vscode";
import { chatPanelHtml } from "../../../src/chat/chatPanelHtml";
import { chatPageStrings } from "../../../src/protocol/chatPageStrings";
import { ai, human, openPage, snapshot, type Page } from "./harness";

/** A display language in which every text of the page reads `⟦English⟧`. */
const MARKED = /^⟦[^]*⟧$/;

/** The `#app` element of the page the host writes, with the table built under `bundle`. */
function hostApp(bundle: Record<string, string>): string {
  l10n.config({ contents: bundle });
  try {
    const webview = { cspSource: "vscode-webview:", asWebviewUri: (uri: vscode.Uri) => uri } as unknown as vscode.Webview;
    const html = chatPanelHtml(webview, (...path) => ({ toString: () => `/${path.join("/")}` }) as unknown as vscode.Uri);
    const app = /<div id="app"[^>]*><\/div>/.exec(html)?.[0];
    assert.ok(app, "the page has its #app");
    return app;
  } finally {
    l10n.config({ contents: {} });
  }
}

function markedBundle(): Record<string, string> {
  return Object.fromEntries(Object.values(chatPageStrings()).map((english) => [english, `⟦${english}⟧`]));
}

/**
 * The page's own words: its elements' text and their title, aria-label, placeholder and alt, outside
 * what shows agent or user content (`content`).
 */
function ownWords(page: Page, content: string): string[] {
  const words: string[] = [];
  for (const element of page.$$("#app *")) {
    if (element.closest("[hidden]") || element.closest(content)) continue;
    for (const node of Array.from(element.childNodes)) {
      const text = node.nodeType === page.window.Node.TEXT_NODE ? node.textContent?.trim() : "";
      if (text) words.push(text);
    }
    for (const name of ["title", "aria-label", "placeholder", "alt"]) {
      const value = element.getAttribute(name);
      if (value) words.push(value);
    }
  }
  return words;
}

describe("chat webview bundle: the page's text comes from the host's table", () => {
  let page: Page | undefined;
  afterEach(() => {
    assert.deepEqual(page?.errors ?? [], []);
    page?.close();
    page = undefined;
  });

  it("the first screen shows only the table's text", async () => {
    page = await openPage({ app: hostApp(markedBundle()) });
    const words = ownWords(page, "option");
    assert.ok(words.length > 10, `only ${words.length} texts found`);
    assert.deepEqual(words.filter((word) => !MARKED.test(word)), [], "text not from the table");
    assert.equal(page.$(".thread-title").textContent, "⟦New thread⟧");
    assert.equal((page.$("textarea.composer-input") as HTMLTextAreaElement).placeholder, "⟦Send a message (Enter to send, Shift+Enter for a new line)⟧");
  });

  it("a thread with messages, a tool call, a code block, versions and a request for input shows only the table's text around them", async () => {
    page = await openPage({ app: hostApp(markedBundle()) });
    page.apply(
      snapshot({
        messages: [
          human("h1", "Email Ada", { branch: { index: 0, count: 2 } }),
          ai("a1", "Here:\n\n```js\nsend()\n```", { toolCalls: [{ id: "c1", name: "send_email", args: '{"to":"ada"}', result: { content: "sent", status: "success" } }] }),
        ],
        interrupt: {
          id: "int-1",
          assistantId: "asst-1",
          request: { action: "send_email", argsJson: '{"to":"ada"}', description: "Review it.", allow: { accept: true, edit: true, respond: true, ignore: true } },
          valueJson: "{}",
        },
      }),
    );
    assert.ok(page.$$(".interrupt-card button").length >= 4, "the request's buttons are shown");
    const content = [".thread-title", ".thread-status", ".message-body", ".message-author", ".branch-position", ".tool-name", "pre", ".code-language", ".interrupt-description", ".interrupt-action-name", "option"].join(", ");
    assert.deepEqual(ownWords(page, content).filter((word) => !MARKED.test(word)), [], "text not from the table");
    assert.equal(page.$(".interrupt-title").textContent, "⟦Waiting for your input⟧");
    assert.equal(page.$(".branch-position").title, "⟦Version 1 of 2⟧", "placeholders are filled in the translated text");
    assert.equal((page.$("textarea.composer-input") as HTMLTextAreaElement).placeholder, "⟦Ask Researcher (Enter to send, Shift+Enter for a new line)⟧");
  });

  it("a translation is text, whatever it holds; an entry the table lacks falls back to English", async () => {
    page = await openPage({ app: hostApp({ "New thread": `"><img src=x onerror="window.pwned=1">&amp;` }) });
    assert.equal(page.$(".thread-title").textContent, `"><img src=x onerror="window.pwned=1">&amp;`);
    assert.equal(page.$$("img").length, 0);
    assert.equal((page.$("textarea.composer-input") as HTMLTextAreaElement).placeholder, "Send a message (Enter to send, Shift+Enter for a new line)");
  });

  it("a page opened without a table speaks English", async () => {
    page = await openPage();
    assert.equal(page.$(".thread-title").textContent, "New thread");
    assert.equal(page.$(".send-button").getAttribute("aria-label"), "Send (Enter)");
  });
});
