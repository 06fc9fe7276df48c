/**
 * Long threads and long replies against the real bundle: only a window of a long conversation has DOM,
 * earlier messages come in on demand without moving what the user reads, updates reach messages outside
 * the window, and a streamed reply re-renders only its last block per frame while ending up exactly as a
 * one-shot render of the same text. Work is counted (elements, DOM mutations), never timed.
 */
import assert from "node:assert/strict";
import type { ChatMessageView } from "../../../src/protocol/chatProtocol";
import { click, renderedIds, snapshot, typeInto, useOneShotRender, usePage, type Page } from "./harness";

const author = { id: "asst-1", name: "Researcher", graphId: "research_graph" };
const human = (id: string, content: string): ChatMessageView => ({ id, role: "human", content, toolCalls: [] });
const ai = (id: string, content: string, extra: Partial<ChatMessageView> = {}): ChatMessageView => ({
  id,
  role: "ai",
  content,
  toolCalls: [],
  author,
  ...extra,
});

/** Questions, tool calls with results and markdown answers, as a long thread has them. */
function conversation(count: number): ChatMessageView[] {
  const messages: ChatMessageView[] = [];
  for (let i = 0; i < count; i++) {
    const id = `m${i}`;
    if (i % 3 === 0) messages.push(human(id, `Question ${i}: what is the weather on day ${i}?`));
    else if (i % 3 === 1) {
      const args = JSON.stringify({ city: "Paris", day: i });
      messages.push(ai(id, "", { toolCalls: [{ id: `call-${i}`, name: "get_weather", args, result: { content: `${i}°C`, status: "success" } }] }));
    } else messages.push(ai(id, `It is **sunny** on day ${i}.\n\n- morning\n- evening`));
  }
  return messages;
}

/** Runs frames until the page asks for no more (a snapshot's frame asks for one more chunk). */
function settle(page: Page): void {
  for (let frames = 0; page.pendingFrames() > 0; frames++) {
    assert.ok(frames < 10, "the page keeps asking for frames");
    page.frame();
  }
}

const text = (element: Element | null | undefined) => (element?.textContent ?? "").trim();

