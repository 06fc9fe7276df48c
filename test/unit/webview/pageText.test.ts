import assert from "node:assert/strict";
import { chatPanelHtml } from "../../../src/chat/chatPanelHtml";
import { chatPageStrings } from "../../../src/protocol/chatPageStrings";
import { hostApp as writtenApp, inLanguage, markedBundle as marked, MARKED, ownWords as pageWords } from "../pageTextCheck";
import { ai, human, openPage, snapshot, type Page } from "./harness";

/** The `#app` element of the page the host writes, with the table built under `bundle`. */
const hostApp = (bundle: Record<string, string>) => inLanguage(bundle, () => writtenApp(chatPanelHtml));

const markedBundle = () => marked(chatPageStrings());

/** The page's own words, outside what shows agent or user content (`content`). */
const ownWords = (page: Page, content: string) => pageWords(page.window.document, content);

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
    const content = [".thread-title", ".message-body", ".message-author", ".branch-position", ".tool-name", "pre", ".code-language", ".interrupt-description", ".interrupt-action-name", "option"].join(", ");
    assert.deepEqual(ownWords(page, content).filter((word) => !MARKED.test(word)), [], "text not from the table");
    assert.equal(page.$(".interrupt-title").textContent, "⟦Waiting for your input⟧");
    assert.equal(page.$(".thread-status").textContent, "⟦idle⟧", "the thread's status is said in the display language");
    assert.equal(page.$(".branch-position").title, "⟦Version 1 of 2⟧", "placeholders are filled in the translated text");
    assert.equal((page.$("textarea.composer-input") as HTMLTextAreaElement).placeholder, "⟦Ask Researcher (Enter to send, Shift+Enter for a new line)⟧");
  });

  it("a generative UI card's author label and a status the table does not know", async () => {
    page = await openPage({ app: hostApp(markedBundle()) });
    page.apply(
      snapshot({
        thread: { threadId: "thread-1", title: "Weather", status: "paused-for-maintenance" },
        messages: [ai("a1", "Here is the card."), { id: "ui:1", role: "system", content: "", toolCalls: [], ui: { name: "weather_card", json: "{}" } }],
      }),
    );
    assert.equal(page.$(".message--ui .message-author-name").textContent, "⟦UI⟧");
    assert.equal(page.$(".thread-status").textContent, "paused-for-maintenance", "a status the server adds later shows as it names it");
    assert.equal(page.$(".thread-status").getAttribute("aria-label"), "⟦Thread status: paused-for-maintenance⟧");
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
