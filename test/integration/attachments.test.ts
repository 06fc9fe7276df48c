import assert from "node:assert/strict";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, recordSession } from "../harness/chatHarness";
import { until } from "../harness/wait";
import { openPage } from "../unit/webview/harness";
import { validateWebviewToHost } from "../../src/protocol/chatMessageSchemas";

const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const PNG = `data:image/png;base64,${PNG_BASE64}`;

describe("attachments: from the composer to the server and back to an <img> (real server, real webview bundle)", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  it("a pasted image and a dropped text file are stored as an image block and inline text, and render after reopening", async () => {
    const { session, client } = recordSession(server.url);
    await session.load();
    const echo = await defaultAssistant(client, "echo");
    await session.refreshAssistants();

    // The composer of the real bundle produces the message the host receives.
    const composer = await openPage();
    let sent: unknown;
    try {
      composer.apply(session.snapshot());
      const input = composer.$("textarea.composer-input") as HTMLTextAreaElement;
      input.value = "What is in these?";
      input.dispatchEvent(new composer.window.Event("input", { bubbles: true }));
      const paste = new composer.window.Event("paste", { bubbles: true, cancelable: true });
      Object.defineProperty(paste, "clipboardData", { value: { files: [new composer.window.File([Buffer.from(PNG_BASE64, "base64")], "dot.png", { type: "image/png" })] } });
      input.dispatchEvent(paste);
      const drop = new composer.window.Event("drop", { bubbles: true, cancelable: true });
      Object.defineProperty(drop, "dataTransfer", { value: { files: [new composer.window.File(["<b>not bold</b>"], "notes.html", { type: "text/html" })], types: ["Files"], getData: () => "" } });
      composer.$(".composer").dispatchEvent(drop);
      await until(() => composer.$$(".composer-attachments li").length === 2);
      composer.$("button.send-button").click();
      sent = composer.posted.find((message) => message.type === "send");
      assert.deepEqual(composer.errors, []);
    } finally {
      composer.close();
    }

    const validated = validateWebviewToHost(sent);
    assert.ok(validated.ok && validated.message.type === "send", "the host's schema accepts the composer's message");
    const message = validated.message;
    assert.equal(message.attachments?.length, 2);
    await session.send(message.text, echo.assistant_id, message.attachments);

    const state = await client.threads.getState(session.threadId!);
    const [question, reply] = (state.values as { messages: { type: string; content: unknown }[] }).messages;
    assert.equal(question.type, "human");
    assert.deepEqual(question.content, [
      { type: "text", text: "What is in these?" },
      { type: "image_url", image_url: { url: PNG } },
      { type: "text", text: "\n\nnotes.html:\n```\n<b>not bold</b>\n```" },
    ]);
    assert.match(String(reply.content), /You said: "What is in these\?\n\nnotes\.html:/, "the graph read the text and the file");

    const reopened = recordSession(server.url, session.threadId);
    await reopened.session.load();
    const page = await openPage();
    try {
      page.apply(reopened.session.snapshot());
      const images = page.$$("article.message img");
      assert.equal(images.length, 1);
      assert.equal(images[0].getAttribute("src"), PNG);
      assert.equal(page.$$("article.message b").length, 0, "the file's markup stays text");
      assert.match(page.$$("article.message")[0].textContent ?? "", /<b>not bold<\/b>/);
      assert.deepEqual(page.errors, []);
    } finally {
      page.close();
    }
  });
});
