import assert from "node:assert/strict";
import type { ChatMessageView } from "../../../src/protocol/chatProtocol";
import { click, snapshot, usePage, type Page } from "./harness";

/** Each payload would set `window.__pwned` if any of it ever ran. */
const PAYLOADS = [
  `<script>window.__pwned = "script"</script>`,
  `<img src=x onerror="window.__pwned = 'img'">`,
  `<svg onload="window.__pwned = 'svg'"><circle r=1 /></svg>`,
  `<iframe src="javascript:window.__pwned = 'iframe'"></iframe>`,
  `<iframe srcdoc="<script>parent.__pwned = 'srcdoc'</script>"></iframe>`,
  `<style>body { display: none }</style>`,
  `<a href="javascript:window.__pwned = 'a'">raw link</a>`,
  `<div style="background:url(javascript:alert(1))" onclick="window.__pwned = 'div'">x</div>`,
];

const MARKDOWN_ATTACKS = [
  ...PAYLOADS,
  "[md link](javascript:window.__pwned='md')",
  "[data link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+)",
  "[vb link](vbscript:msgbox(1))",
  "<javascript:window.__pwned='autolink'>",
  "![tracker](https://evil.example/pixel.png)",
  "![x](javascript:window.__pwned='image')",
  "```html\n<script>window.__pwned = 'fence'</script>\n```",
].join("\n\n");

const EVENTS = ["load", "error", "click", "mouseover", "focus", "animationstart", "toggle", "input"];

function fireEverything(page: Page): void {
  for (const element of page.$$("#app *")) {
    for (const type of EVENTS) element.dispatchEvent(new page.window.Event(type, { bubbles: false, cancelable: true }));
  }
}

function pwned(page: Page): unknown {
  return (page.window as unknown as { __pwned?: unknown }).__pwned;
}

function assertClean(root: Element): void {
  assert.equal(root.querySelector("script, img, svg, iframe, style, object, embed, form, link, meta, base"), null);
  for (const element of root.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      assert.ok(!/^on/i.test(attribute.name), `event handler attribute ${attribute.name} survived`);
      assert.notEqual(attribute.name, "style", "style attribute survived");
      assert.notEqual(attribute.name, "target", "target attribute survived");
      assert.notEqual(attribute.name, "srcdoc");
      if (attribute.name === "href") assert.ok(!/^\s*(javascript|data|vbscript):/i.test(attribute.value), `unsafe href ${attribute.value}`);
    }
  }
}

describe("chat webview bundle: untrusted content", () => {
  const page = usePage();

  it("would notice a payload that ran (control for the checks below)", () => {
    const probe = page().document.createElement("div");
    probe.innerHTML = `<img src=x onerror="window.__pwned = 'control'">`;
    page().$("#app").append(probe);
    fireEverything(page());
    assert.equal(pwned(page()), "control");
  });

  it("never runs or keeps script, handlers, iframes, styles or unsafe links from agent markdown", () => {
    const message: ChatMessageView = {
      id: "evil",
      role: "ai",
      content: MARKDOWN_ATTACKS,
      toolCalls: [],
      author: { id: "a", name: "Researcher" },
    };
    page().apply(snapshot({ messages: [message] }));
    page().send({ type: "messageDelta", id: "evil", textDelta: "\n\n" + PAYLOADS.join("") });
    page().frame();
    const body = page().$("[data-message-id=evil] .message-body");
    assertClean(body);
    assert.match(body.textContent ?? "", /tracker/, "an image renders as its alt text");
    for (const link of body.querySelectorAll("a")) click(page(), link);
    fireEverything(page());
    assert.equal(pwned(page()), undefined);
    for (const message of page().posted.filter((m) => m.type === "openLink")) {
      assert.ok(!/^\s*(javascript|data|vbscript):/i.test((message as { href: string }).href));
    }
  });

  it("shows raw HTML in agent markdown as literal text", () => {
    const messages: ChatMessageView[] = PAYLOADS.map((content, index) => ({ id: `p${index}`, role: "ai", content, toolCalls: [] }));
    page().apply(snapshot({ messages }));
    PAYLOADS.forEach((payload, index) => {
      const body = page().$(`[data-message-id=p${index}] .message-body`);
      assert.equal(body.textContent?.trim(), payload);
      assert.equal(body.querySelectorAll("*").length, 1, "a single paragraph, nothing parsed out of it");
    });
    const link = { id: "l", role: "ai" as const, content: "[md link](javascript:window.__pwned='md')", toolCalls: [] };
    page().apply({ type: "messageUpsert", message: link });
    assert.equal(page().$("[data-message-id=l] .message-body").querySelector("a"), null);
    fireEverything(page());
    assert.equal(pwned(page()), undefined);
  });

  it("treats tool names, arguments, results, titles, assistant names and errors as text", () => {
    const evil = `<img src=x onerror="window.__pwned = 'field'">`;
    page().apply(
      snapshot({
        thread: { threadId: "t", title: evil, status: evil },
        assistants: [{ id: "a", name: evil, graphId: evil }],
        selectedAssistantId: "a",
        messages: [
          { id: "h", role: "human", content: evil, toolCalls: [] },
          {
            id: "m",
            role: "ai",
            content: "",
            author: { id: "a", name: evil, graphId: evil },
            toolCalls: [{ id: "c", name: evil, args: JSON.stringify({ html: evil }), result: { content: evil, status: "error" } }],
          },
          { id: "s", role: "system", content: evil, toolCalls: [] },
        ],
        error: { message: evil, actions: [{ id: "retry", label: evil }] },
      }),
    );
    assertClean(page().$("#app .message-log"));
    assert.equal(page().$("#app").querySelector("img, script"), null);
    assert.equal(page().$(".thread-title").textContent, evil);
    assert.equal(page().$("[data-message-id=m] .tool-name").textContent, evil);
    assert.equal(page().$("[data-message-id=m] .message-author").textContent, evil);
    assert.equal(page().$(".error-message").textContent, evil);
    fireEverything(page());
    assert.equal(pwned(page()), undefined);
  });
});
