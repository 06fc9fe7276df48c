import assert from "node:assert/strict";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { recordSession } from "../harness/chatHarness";
import { openPage } from "../unit/webview/harness";

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

describe("images: from a run's input on the server to an <img> in the panel (real server, real webview bundle)", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  it("an inline image block the server stored renders as an <img>; a remote one in the same thread only as a link", async () => {
    const { client } = recordSession(server.url);
    const thread = await client.threads.create();
    const content = [
      { type: "text", text: "What is in these?" },
      { type: "image_url", image_url: { url: PNG } },
      { type: "image_url", image_url: { url: "https://tracker.example/pixel.png" } },
    ];
    await client.runs.wait(thread.thread_id, "echo", { input: { messages: [{ type: "human", content }] } });

    const { session } = recordSession(server.url, thread.thread_id);
    await session.load();
    const [question] = session.model.messages;
    assert.equal(question.content, "What is in these?");
    assert.deepEqual(question.images, [{ src: PNG }, { url: "https://tracker.example/pixel.png" }]);

    const page = await openPage();
    try {
      page.apply(session.snapshot());
      page.frame();
      const images = page.$$("img");
      assert.equal(images.length, 1);
      assert.equal(images[0].getAttribute("src"), PNG);
      assert.equal(page.$$("a.image-link").length, 1);
      assert.ok(!page.document.documentElement.outerHTML.includes('src="https://tracker.example'), "the remote URL is never a source");
      assert.deepEqual(page.errors, []);
    } finally {
      page.close();
    }
  });
});
