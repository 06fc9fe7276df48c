import assert from "node:assert/strict";
import { ai, click, human, snapshot, usePage } from "./harness";

const text = (element: Element) => (element.textContent ?? "").trim();

describe("chat webview bundle: messages", () => {
  const page = usePage();

  it("posts ready on load and builds the panel inside #app", () => {
    assert.deepEqual(page().posted, [{ type: "ready" }]);
    const app = page().$("#app");
    assert.ok(app.querySelector("header.chat-header"));
    const log = page().$("[role=log]");
    assert.equal(log.getAttribute("aria-live"), "polite");
    assert.ok(app.querySelector("textarea[aria-label=Message]"));
  });

  it("tells the host once a loaded snapshot is painted (a task after its frame), never a loading one", async () => {
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
    page().apply(snapshot({ loading: true, messages: [human("h1", "hi")] }));
    await settle();
    assert.equal(page().paints, 0, "a loading snapshot is not the thread painted");
    page().send(snapshot({ messages: [human("h1", "hi"), ai("a1", "hello")] }));
    await settle();
    assert.equal(page().paints, 0, "nothing before the frame that draws it");
    page().frame();
    await settle();
    assert.equal(page().paints, 1);
    page().send({ type: "thread", thread: { threadId: "t", title: "Renamed", status: "idle" } });
    page().frame();
    await settle();
    assert.equal(page().paints, 1, "only snapshots count");
  });

  it("shows the thread title and status in the header, as text", () => {
    page().apply(snapshot({ thread: { threadId: "t", title: "<b>Plan</b> trip", status: "busy" } }));
    assert.equal(page().$(".thread-title").textContent, "<b>Plan</b> trip");
    assert.equal(page().$(".thread-title").querySelector("b"), null);
    assert.equal(page().$(".thread-status").textContent, "busy");
    page().send({ type: "thread", thread: { threadId: "t", title: "Renamed", status: "idle" } });
    assert.equal(page().$(".thread-title").textContent, "Renamed");
    assert.equal(page().$(".thread-status").textContent, "idle");
  });

  it("shows an empty state for a new thread and a loading state while loading", () => {
    page().apply(snapshot({ loading: true }));
    assert.equal(page().$(".empty-state").hidden, false);
    assert.match(page().$(".empty-title").textContent ?? "", /Loading/);
    assert.equal(page().$(".progress-bar").hidden, false);
    page().apply(snapshot({ loading: false }));
    assert.equal(page().$(".empty-state").hidden, false);
    assert.match(page().$(".empty-title").textContent ?? "", /New conversation/);
    assert.equal(page().$(".progress-bar").hidden, true);
    page().apply(snapshot({ messages: [human("h1", "hi")] }));
    assert.equal(page().$(".empty-state").hidden, true);
  });

  it("renders AI markdown: headings, lists, links and inline code", () => {
    const md = "# Title\n\n## Sub\n\n- one\n- two\n\n1. first\n2. second\n\nSee [docs](https://example.com/docs) and `npm test`.";
    page().apply(snapshot({ messages: [ai("a1", md)] }));
    const body = page().$("[data-message-id=a1] .message-body");
    assert.equal(body.querySelector("h1")?.textContent, "Title");
    assert.equal(body.querySelector("h2")?.textContent, "Sub");
    assert.deepEqual([...body.querySelectorAll("ul > li")].map((li) => li.textContent), ["one", "two"]);
    assert.deepEqual([...body.querySelectorAll("ol > li")].map((li) => li.textContent), ["first", "second"]);
    const link = body.querySelector("a");
    assert.equal(link?.getAttribute("href"), "https://example.com/docs");
    assert.equal(link?.textContent, "docs");
    assert.equal(link?.hasAttribute("target"), false);
    assert.equal(body.querySelector("p code")?.textContent, "npm test");
  });

  it("renders human messages as plain text, never markup", () => {
    page().apply(snapshot({ messages: [human("h1", "**not bold** <i>x</i>")] }));
    const body = page().$("[data-message-id=h1] .message-body");
    assert.equal(body.textContent, "**not bold** <i>x</i>");
    assert.equal(body.children.length, 0);
  });

  it("highlights fenced code and gives it Copy / Insert at Cursor buttons", () => {
    page().apply(snapshot({ messages: [ai("a1", "```ts\nconst x: number = 1;\n```")] }));
    const block = page().$(".code-block");
    const code = block.querySelector("pre code")!;
    assert.ok(code.querySelector(".hljs-keyword"), "keyword token highlighted");
    assert.equal(code.textContent, "const x: number = 1;\n");
    assert.equal(block.querySelector(".code-language")?.textContent, "ts");

    const copy = block.querySelector<HTMLButtonElement>("button[data-code-action=copy]")!;
    const insert = block.querySelector<HTMLButtonElement>("button[data-code-action=insert]")!;
    assert.equal(copy.getAttribute("aria-label"), "Copy");
    assert.equal(insert.getAttribute("aria-label"), "Insert at Cursor");
    click(page(), copy);
    click(page(), insert);
    assert.deepEqual(page().posted.slice(1), [
      { type: "copyText", text: "const x: number = 1;" },
      { type: "insertCode", code: "const x: number = 1;", language: "ts" },
    ]);
  });

  it("posts openLink for a clicked link and never navigates", () => {
    page().apply(snapshot({ messages: [ai("a1", "[site](https://example.com/) and [section](#part-2)")] }));
    const [external, fragment] = page().$$(".message-body a");
    const before = page().window.location.href;
    assert.equal(click(page(), external), false, "default action prevented");
    assert.equal(click(page(), fragment.querySelector("*") ?? fragment), false);
    assert.equal(page().window.location.href, before);
    assert.deepEqual(page().posted.slice(1), [
      { type: "openLink", href: "https://example.com/" },
      { type: "openLink", href: "#part-2" },
    ]);
  });

  it("renders tool calls as cards with the name, pretty JSON arguments and the result", () => {
    const message = ai("a1", "Let me check.", {
      toolCalls: [{ id: "call-1", name: "get_weather", args: '{"city":"Paris","days":[1,2]}' }],
    });
    page().apply(snapshot({ messages: [message] }));
    const card = page().$("[data-message-id=a1] details.tool-card");
    assert.equal(card.querySelector(".tool-name")?.textContent, "get_weather");
    assert.equal(card.querySelector(".tool-args pre")?.textContent, JSON.stringify({ city: "Paris", days: [1, 2] }, null, 2));
    assert.equal(card.querySelector<HTMLElement>(".tool-result")?.hidden, true);
    assert.equal(card.dataset.state, "pending");

    page().apply({ type: "toolResult", toolCallId: "call-1", result: { content: '{"temp":21}', status: "success" } });
    assert.equal(card.querySelector<HTMLElement>(".tool-result")?.hidden, false);
    assert.equal(card.querySelector(".tool-result pre")?.textContent, '{\n  "temp": 21\n}');
    assert.equal(card.dataset.state, "success");
    assert.equal(card.querySelector(".tool-status")?.textContent, "Done");
  });

  it("marks a failed tool call as an error", () => {
    const message = ai("a1", "", {
      toolCalls: [{ id: "c", name: "rm", args: "{}", result: { content: "permission denied", status: "error" } }],
    });
    page().apply(snapshot({ messages: [message] }));
    const card = page().$("details.tool-card");
    assert.ok(card.classList.contains("tool-card--error"));
    assert.equal(card.querySelector(".tool-status")?.textContent, "Failed");
    assert.ok(card.querySelector(".codicon-error"));
    assert.equal(card.querySelector(".tool-result pre")?.textContent, "permission denied");
  });

  it("keeps a result that arrives before its call and shows an orphan tool message as a card", () => {
    page().apply(snapshot());
    page().apply({ type: "toolResult", toolCallId: "late", result: { content: "ok", status: "success" } });
    page().apply({ type: "messageUpsert", message: ai("a1", "", { toolCalls: [{ id: "late", name: "ping", args: "{}" }] }) });
    assert.equal(page().$("[data-message-id=a1] .tool-result pre").textContent, "ok");
    page().apply({ type: "messageUpsert", message: { id: "t1", role: "tool", content: "orphan output", toolCalls: [], toolCallId: "x" } });
    assert.equal(page().$("[data-message-id=t1] .tool-result pre").textContent, "orphan output");
  });

  it("labels every AI reply with its assistant, and follows attribution updates", () => {
    page().apply(snapshot({ messages: [human("h1", "hi"), ai("a1", "hello"), ai("a2", "again", { author: undefined })] }));
    const label = page().$("[data-message-id=a1] .message-author");
    assert.equal(label.textContent, "Researcher");
    assert.ok(label.querySelector(".codicon.codicon-hubot"));
    assert.match(label.title, /research_graph/);
    assert.equal(page().$("[data-message-id=a2] .message-author").textContent, "Assistant");
    assert.equal(page().$("[data-message-id=h1] .message-author").textContent, "You");

    page().apply({
      type: "attribution",
      authors: { a2: { id: "asst-2", name: "Writer", graphId: "writer_graph" } },
    });
    const updated = page().$("[data-message-id=a2] .message-author");
    assert.equal(updated.textContent, "Writer");
    assert.match(updated.title, /writer_graph/);
    assert.equal(page().$("[data-message-id=a1] .message-author").textContent, "Researcher");
  });

  it("appends streamed tokens, flushing once per frame however many deltas arrive", () => {
    page().apply(snapshot({ messages: [human("h1", "hi"), ai("a1", "Hel")], run: { phase: "streaming", runId: "r" } }));
    const body = page().$("[data-message-id=a1] .message-body");
    assert.equal(page().pendingFrames(), 0);

    const observer = new (page().window.MutationObserver)(() => undefined);
    observer.observe(page().$("[role=log]"), { childList: true, subtree: true, characterData: true, attributes: true });
    for (const token of ["lo", ", ", "**wor", "ld**", "!"]) page().send({ type: "messageDelta", id: "a1", textDelta: token });
    assert.equal(page().pendingFrames(), 1, "five deltas schedule one frame");
    assert.equal(text(body), "Hel", "nothing written before the frame");

    assert.equal(page().frame(), 1);
    const touched = observer.takeRecords().map((record) => record.target);
    observer.disconnect();
    assert.ok(touched.length > 0);
    assert.ok(touched.every((node) => body.contains(node)), "the frame only wrote inside the streaming message's body");
    assert.equal(text(body), "Hello, world!");
    assert.equal(body.querySelector("strong")?.textContent, "world");
    assert.equal(page().pendingFrames(), 0);

    page().send({ type: "messageDelta", id: "a1", textDelta: " More." });
    assert.equal(page().pendingFrames(), 1);
    page().frame();
    assert.equal(text(body), "Hello, world! More.");
  });

  it("streams tool-call arguments raw until they parse, then pretty-prints them", () => {
    page().apply(snapshot({ messages: [ai("a1", "")], run: { phase: "streaming" } }));
    page().send({ type: "messageDelta", id: "a1", textDelta: "", toolCalls: [{ index: 0, id: "c1", name: "search", argsDelta: '{"q": "pa' }] });
    page().frame();
    const card = page().$("details.tool-card") as HTMLDetailsElement;
    assert.equal(card.querySelector(".tool-name")?.textContent, "search");
    assert.equal(card.querySelector(".tool-args pre")?.textContent, '{"q": "pa');
    assert.ok(card.querySelector(".tool-args")?.classList.contains("tool-args--partial"));
    card.open = true;
    page().send({ type: "messageDelta", id: "a1", textDelta: "", toolCalls: [{ index: 0, argsDelta: 'ris"}' }] });
    page().frame();
    assert.equal(page().$("details.tool-card"), card, "card kept across updates");
    assert.equal(card.open, true, "open state kept");
    assert.equal(card.querySelector(".tool-args pre")?.textContent, '{\n  "q": "paris"\n}');
  });

  it("starts a message for a delta that arrives before its upsert", () => {
    page().apply(snapshot({ run: { phase: "streaming", assistantId: "asst-2" } }));
    page().apply({ type: "messageDelta", id: "new", textDelta: "Hi" });
    assert.equal(text(page().$("[data-message-id=new] .message-body")), "Hi");
    assert.equal(page().$("[data-message-id=new] .message-author").textContent, "Writer");
  });

  it("upserts in place, removes, and keeps order", () => {
    page().apply(snapshot({ messages: [human("h1", "one"), ai("a1", "two")] }));
    page().apply({ type: "messageUpsert", message: { ...human("h2", "three"), pending: true } });
    assert.deepEqual(page().$$("[data-message-id]").map((m) => m.dataset.messageId), ["h1", "a1", "h2"]);
    assert.ok(page().$("[data-message-id=h2]").classList.contains("message--pending"));
    page().apply({ type: "messageUpsert", message: ai("a1", "two, edited") });
    assert.equal(text(page().$("[data-message-id=a1] .message-body")), "two, edited");
    page().apply({ type: "messageRemove", id: "h2" }, { type: "messageUpsert", message: human("h2-final", "three") });
    assert.deepEqual(page().$$("[data-message-id]").map((m) => m.dataset.messageId), ["h1", "a1", "h2-final"]);
  });

  it("shows an error banner whose buttons post errorAction, and clears it", () => {
    page().apply(snapshot());
    assert.equal(page().$(".error-banner").hidden, true);
    page().send({
      type: "error",
      error: { message: "Server unreachable <b>!</b>", actions: [{ id: "retry", label: "Retry" }, { id: "openSettings", label: "Open Settings" }] },
    });
    const banner = page().$(".error-banner");
    assert.equal(banner.hidden, false);
    assert.equal(banner.getAttribute("role"), "alert");
    assert.equal(banner.querySelector(".error-message")?.textContent, "Server unreachable <b>!</b>");
    const buttons = [...banner.querySelectorAll<HTMLButtonElement>(".error-actions button")];
    assert.deepEqual(buttons.map((b) => b.textContent), ["Retry", "Open Settings"]);
    click(page(), buttons[1]);
    assert.deepEqual(page().posted.at(-1), { type: "errorAction", action: "openSettings" });
    page().send({ type: "error" });
    assert.equal(banner.hidden, true);
  });
});
