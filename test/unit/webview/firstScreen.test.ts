/**
 * Less work per frame, against the real bundle: a snapshot's frame renders about a screenful (the rest of
 * the window follows in the next frame, nothing outside it is rendered), and a streamed paragraph of
 * plain prose grows one text node instead of being parsed and sanitised again every frame, while
 * anything with markdown or HTML in it still goes through markdown-it and the sanitiser. Work is counted
 * (messages, nodes, mutation records), never timed.
 */
import assert from "node:assert/strict";
import type { ChatMessageView } from "../../../src/protocol/chatProtocol";
import { renderedIds, snapshot, useOneShotRender, usePage } from "./harness";

const human = (id: string, content: string): ChatMessageView => ({ id, role: "human", content, toolCalls: [] });
const ai = (id: string, content: string): ChatMessageView => ({ id, role: "ai", content, toolCalls: [], author: { id: "asst-1", name: "Researcher" } });


describe("chat webview bundle: the first screen and streamed prose", function () {
  this.timeout(60_000);
  const page = usePage();

  it("renders about a screenful in a snapshot's frame and the rest of the window in the next one", () => {
    const messages = Array.from({ length: 300 }, (_, i) =>
      i % 2 ? ai(`m${i}`, `Answer ${i} with **bold** and <img src=x onerror="window.__pwned = ${i}">`) : human(`m${i}`, `Question ${i}`),
    );
    page().apply(snapshot({ messages }));
    const first = renderedIds(page());
    assert.ok(first.length >= 4 && first.length <= 10, `${first.length} messages in the snapshot's frame`);
    assert.deepEqual(first, messages.slice(-first.length).map((m) => m.id), "the end of the thread");
    assert.equal(page().$$(".message-body strong").length, first.length / 2, "only the rendered messages' markdown was rendered");
    assert.equal(page().pendingFrames(), 1, "the rest of the window is on its way");

    page().frame();
    const window = renderedIds(page());
    assert.deepEqual(window, messages.slice(-40).map((m) => m.id), "the window, filled in the next frame");
    assert.equal(page().$$(".message-body strong").length, 20);
    // The live region's "polite" comes back in one more frame; then nothing is left to do.
    page().frame();
    assert.equal(page().pendingFrames(), 0);
    assert.equal(page().$$("img, [onerror]").length, 0);
    assert.equal((page().window as unknown as { __pwned?: unknown }).__pwned, undefined);
  });

  describe("a streamed paragraph", () => {
    const oneShot = useOneShotRender();

    function stream(tokens: string[], check: (body: HTMLElement, content: string) => void): string {
      page().apply(snapshot({ messages: [human("h", "go"), ai("s", "")], run: { phase: "streaming", runId: "r" } }));
      const body = page().$("[data-message-id=s] .message-body");
      let content = "";
      for (const token of tokens) {
        content += token;
        page().send({ type: "messageDelta", id: "s", textDelta: token });
        page().frame();
        check(body, content);
      }
      return content;
    }

    it("of plain prose grows one text node, and looks as a one-shot render of the text", () => {
      let node: Node | undefined;
      const observer = new (page().window.MutationObserver)(() => undefined);
      const tokens = ["Hello", " there,", " this", " is", " a", " long", " answer", " (in", " parts)", "."];
      stream(tokens, (body, content) => {
        assert.equal(body.innerHTML, oneShot(content), JSON.stringify(content));
        const text = body.querySelector("p")?.firstChild ?? undefined;
        if (!node) {
          node = text;
          observer.observe(body, { childList: true, subtree: true, characterData: true, attributes: true });
          return;
        }
        assert.equal(text, node, "the same text node");
        const records = observer.takeRecords();
        assert.ok(records.length <= 1 && records.every((record) => record.type === "characterData"), JSON.stringify(records.map((r) => r.type)));
      });
      observer.disconnect();
    });

    it("is parsed and sanitised again once markdown or HTML arrives", () => {
      const tokens = ["Plain", " start", " then", " **bold", "**", " and", " <img src=x", ` onerror="window.__pwned = 1">`, " and", " more", " text"];
      const content = stream(tokens, (body, text) => assert.equal(body.innerHTML, oneShot(text), JSON.stringify(text)));
      const body = page().$("[data-message-id=s] .message-body");
      assert.equal(body.querySelector("strong")?.textContent, "bold");
      assert.equal(body.querySelector("img, [onerror]"), null);
      assert.match(body.textContent ?? "", /<img src=x onerror=/);
      assert.equal((page().window as unknown as { __pwned?: unknown }).__pwned, undefined);
      assert.ok(content.endsWith("more text"));
    });

    it("settles into blocks as before when a new paragraph starts", () => {
      const tokens = ["First", " paragraph", "\n\n", "Second", " one", " grows", "\n\n- a", " list", "\n\nThird", " plain"];
      stream(tokens, (body, text) => assert.equal(body.innerHTML, oneShot(text), JSON.stringify(text)));
    });
  });
});
