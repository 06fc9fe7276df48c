import assert from "node:assert/strict";
import { click, keydown, openPage, snapshot, typeInto, usePage } from "./harness";

describe("chat webview bundle: composer", () => {
  const page = usePage({ snapshot: {} });
  let input: HTMLTextAreaElement;
  let button: HTMLButtonElement;
  beforeEach(() => {
    input = page().$("textarea.composer-input") as HTMLTextAreaElement;
    button = page().$("button.send-button") as HTMLButtonElement;
  });

  it("lists assistants as “name — graph”, preselecting selectedAssistantId", () => {
    const picker = page().$("select.assistant-picker") as HTMLSelectElement;
    assert.equal(picker.getAttribute("aria-label"), "Assistant");
    assert.deepEqual([...picker.options].map((o) => o.textContent), ["Researcher — research_graph", "Writer — writer_graph"]);
    assert.equal(picker.value, "asst-1");
    page().send({ type: "assistants", assistants: [{ id: "x", name: "<img src=x>", graphId: "g" }, { id: "asst-2", name: "Writer", graphId: "writer_graph" }], selectedAssistantId: "asst-2" });
    assert.equal(picker.value, "asst-2");
    assert.equal(picker.options[0].textContent, "<img src=x> — g");
    assert.equal(picker.querySelector("img"), null);
  });

  it("posts selectAssistant when the picker changes, and sends to the picked assistant", () => {
    const picker = page().$("select.assistant-picker") as HTMLSelectElement;
    picker.value = "asst-2";
    picker.dispatchEvent(new (page().window.Event)("change", { bubbles: true }));
    typeInto(page(), input, "hello");
    keydown(page(), input, { key: "Enter" });
    assert.deepEqual(page().posted, [
      { type: "selectAssistant", assistantId: "asst-2" },
      { type: "send", text: "hello", assistantId: "asst-2" },
    ]);
  });

  it("asks the host to read the assistants again when the picker gets focus, and shows a changed list in place", () => {
    const picker = page().$("select.assistant-picker") as HTMLSelectElement;
    picker.dispatchEvent(new (page().window.FocusEvent)("focus"));
    assert.deepEqual(page().posted, [{ type: "assistantPickerOpened" }]);
    page().send({
      type: "assistants",
      assistants: [
        { id: "asst-1", name: "Researcher", graphId: "research_graph" },
        { id: "asst-new", name: "Created elsewhere", graphId: "echo" },
      ],
      selectedAssistantId: "asst-1",
    });
    assert.deepEqual([...picker.options].map((o) => o.textContent), ["Researcher — research_graph", "Created elsewhere — echo"]);
    assert.equal(picker.value, "asst-1", "the selection stays");
  });

  it("sends on Enter and clears the input and the saved draft", () => {
    typeInto(page(), input, "What is the weather?");
    assert.equal(page().state?.draft, "What is the weather?");
    const notPrevented = keydown(page(), input, { key: "Enter" });
    assert.equal(notPrevented, false, "Enter does not insert a newline");
    assert.deepEqual(page().posted, [{ type: "send", text: "What is the weather?", assistantId: "asst-1" }]);
    assert.equal(input.value, "");
    assert.equal(page().state?.draft, "");
  });

  it("does not send on Shift+Enter, while composing with an IME, or when empty", () => {
    typeInto(page(), input, "line one");
    assert.equal(keydown(page(), input, { key: "Enter", shiftKey: true }), true, "Shift+Enter keeps its default (newline)");
    assert.equal(keydown(page(), input, { key: "Enter", isComposing: true }), true);
    input.dispatchEvent(new (page().window.CompositionEvent)("compositionstart"));
    keydown(page(), input, { key: "Enter" });
    assert.deepEqual(page().posted, []);
    input.dispatchEvent(new (page().window.CompositionEvent)("compositionend"));
    keydown(page(), input, { key: "Enter" });
    assert.deepEqual(page().posted, [{ type: "send", text: "line one", assistantId: "asst-1" }]);

    typeInto(page(), input, "   \n ");
    keydown(page(), input, { key: "Enter" });
    assert.equal(page().posted.length, 1);
    assert.equal(button.disabled, true, "Send disabled with nothing to send");
  });

  it("sends with the Send button", () => {
    typeInto(page(), input, "via button");
    assert.equal(button.disabled, false);
    click(page(), button);
    assert.deepEqual(page().posted, [{ type: "send", text: "via button", assistantId: "asst-1" }]);
  });

  it("turns Send into Stop while a run is active and posts stop", () => {
    assert.equal(button.getAttribute("aria-label"), "Send (Enter)");
    assert.ok(button.querySelector(".codicon-send"));
    for (const phase of ["starting", "streaming"] as const) {
      page().send({ type: "run", run: { phase, runId: "r1" } });
      assert.equal(button.getAttribute("aria-label"), "Stop");
      assert.ok(button.querySelector(".codicon-debug-stop"));
      assert.equal(button.disabled, false);
    }
    assert.ok(page().$("#app").classList.contains("run-active"));
    assert.equal(page().$("[role=log]").getAttribute("aria-busy"), "true");

    typeInto(page(), input, "queued text");
    keydown(page(), input, { key: "Enter" });
    assert.equal(input.value, "queued text", "Enter does not send during a run");

    click(page(), button);
    assert.deepEqual(page().posted, [{ type: "stop" }]);

    page().send({ type: "run", run: { phase: "stopping", runId: "r1" } });
    assert.equal(button.disabled, true);
    assert.match(button.getAttribute("aria-label") ?? "", /Stopping/);

    page().send({ type: "run", run: { phase: "idle" } });
    assert.equal(button.getAttribute("aria-label"), "Send (Enter)");
    assert.ok(button.querySelector(".codicon-send"));
    click(page(), button);
    assert.deepEqual(page().posted.at(-1), { type: "send", text: "queued text", assistantId: "asst-1" });
  });

  it("puts the text back on restoreDraft and saves it", () => {
    typeInto(page(), input, "lost message");
    keydown(page(), input, { key: "Enter" });
    assert.equal(input.value, "");
    page().send({ type: "restoreDraft", text: "lost message" });
    assert.equal(input.value, "lost message");
    assert.equal(page().state?.draft, "lost message");
  });

  it("keeps the draft across a webview reload via setState", async () => {
    typeInto(page(), input, "half-written thought");
    assert.deepEqual(page().state, { draft: "half-written thought", threadId: "thread-1" });
    const reloaded = await openPage({ state: page().state });
    try {
      const restored = reloaded.$("textarea.composer-input") as HTMLTextAreaElement;
      assert.equal(restored.value, "half-written thought");
      reloaded.apply(snapshot());
      assert.equal(restored.value, "half-written thought", "a snapshot does not wipe the draft");
    } finally {
      reloaded.close();
    }
  });
});