describe("chat webview bundle: long threads", function () {
  this.timeout(60_000);
  const page = usePage();

  const scroller = () => page().$(".message-scroller");
  const scroll = () => scroller().dispatchEvent(new (page().window.Event)("scroll"));
  const loadEarlier = () => page().$("button.load-earlier");

  it("renders only the end of a 2,000-message snapshot", () => {
    const messages = conversation(2000);
    page().apply(snapshot({ messages }));
    const first = renderedIds(page());
    assert.ok(first.length > 0 && first.length <= 30, `${first.length} messages in the snapshot's frame`);
    assert.equal(first.at(-1), "m1999", "the last message is rendered in the snapshot's frame");
    settle(page());
    const ids = renderedIds(page());
    assert.ok(ids.length > 0 && ids.length <= 60, `${ids.length} messages in the DOM`);
    assert.equal(page().$$("article.message").length, ids.length, "no message outside the log");
    assert.deepEqual(ids, messages.slice(-ids.length).map((m) => m.id), "the end of the conversation, in order");
    assert.equal(text(page().$("[data-message-id=m1997] .message-body strong")), "sunny");

    const button = loadEarlier();
    assert.equal(page().$(".message-history").hidden, false);
    assert.equal(button.tagName, "BUTTON");
    assert.equal(button.getAttribute("type"), "button");
    assert.match(text(button), /Load earlier messages/);
    assert.match(text(button), new RegExp(`${2000 - ids.length}`), "says how many are left");
    assert.ok(page().$("[role=log]").compareDocumentPosition(button) & page().window.Node.DOCUMENT_POSITION_PRECEDING, "above the log");
  });

  /** Scrolls to the top `times` times (or until everything is shown), checking each chunk that comes in. */
  function scrollUp(messages: ChatMessageView[], times = Infinity): number {
    let previous = renderedIds(page());
    let steps = 0;
    while (previous.length < messages.length && steps < times) {
      const firstBefore = page().$(`[data-message-id=${previous[0]}]`);
      scroll();
      assert.equal(page().frame(), 1);
      const ids = renderedIds(page());
      assert.ok(ids.length > previous.length, "more messages after scrolling to the top");
      assert.ok(ids.length - previous.length <= 60, "a chunk at a time");
      assert.equal(new Set(ids).size, ids.length, "no duplicates");
      assert.deepEqual(ids, messages.slice(-ids.length).map((m) => m.id), "earlier messages go in above, in order");
      assert.equal(page().$(`[data-message-id=${previous[0]}]`), firstBefore, "rendered messages are kept, not rebuilt");
      previous = ids;
      steps++;
      page().frame(); // the live region speaks again
    }
    return steps;
  }

  it("renders earlier messages of a 2,000-message snapshot when scrolled near the top, in order and without duplicates", () => {
    const messages = conversation(2000);
    page().apply(snapshot({ messages }));
    settle(page());
    assert.equal(scrollUp(messages, 5), 5);
    assert.ok(renderedIds(page()).length < 200);
  });

  it("renders earlier messages down to the first one", () => {
    const messages = conversation(500);
    page().apply(snapshot({ messages }));
    settle(page());
    const steps = scrollUp(messages);
    assert.ok(steps >= 10, `${steps} chunks`);
    assert.equal(page().$(".message-history").hidden, true, "no button once everything is shown");
    scroll();
    assert.equal(page().frame(), 0, "nothing left to load");
    assert.equal(text(page().$("[data-message-id=m0] .message-body")), "Question 0: what is the weather on day 0?");
  });

  it("loads earlier messages from the keyboard-reachable button", () => {
    const messages = conversation(100);
    page().apply(snapshot({ messages }));
    settle(page());
    const button = loadEarlier() as HTMLButtonElement;
    button.focus();
    let clicks = 0;
    while (!page().$(".message-history").hidden) {
      click(page(), button);
      page().frame();
      clicks++;
      assert.ok(clicks < 10);
    }
    assert.deepEqual(renderedIds(page()), messages.map((m) => m.id));
    assert.equal(page().document.activeElement, scroller(), "focus stays in the conversation when the button goes");
  });

  it("keeps what the user reads in place when earlier messages go in, and quiets the live region meanwhile", () => {
    page().apply(snapshot({ messages: conversation(500) }));
    settle(page());
    // Lay the page out: every message 100px tall, a 500px viewport.
    const MESSAGE_PX = 100;
    const element = scroller();
    const log = page().$("[role=log]");
    let scrollTop = 0;
    Object.defineProperty(element, "clientHeight", { configurable: true, get: () => 500 });
    Object.defineProperty(element, "scrollHeight", { configurable: true, get: () => log.children.length * MESSAGE_PX });
    Object.defineProperty(element, "scrollTop", {
      configurable: true,
      get: () => scrollTop,
      set: (value: number) => {
        scrollTop = Math.max(0, Math.min(value, log.children.length * MESSAGE_PX - 500));
      },
    });
    const top = (article: Element) => Array.prototype.indexOf.call(log.children, article) * MESSAGE_PX - scrollTop;
    page().window.HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
      const y = this.matches("article.message") ? top(this) : 0;
      return { top: y, y, bottom: y + MESSAGE_PX, left: 0, right: 0, x: 0, width: 0, height: MESSAGE_PX, toJSON: () => ({}) };
    };

    scrollTop = 150;
    const reading = page().$(`[data-message-id=${renderedIds(page())[2]}]`);
    const before = top(reading);
    scroll();
    page().frame();
    const added = renderedIds(page()).length - 40;
    assert.ok(added > 0);
    assert.equal(top(reading), before, "the message the user was reading did not move");
    assert.equal(scrollTop, 150 + added * MESSAGE_PX);
    assert.equal(log.getAttribute("aria-live"), "off", "old messages are not announced");
    page().frame();
    assert.equal(log.getAttribute("aria-live"), "polite");

    // Scrolled up: new content does not pull the user down.
    const last = renderedIds(page()).at(-1)!;
    const position = scrollTop;
    page().apply({ type: "messageDelta", id: last, textDelta: " More." });
    assert.equal(scrollTop, position);
    page().apply({ type: "messageUpsert", message: human("new", "another question") });
    assert.equal(scrollTop, position);
    // Back at the bottom: it follows again.
    scrollTop = 1e9;
    scroll();
    page().frame();
    page().apply({ type: "messageUpsert", message: ai("reply", "an answer") });
    assert.equal(scrollTop, element.scrollHeight - 500, "scrolled to the end");
  });

  it("applies deltas, tool results, attribution, versions, upserts and removals to messages outside the window", () => {
    const messages = conversation(300);
    messages[10] = ai("m10", "", { toolCalls: [{ id: "call-10", name: "search", args: "{}" }] });
    messages[20] = ai("m20", "Hello", { author: undefined });
    page().apply(snapshot({ messages, run: { phase: "streaming", runId: "r" } }));
    settle(page());
    const window = renderedIds(page());
    assert.ok(!window.includes("m10") && !window.includes("m20"));

    page().send({ type: "messageDelta", id: "m20", textDelta: " **world**" });
    page().send({ type: "messageDelta", id: "m10", textDelta: "", toolCalls: [{ index: 0, argsDelta: "" }, { index: 1, id: "call-10b", name: "fetch", argsDelta: '{"u":1}' }] });
    page().send({ type: "toolResult", toolCallId: "call-10", result: { content: "found it", status: "success" } });
    page().send({ type: "attribution", authors: { m20: { id: "asst-2", name: "Writer", graphId: "writer_graph" } } });
    page().send({ type: "branches", branches: { m21: { index: 1, count: 3 } } });
    page().send({ type: "messageUpsert", message: human("m30", "rewritten question") });
    assert.equal(page().pendingFrames(), 0, "nothing to draw: none of them is on screen");
    page().apply({ type: "messageRemove", id: "m40" });
    assert.deepEqual(renderedIds(page()), window, "the window is unchanged; no message was added at the end");

    page().apply({ type: "run", run: { phase: "idle" } });
    while (!renderedIds(page()).includes("m10")) {
      click(page(), loadEarlier());
      page().frame();
    }
    const ids = renderedIds(page());
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids, messages.filter((m) => m.id !== "m40").slice(-ids.length).map((m) => m.id));
    assert.equal(page().$$("[data-message-id=m40]").length, 0);

    const m20 = page().$("[data-message-id=m20]");
    assert.equal(text(m20.querySelector(".message-body")), "Hello world");
    assert.equal(text(m20.querySelector(".message-body strong")), "world");
    assert.equal(text(m20.querySelector(".message-author")), "Writer");
    const cards = page().$$("[data-message-id=m10] details.tool-card");
    assert.equal(cards.length, 2);
    assert.equal(text(cards[0].querySelector(".tool-result pre")), "found it");
    assert.equal(text(cards[1].querySelector(".tool-name")), "fetch");
    assert.equal(text(page().$("[data-message-id=m21] .branch-position")), "2/3");
    assert.equal(text(page().$("[data-message-id=m30] .message-body")), "rewritten question");
    assert.equal((page().$("[data-message-id=m20] button.message-regenerate") as HTMLButtonElement).disabled, false);
  });

  it("renders a message that arrives after the window as the newest", () => {
    page().apply(snapshot({ messages: conversation(200) }));
    page().apply({ type: "messageDelta", id: "fresh", textDelta: "Streaming **now**" });
    assert.equal(renderedIds(page()).at(-1), "fresh");
    assert.equal(text(page().$("[data-message-id=fresh] .message-body strong")), "now");
  });

  it("removes a message without moving the ones after it (an open editor keeps its focus)", () => {
    const messages = conversation(30);
    page().apply(snapshot({ messages }));
    settle(page());
    click(page(), page().$("[data-message-id=m27] button.message-edit"));
    const input = page().$("[data-message-id=m27] textarea.message-edit-input");
    assert.equal(page().document.activeElement, input);
    const observer = new (page().window.MutationObserver)(() => undefined);
    observer.observe(page().$("[role=log]"), { childList: true });
    page().apply({ type: "messageRemove", id: "m25" });
    const records = observer.takeRecords();
    observer.disconnect();
    assert.deepEqual(records.flatMap((record) => [...record.removedNodes].map((node) => (node as HTMLElement).dataset.messageId)), ["m25"]);
    assert.deepEqual(records.flatMap((record) => [...record.addedNodes]), []);
    assert.equal(page().document.activeElement, input);
  });

  it("keeps an open editor on screen when a snapshot would leave its message out of the window", () => {
    const messages = conversation(200);
    page().apply(snapshot({ messages }));
    settle(page());
    while (!renderedIds(page()).includes("m123")) {
      click(page(), loadEarlier());
      settle(page());
    }
    click(page(), page().$("[data-message-id=m123] button.message-edit"));
    typeInto(page(), page().$("[data-message-id=m123] textarea.message-edit-input") as HTMLTextAreaElement, "edited question");

    page().apply(snapshot({ messages }));
    const ids = renderedIds(page());
    assert.equal(ids[0], "m123", "the window reaches back to the message being edited");
    assert.deepEqual(ids, messages.slice(123).map((m) => m.id));
    settle(page());
    assert.equal((page().$("[data-message-id=m123] textarea.message-edit-input") as HTMLTextAreaElement).value, "edited question");
  });
});

