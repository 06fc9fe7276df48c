import assert from "node:assert/strict";
import { createClient } from "../../src/deployment/clientFactory";
import type { Attachment } from "../../src/protocol/chatProtocol";
import { defaultAssistant, ofType, recordSession } from "../harness/chatHarness";
import { startHttpFaultProxy, type HttpFaultProxy } from "../harness/httpFaultProxy";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { openPage } from "../unit/webview/harness";

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const NOTES: Attachment = { kind: "text", name: "notes.md", text: "SECRET PLAN: the contents of the file, not a title" };
const DOT: Attachment = { kind: "image", name: "dot.png", dataUrl: PNG };

describe("attachments: Retry resends them, and a new thread is titled from the typed text or the files' names (real server)", () => {
  let server: LangGraphServer;
  let proxy: HttpFaultProxy;
  beforeEach(async () => {
    server = await testServer();
    proxy = await startHttpFaultProxy(server.url);
  });
  afterEach(async () => {
    await proxy.close();
  });

  it("Retry of a failed send sends the attached files again, not only the text, and the composer lets the resent draft go", async () => {
    const { session, posted, client } = recordSession(proxy.url);
    await session.load();
    const echo = await defaultAssistant(client, "echo");
    proxy.failNext(5, 502, /\/runs\/stream$/);
    await session.send("Read these", echo.assistant_id, [NOTES, DOT]);
    assert.match(session.error?.message ?? "", /\(502\)/);
    const restored = ofType(posted, "restoreDraft").at(-1);
    assert.deepEqual(restored, { type: "restoreDraft", text: "Read these", attachments: [NOTES, DOT] }, "the draft comes back with its files");

    // The real composer holds the restored draft; Retry's resend lets it go.
    const page = await openPage();
    try {
      page.apply(session.snapshot());
      page.apply(restored);
      assert.equal(page.$$(".composer-attachments li").length, 2);
      proxy.failNext(0);
      posted.length = 0;
      await session.retry();
      assert.equal(session.error, undefined);
      for (const message of posted) page.apply(message);
      assert.equal((page.$("textarea.composer-input") as HTMLTextAreaElement).value, "", "the resent text left the composer");
      assert.equal(page.$$(".composer-attachments li").length, 0, "and so did its files");
    } finally {
      page.close();
    }

    const state = await createClient({ url: server.url }).threads.getState(session.threadId!);
    const [question] = (state.values as { messages: { type: string; content: unknown }[] }).messages;
    assert.deepEqual(question.content, [
      { type: "text", text: "Read these" },
      { type: "text", text: `\n\nnotes.md:\n\`\`\`\n${NOTES.text}\n\`\`\`` },
      { type: "image_url", image_url: { url: PNG } },
    ]);
    assert.equal((await createClient({ url: server.url }).runs.list(session.threadId!)).length, 1, "sent exactly once");
  });

  it("Retry leaves a draft alone that the user has typed on since", async () => {
    const page = await openPage();
    try {
      page.apply({ type: "restoreDraft", text: "Read these", attachments: [NOTES] });
      const input = page.$("textarea.composer-input") as HTMLTextAreaElement;
      input.value = "Read these, and more";
      input.dispatchEvent(new page.window.Event("input", { bubbles: true }));
      page.apply({ type: "draftResent", text: "Read these" });
      assert.equal(input.value, "Read these, and more");
      assert.equal(page.$$(".composer-attachments li").length, 1);
    } finally {
      page.close();
    }
  });

  it("a new thread is titled from the typed text, or from the files' names when nothing is typed, never from a file's contents", async () => {
    const client = createClient({ url: server.url });
    const echo = await defaultAssistant(client, "echo");
    const titled = async (text: string, attachments: Attachment[]) => {
      const { session } = recordSession(server.url);
      await session.load();
      await session.send(text, echo.assistant_id, attachments);
      const thread = await client.threads.get(session.threadId!);
      return { panel: session.thread.title, server: (thread.metadata as { title?: string }).title };
    };
    assert.deepEqual(await titled("", [NOTES]), { panel: "notes.md", server: "notes.md" });
    assert.deepEqual(await titled("", [NOTES, DOT]), { panel: "notes.md, dot.png", server: "notes.md, dot.png" });
    assert.deepEqual(await titled("  Summarise   this\n", [NOTES]), { panel: "Summarise this", server: "Summarise this" });
  });
});
