import assert from "node:assert/strict";
import { ai, click, human, keydown, snapshot, typeInto, usePage } from "./harness";

describe("chat webview bundle: edit, regenerate and versions", () => {
  const page = usePage({ snapshot: { messages: [human("h1", "What is the weather in Paris?"), ai("a1", "Sunny, 21 °C.")] } });

  const message = (id: string) => page().$(`[data-message-id="${id}"]`);
  const button = (id: string, selector: string) => message(id).querySelector(selector) as HTMLButtonElement;
  const editor = (id: string) => message(id).querySelector<HTMLTextAreaElement>("textarea.message-edit-input");
  const pickAssistant = (id: string) => {
    const picker = page().$("select.assistant-picker") as HTMLSelectElement;
    picker.value = id;
    picker.dispatchEvent(new (page().window.Event)("change", { bubbles: true }));
  };
  const switcher = (id: string) => message(id).querySelector(".branch-switcher") as HTMLElement;

  describe("edit", () => {
    it("gives human messages (only) a keyboard-reachable Edit button", () => {
      const edit = button("h1", "button.message-edit");
      assert.ok(edit, "human message has an Edit button");
      assert.equal(edit.tagName, "BUTTON");
      assert.equal(edit.getAttribute("aria-label"), "Edit");
      assert.ok(edit.querySelector(".codicon-edit"));
      assert.equal(edit.disabled, false);
      assert.notEqual(edit.getAttribute("tabindex"), "-1");
      assert.equal(button("a1", "button.message-edit"), null, "AI replies are not editable");
    });

    it("turns the message into a prefilled editor and posts editMessage on Save & Submit", () => {
      click(page(), button("h1", "button.message-edit"));
      const input = editor("h1");
      assert.ok(input, "editor opened");
      assert.equal(input.value, "What is the weather in Paris?");
      assert.equal(page().document.activeElement, input, "editor has focus");
      assert.equal(message("h1").querySelector<HTMLElement>(".message-body")?.hidden, true, "text replaced by the editor");
      assert.equal(button("h1", "button.message-edit").hidden, true);
      assert.deepEqual(page().posted, [], "opening the editor posts nothing");

      typeInto(page(), input, "What is the weather in Lyon?");
      const save = button("h1", "button.message-edit-save");
      assert.equal(save.textContent, "Save & Submit");
      click(page(), save);
      assert.deepEqual(page().posted, [{ type: "editMessage", id: "h1", text: "What is the weather in Lyon?", assistantId: "asst-1" }]);
      assert.equal(editor("h1"), null, "editor closes after saving");
      assert.equal(message("h1").querySelector<HTMLElement>(".message-body")?.hidden, false);
    });

    it("saves with Ctrl+Enter or Cmd+Enter (not plain Enter) and uses the picker's assistant", () => {
      pickAssistant("asst-2");
      page().posted.length = 0;
      click(page(), button("h1", "button.message-edit"));
      let input = editor("h1")!;
      typeInto(page(), input, "line one");
      assert.equal(keydown(page(), input, { key: "Enter" }), true, "plain Enter keeps its newline");
      assert.deepEqual(page().posted, []);
      assert.equal(keydown(page(), input, { key: "Enter", ctrlKey: true }), false);
      assert.deepEqual(page().posted, [{ type: "editMessage", id: "h1", text: "line one", assistantId: "asst-2" }]);

      click(page(), button("h1", "button.message-edit"));
      input = editor("h1")!;
      typeInto(page(), input, "  second try \n");
      keydown(page(), input, { key: "Enter", metaKey: true });
      assert.deepEqual(page().posted.at(-1), { type: "editMessage", id: "h1", text: "second try", assistantId: "asst-2" });
      assert.equal(page().posted.length, 2);
    });

    it("Cancel and Escape close the editor, keep the original text and post nothing", () => {
      click(page(), button("h1", "button.message-edit"));
      typeInto(page(), editor("h1")!, "changed my mind");
      click(page(), button("h1", "button.message-edit-cancel"));
      assert.equal(editor("h1"), null);
      assert.equal(message("h1").querySelector(".message-body")?.textContent, "What is the weather in Paris?");
      assert.equal(button("h1", "button.message-edit").hidden, false);

      click(page(), button("h1", "button.message-edit"));
      const input = editor("h1")!;
      assert.equal(input.value, "What is the weather in Paris?", "a new edit starts from the original text");
      typeInto(page(), input, "changed again");
      keydown(page(), input, { key: "Escape" });
      assert.equal(editor("h1"), null);
      assert.equal(page().document.activeElement, button("h1", "button.message-edit"), "focus returns to Edit");
      assert.deepEqual(page().posted, []);
    });

    it("refuses empty text inline", () => {
      click(page(), button("h1", "button.message-edit"));
      const input = editor("h1")!;
      typeInto(page(), input, "   \n  ");
      click(page(), button("h1", "button.message-edit-save"));
      keydown(page(), input, { key: "Enter", ctrlKey: true });
      assert.deepEqual(page().posted, []);
      assert.equal(editor("h1"), input, "editor stays open");
      const error = message("h1").querySelector<HTMLElement>(".message-edit-error")!;
      assert.equal(error.hidden, false);
      assert.equal(error.getAttribute("role"), "alert");
      assert.match(error.textContent ?? "", /empty/);
      assert.equal(input.getAttribute("aria-invalid"), "true");

      typeInto(page(), input, "fixed");
      assert.equal(error.hidden, true, "typing clears the error");
      click(page(), button("h1", "button.message-edit-save"));
      assert.deepEqual(page().posted, [{ type: "editMessage", id: "h1", text: "fixed", assistantId: "asst-1" }]);
    });

    it("keeps an open editor when the message is updated or a snapshot re-renders the list", () => {
      click(page(), button("h1", "button.message-edit"));
      typeInto(page(), editor("h1")!, "draft edit");
      page().apply({ type: "messageUpsert", message: human("h1", "What is the weather in Paris?") });
      assert.equal(editor("h1")?.value, "draft edit");
      assert.equal(message("h1").querySelector<HTMLElement>(".message-body")?.hidden, true);
      page().apply(snapshot({ messages: [human("h1", "What is the weather in Paris?"), ai("a1", "Sunny, 21 °C.")] }));
      assert.equal(editor("h1")?.value, "draft edit");
      click(page(), button("h1", "button.message-edit-save"));
      assert.deepEqual(page().posted, [{ type: "editMessage", id: "h1", text: "draft edit", assistantId: "asst-1" }]);
    });

    it("cannot edit a message the server has not confirmed yet", () => {
      page().apply({ type: "messageUpsert", message: human("h2", "just sent", { pending: true }) });
      assert.equal(button("h2", "button.message-edit").disabled, true);
      page().apply({ type: "messageUpsert", message: human("h2", "just sent") });
      assert.equal(button("h2", "button.message-edit").disabled, false);
    });
  });

  describe("regenerate", () => {
    it("posts regenerate with the picker's assistant, also after the picker changes", () => {
      assert.equal(button("h1", "button.message-regenerate"), null, "human messages have no Regenerate");
      const regenerate = button("a1", "button.message-regenerate");
      assert.equal(regenerate.getAttribute("aria-label"), "Regenerate");
      assert.ok(regenerate.querySelector(".codicon-refresh"));
      click(page(), regenerate);
      assert.deepEqual(page().posted, [{ type: "regenerate", id: "a1", assistantId: "asst-1" }]);

      pickAssistant("asst-2");
      click(page(), regenerate);
      assert.deepEqual(page().posted.slice(1), [
        { type: "selectAssistant", assistantId: "asst-2" },
        { type: "regenerate", id: "a1", assistantId: "asst-2" },
      ]);
    });

    it("works on AI messages that arrive later", () => {
      page().apply({ type: "messageUpsert", message: ai("a2", "Later reply") });
      click(page(), button("a2", "button.message-regenerate"));
      assert.deepEqual(page().posted, [{ type: "regenerate", id: "a2", assistantId: "asst-1" }]);
    });
  });

  describe("re-run from a human message", () => {
    it("gives human messages (only) a Re-run from Here button that posts the message's id; the host asks for the assistant", () => {
      assert.equal(button("a1", "button.message-rerun"), null, "replies have Regenerate instead");
      const rerun = button("h1", "button.message-rerun");
      assert.equal(rerun.getAttribute("aria-label"), "Re-run from Here");
      assert.ok(rerun.querySelector(".codicon-debug-rerun"));
      click(page(), rerun);
      assert.deepEqual(page().posted, [{ type: "rerunFromMessage", id: "h1" }]);
    });

    it("is disabled while a run is active and on a message not yet on the server, and hidden while editing", () => {
      page().send({ type: "run", run: { phase: "streaming", runId: "r1" } });
      const rerun = button("h1", "button.message-rerun");
      assert.equal(rerun.disabled, true);
      click(page(), rerun);
      assert.deepEqual(page().posted, [], "nothing posted while a run is active");
      page().send({ type: "run", run: { phase: "idle" } });
      assert.equal(rerun.disabled, false);
      page().apply({ type: "messageUpsert", message: human("h2", "sending", { pending: true }) });
      assert.equal(button("h2", "button.message-rerun").disabled, true, "a pending message has no checkpoint yet");
      click(page(), button("h1", "button.message-edit"));
      assert.equal(rerun.hidden, true, "the editor's own buttons stand in");
    });
  });

  describe("version switcher", () => {
    it("is absent on messages without siblings", () => {
      assert.equal(switcher("h1").hidden, true);
      assert.equal(switcher("a1").hidden, true);
    });

    it("shows ‹ n/m › for a branched message from the snapshot and posts the direction", () => {
      page().apply(snapshot({ messages: [human("h1", "Q", { branch: { index: 1, count: 3 } }), ai("a1", "A")] }));
      const group = switcher("h1");
      assert.equal(group.hidden, false);
      assert.equal(switcher("a1").hidden, true);
      const position = group.querySelector(".branch-position")!;
      assert.equal(position.textContent, "2/3");
      assert.equal(position.getAttribute("aria-live"), "polite");
      const previous = group.querySelector("button[aria-label='Previous version']") as HTMLButtonElement;
      const next = group.querySelector("button[aria-label='Next version']") as HTMLButtonElement;
      assert.ok(previous.querySelector(".codicon-chevron-left"));
      assert.ok(next.querySelector(".codicon-chevron-right"));
      assert.equal(previous.disabled, false);
      assert.equal(next.disabled, false);
      click(page(), previous);
      click(page(), next);
      assert.deepEqual(page().posted, [
        { type: "switchBranch", id: "h1", direction: -1 },
        { type: "switchBranch", id: "h1", direction: 1 },
      ]);
    });

    it("disables the button at each end", () => {
      page().apply({ type: "messageUpsert", message: ai("a1", "A", { branch: { index: 0, count: 2 } }) });
      const group = switcher("a1");
      assert.equal(group.hidden, false);
      assert.equal(group.querySelector(".branch-position")?.textContent, "1/2");
      const previous = group.querySelector(".branch-previous") as HTMLButtonElement;
      const next = group.querySelector(".branch-next") as HTMLButtonElement;
      assert.equal(previous.disabled, true);
      assert.equal(next.disabled, false);
      click(page(), previous);
      assert.deepEqual(page().posted, [], "nothing before the first version");

      page().apply({ type: "messageUpsert", message: ai("a1", "A'", { branch: { index: 1, count: 2 } }) });
      assert.equal(group.querySelector(".branch-position")?.textContent, "2/2");
      assert.equal(previous.disabled, false);
      assert.equal(next.disabled, true);
      click(page(), next);
      assert.deepEqual(page().posted, [], "nothing after the last version");
      click(page(), previous);
      assert.deepEqual(page().posted, [{ type: "switchBranch", id: "a1", direction: -1 }]);
    });

    it("follows later branches messages: adds, updates and removes switchers", () => {
      page().apply({ type: "branches", branches: { h1: { index: 0, count: 2 } } });
      assert.equal(switcher("h1").hidden, false);
      assert.equal(switcher("h1").querySelector(".branch-position")?.textContent, "1/2");
      assert.equal(switcher("a1").hidden, true);

      page().apply({ type: "branches", branches: { h1: { index: 2, count: 3 }, a1: { index: 0, count: 4 } } });
      assert.equal(switcher("h1").querySelector(".branch-position")?.textContent, "3/3");
      assert.equal((switcher("h1").querySelector(".branch-next") as HTMLButtonElement).disabled, true);
      assert.equal(switcher("a1").hidden, false);
      assert.equal(switcher("a1").querySelector(".branch-position")?.textContent, "1/4");

      page().apply({ type: "branches", branches: { a1: { index: 1, count: 4 } } });
      assert.equal(switcher("h1").hidden, true, "a message no longer listed loses its switcher");
      assert.equal(switcher("a1").querySelector(".branch-position")?.textContent, "2/4");
      click(page(), switcher("h1").querySelector(".branch-next")!);
      assert.deepEqual(page().posted, []);

      page().apply({ type: "branches", branches: {} });
      assert.equal(switcher("a1").hidden, true);
    });

    it("ignores positions that make no sense", () => {
      page().apply({
        type: "branches",
        branches: { h1: { index: 3, count: 3 }, a1: { index: 0, count: 1 } },
      });
      assert.equal(switcher("h1").hidden, true);
      assert.equal(switcher("a1").hidden, true);
    });
  });

  describe("while a run is active", () => {
    it("disables Edit, Regenerate and the switcher, and posts nothing", () => {
      page().apply({ type: "branches", branches: { h1: { index: 1, count: 3 } } });
      const edit = button("h1", "button.message-edit");
      const regenerate = button("a1", "button.message-regenerate");
      const previous = switcher("h1").querySelector(".branch-previous") as HTMLButtonElement;
      const next = switcher("h1").querySelector(".branch-next") as HTMLButtonElement;
      assert.deepEqual([edit.disabled, regenerate.disabled, previous.disabled, next.disabled], [false, false, false, false]);

      for (const phase of ["starting", "streaming", "stopping"] as const) {
        page().send({ type: "run", run: { phase, runId: "r1" } });
        assert.deepEqual([edit.disabled, regenerate.disabled, previous.disabled, next.disabled], [true, true, true, true], phase);
      }
      for (const target of [edit, regenerate, previous, next]) click(page(), target);
      assert.equal(editor("h1"), null);
      assert.deepEqual(page().posted, []);

      page().apply({ type: "messageUpsert", message: ai("a2", "streaming reply") });
      assert.equal(button("a2", "button.message-regenerate").disabled, true, "new messages start disabled during a run");

      page().send({ type: "run", run: { phase: "idle" } });
      assert.deepEqual([edit.disabled, regenerate.disabled, previous.disabled, next.disabled], [false, false, false, false]);
      assert.equal(button("a2", "button.message-regenerate").disabled, false);
      click(page(), regenerate);
      assert.deepEqual(page().posted, [{ type: "regenerate", id: "a1", assistantId: "asst-1" }]);
    });

    it("keeps an open editor but holds Save until the run ends", () => {
      click(page(), button("h1", "button.message-edit"));
      const input = editor("h1")!;
      typeInto(page(), input, "edited during a run");
      page().send({ type: "run", run: { phase: "streaming", runId: "r1" } });
      const save = button("h1", "button.message-edit-save");
      assert.equal(save.disabled, true);
      keydown(page(), input, { key: "Enter", ctrlKey: true });
      assert.deepEqual(page().posted, []);
      assert.equal(editor("h1"), input);

      page().send({ type: "run", run: { phase: "idle" } });
      assert.equal(save.disabled, false);
      keydown(page(), input, { key: "Enter", ctrlKey: true });
      assert.deepEqual(page().posted, [{ type: "editMessage", id: "h1", text: "edited during a run", assistantId: "asst-1" }]);
    });

    it("starts disabled when the snapshot says a run is active", () => {
      page().apply(snapshot({ messages: [human("h1", "Q"), ai("a1", "A")], run: { phase: "streaming", runId: "r1" } }));
      assert.equal(button("h1", "button.message-edit").disabled, true);
      assert.equal(button("a1", "button.message-regenerate").disabled, true);
    });
  });

  it("the header says when the panel shows a branch opened at a checkpoint, and the label goes with it", () => {
    const label = () => page().$(".thread-branch");
    assert.equal(label().hidden, true, "no label on the thread's head");
    page().send({ type: "thread", thread: { threadId: "t1", title: "Weather", branch: "edited state · step 1\u202e" } });
    assert.equal(label().hidden, false);
    assert.equal(label().textContent, "edited state · step 1", "untrusted controls are cleaned");
    page().send({ type: "thread", thread: { threadId: "t1", title: "Weather" } });
    assert.equal(label().hidden, true);
  });
});