/** Markdown a model writes, with the constructs whose blocks depend on what follows. */
const CORPUS = [
  "Intro paragraph.\n\n```ts\nconst a = 1;\n\nconst b: string[] = [];\n```\n\nAfter the code.\n\n~~~\nunclosed tilde fence\n\nwith a blank line\n",
  "- one\n- two\n\n- three, the list is loose now\n\n  continued paragraph in the item\n\nPara after.\n\n1. first\n2. second\n\n3. third\n\n* star\n+ plus\n\n3) paren start\n4) next\n",
  "- a\n  - b\n    - c\n\n      deep paragraph\n- d\n\n> quote\n> - list in quote\n>\n> para in quote\nlazy line\n\n> second quote\n\nend",
  "| Name | Value |\n|:-----|------:|\n| a | 1 |\n| b | 2 |\n\nText\n\na | b\n--|--\n1 | 2\nno pipes row\n\nfoo\nbar | baz\n--- | ---\n| 3 | 4 |\n\n| x |\n|---|\n",
  "Title\n=====\n\nSub\n---\n\n# ATX\n## Two ##\npara\n# interrupting\n#not a heading\n\n---\n***\n___\nfoo\n-\n",
  "para\n\n    indented code 1\n\n    indented code 2\n\nafter\n    lazy continuation\n\n\n\n    more code\n",
  'See [the docs][d] and [x] and [y].\n\nMore text.\n\n[d]: https://example.com/docs "Docs"\n[x]: /x\n\nAfter [d].\n',
  "Some *emphasis\nacross lines* and `code\nspan` and **bold** and ~~strike~~ https://example.com/auto.\n\n<b>raw html</b> & entities &amp; &copy;\n\n![alt text](https://x/y.png) line  \nhard break\\\nand another\n",
  "Line one\r\nLine two\r\n\r\n- item\r\n- item 2\r\n\r\n```\r\ncode\r\n```\r\nend\r",
  "\n\n  leading blank lines\n\nfoo\n#x\n\nq\na | b\n--|-x\n\n- \n\n-\n  item after empty\n\n1.\n2. x\n",
  "- item\n\n  ```\n  code\n\n  more\n  ```\n- next\n\n````\n```\ninner\n```\n````\nafter\n\n> ```\n> a\n>\n> b\n> ```\n\nafter <https://example.com/x>\n",
  "para\n1. one\n2. two\n\npara\n2. not a list\n# T\n| a |\n|---|\n| 1 |\na\n   \nb\n-\tone\n\n\tcode\n\n1. x\n\n   ```\n   y\n   ```\n",
  "Here is a fix:\n\n```python\ndef tail(a):\n    if a[1:]:\n        return a[1:]\n\n    return []\n```\n\nThen run:\n\n```bash\npip install -e .\n```\n\n| Step | Result |\n|---|---|\n| 1 | ok |\n\nDone.\n\n```js\nunfinished(",
];

/** A seeded generator, so a failing chunking can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function chunk(textToSplit: string, sizes: () => number): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < textToSplit.length; ) {
    const size = Math.max(1, sizes());
    chunks.push(textToSplit.slice(at, at + size));
    at += size;
  }
  return chunks;
}

describe("chat webview bundle: long streamed replies", function () {
  // Hundreds of frames, each compared with a one-shot render in jsdom.
  this.timeout(180_000);
  const page = usePage();
  const oneShot = useOneShotRender();

  function startStream(): HTMLElement {
    page().apply(snapshot({ messages: [human("h", "go"), ai("s", "")], run: { phase: "streaming", runId: "r" } }));
    return page().$("[data-message-id=s] .message-body");
  }

  // One test per document: each is hundreds of frames, and a failure names its document.
  CORPUS.forEach((doc, index) => {
    it(`renders every frame of a streamed reply exactly as a one-shot render of the text so far (document ${index + 1} of ${CORPUS.length})`, () => {
      const next = random(index + 1);
      const strategies: [string, string[]][] = [
        ["lines", doc.split(/(?<=\n)/)],
        ["random chunks", chunk(doc, () => Math.floor(next() * 9))],
      ];
      if (doc.length <= 250) strategies.push(["characters", [...doc]]);
      for (const [strategy, chunks] of strategies) {
        const body = startStream();
        let content = "";
        chunks.forEach((piece, at) => {
          content += piece;
          page().send({ type: "messageDelta", id: "s", textDelta: piece });
          page().frame();
          assert.equal(body.innerHTML, oneShot(content), `${strategy}, after chunk ${at} (${JSON.stringify(content.slice(-40))})`);
        });
        assert.equal(content, doc);
      }
    });
  });

  it("re-renders a bounded number of blocks per frame over a 2,000-token reply, and ends as a one-shot render", () => {
    const tokens: string[] = [];
    for (let section = 0; tokens.length < 2000; section++) {
      tokens.push(...`## Part ${section}\n\nThis part explains *step ${section}* with \`code\` and a [link](https://example.com/${section}).`.split(/(?= )/), "\n\n");
      if (section % 2 === 0) tokens.push("- first ", "point\n", "- second ", "point\n\n");
      if (section % 3 === 0) tokens.push("```ts\n", "const value", " = ", `${section};\n`, "console.log(value);\n", "```\n\n");
      if (section % 4 === 0) tokens.push("| a | b |\n", "|---|---|\n", `| ${section} | x |\n\n`);
    }
    tokens.length = 2000;
    const body = startStream();
    const observer = new (page().window.MutationObserver)(() => undefined);
    observer.observe(body, { childList: true, subtree: true, characterData: true, attributes: true });
    const replacedPerFrame: number[] = [];
    const addedPerFrame: number[] = [];
    const touchedSettled: number[] = [];
    let content = "";
    for (let at = 0; at < tokens.length; at += 3) {
      const settledBefore = Array.from(body.children).slice(0, -1);
      for (const token of tokens.slice(at, at + 3)) {
        content += token;
        page().send({ type: "messageDelta", id: "s", textDelta: token });
      }
      page().frame();
      const records = observer.takeRecords();
      replacedPerFrame.push(records.reduce((sum, record) => sum + record.removedNodes.length, 0));
      addedPerFrame.push(records.reduce((sum, record) => sum + record.addedNodes.length, 0));
      touchedSettled.push(records.filter((record) => settledBefore.some((block) => block === record.target || block.contains(record.target))).length);
    }
    observer.disconnect();
    const blocks = body.children.length;
    assert.ok(blocks > 300, `${blocks} blocks rendered`);
    assert.ok(Math.max(...replacedPerFrame) <= 4, `at most the last block's nodes replaced per frame, saw ${Math.max(...replacedPerFrame)}`);
    // 3 tokens a frame settle a few blocks at most, each one element and a newline.
    assert.ok(Math.max(...addedPerFrame) <= 8, `a few blocks added per frame, saw ${Math.max(...addedPerFrame)}`);
    assert.deepEqual([...new Set(touchedSettled)], [0], "settled blocks are never touched again");
    assert.equal(body.innerHTML, oneShot(content), "the streamed reply equals a one-shot render");

    // The final message from the host carries the same text: nothing to redo.
    observer.observe(body, { childList: true, subtree: true, characterData: true, attributes: true });
    page().apply({ type: "messageUpsert", message: ai("s", content) });
    assert.equal(observer.takeRecords().length, 0, "the final upsert re-renders nothing");
    observer.disconnect();
  });
});
