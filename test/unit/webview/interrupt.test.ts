import assert from "node:assert/strict";
import type { ChatMessageView, InterruptView } from "../../../src/protocol/chatProtocol";
import { click, keydown, snapshot, usePage, type Page } from "./harness";

const ALL = { accept: true, edit: true, respond: true, ignore: true };

function hitl(overrides: Partial<NonNullable<InterruptView["request"]>> = {}, assistantId = "asst-2"): InterruptView {
  return {
    id: "int-1",
    assistantId,
    request: {
      action: "send_email",
      argsJson: JSON.stringify({ to: "ada@example.com", subject: "Hi" }, null, 2),
      description: "Please review the email before it is sent.",
      allow: ALL,
      ...overrides,
    },
    valueJson: JSON.stringify({ action_request: { action: "send_email" } }, null, 2),
  };
}

function generic(value: unknown, assistantId = "asst-2"): InterruptView {
  return { id: "int-g", assistantId, valueJson: JSON.stringify(value, null, 2) };
}

const MESSAGES: ChatMessageView[] = [
  { id: "h1", role: "human", content: "Email Ada", toolCalls: [] },
  { id: "a1", role: "ai", content: "Drafted it.", toolCalls: [], author: { id: "asst-2", name: "Writer" } },
];

function card(page: Page): HTMLElement | undefined {
  const found = page.$$(".interrupt-card").filter((element) => !element.hidden);
  assert.ok(found.length <= 1, "at most one interrupt card is shown");
  return found[0];
}

function shownCard(page: Page): HTMLElement {
  const found = card(page);
  assert.ok(found, "the interrupt card is shown");
  return found;
}

function decision(page: Page, name: string): HTMLButtonElement {
  const button = shownCard(page).querySelector<HTMLButtonElement>(`button[data-decision=${name}]`);
  assert.ok(button, `the ${name} button is shown`);
  return button;
}

/** The visible buttons of the card, by label. */
function visibleButtons(page: Page): string[] {
  return [...shownCard(page).querySelectorAll<HTMLButtonElement>("button")]
    .filter((button) => !button.closest("[hidden]"))
    .map((button) => button.textContent ?? "");
}

function actionButton(page: Page, action: string): HTMLButtonElement {
  const button = [...shownCard(page).querySelectorAll<HTMLButtonElement>(`button[data-action=${action}]`)].find(
    (candidate) => !candidate.closest("[hidden]"),
  );
  assert.ok(button, `a visible ${action} button`);
  return button;
}

function setValue(page: Page, input: HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new page.window.Event(input instanceof page.window.HTMLSelectElement ? "change" : "input", { bubbles: true }));
}

function visibleTextarea(page: Page, selector: string): HTMLTextAreaElement {
  const input = shownCard(page).querySelector<HTMLTextAreaElement>(selector);
  assert.ok(input, `${selector} exists`);
  assert.equal(input.hidden, false, `${selector} is shown`);
  return input;
}

function resumes(page: Page): unknown[] {
  return page.posted.filter((message) => message.type === "resume");
}

describe("chat webview bundle: interrupt card", () => {
  const page = usePage();

  it("shows nothing without an interrupt, and a labelled card below the last message with one", () => {
    page().apply(snapshot({ messages: MESSAGES }));
    assert.equal(card(page()), undefined);

    page().apply({ type: "interrupt", interrupt: hitl() });
    const shown = shownCard(page());
    assert.equal(shown.getAttribute("role"), "group");
    assert.equal(shown.getAttribute("aria-label"), "Waiting for your input");
    assert.match(shown.querySelector(".interrupt-title")?.textContent ?? "", /Waiting for your input/);
    assert.ok(shown.querySelector(".interrupt-title .codicon-debug-pause"));
    const log = page().$(".message-log");
    assert.ok(log.compareDocumentPosition(shown) & page().window.Node.DOCUMENT_POSITION_FOLLOWING, "after the messages");
    assert.equal(log.contains(shown), false);

    page().apply({ type: "messageUpsert", message: { id: "a2", role: "ai", content: "More", toolCalls: [] } });
    assert.equal(page().$(".message-log").lastElementChild?.getAttribute("data-message-id"), "a2");
    assert.ok(page().$("[data-message-id=a2]").compareDocumentPosition(shownCard(page())) & page().window.Node.DOCUMENT_POSITION_FOLLOWING);
  });

  it("renders a HITL request: description, action, pretty args, and only the allowed decisions", () => {
    page().apply(snapshot({ messages: MESSAGES, interrupt: hitl({ allow: { accept: true, edit: false, respond: true, ignore: false } }) }));
    const shown = shownCard(page());
    assert.equal(shown.querySelector(".interrupt-description")?.textContent, "Please review the email before it is sent.");
    assert.equal(shown.querySelector(".interrupt-action-name")?.textContent, "send_email");
    const args = shown.querySelector("pre.interrupt-args");
    assert.ok(args);
    assert.equal(args.textContent, JSON.stringify({ to: "ada@example.com", subject: "Hi" }, null, 2));
    assert.deepEqual(visibleButtons(page()), ["Approve", "Respond"]);
    assert.equal(shown.querySelector("button[data-decision=edit]"), null);
    assert.equal(shown.querySelector("button[data-decision=ignore]"), null);
    for (const button of shown.querySelectorAll("button")) {
      assert.ok(button.getAttribute("aria-label"), "every button has an aria-label");
      assert.equal(button.getAttribute("type"), "button");
    }

    page().apply({ type: "interrupt", interrupt: hitl({ allow: ALL }, "asst-1") });
    assert.deepEqual(visibleButtons(page()), ["Approve", "Edit", "Respond", "Reject"]);
  });

  it("Approve posts the exact resume message with the interrupted assistant, once", () => {
    page().apply(snapshot({ selectedAssistantId: "asst-1", interrupt: hitl() }));
    const picker = shownCard(page()).querySelector<HTMLSelectElement>("select.interrupt-assistant");
    assert.equal(picker?.value, "asst-2", "preselects the interrupted assistant, not the composer's");
    page().posted.length = 0;
    click(page(), decision(page(), "accept"));
    assert.deepEqual(page().posted, [{ type: "resume", response: { type: "accept" }, assistantId: "asst-2" }]);
    click(page(), decision(page(), "accept"));
    assert.equal(page().posted.length, 1, "no double submit before the host answers");
  });

  it("Reject posts ignore", () => {
    page().apply(snapshot({ interrupt: hitl() }));
    page().posted.length = 0;
    click(page(), decision(page(), "ignore"));
    assert.deepEqual(page().posted, [{ type: "resume", response: { type: "ignore" }, assistantId: "asst-2" }]);
  });

  it("Edit turns the args into a pre-filled textarea and posts the parsed JSON", () => {
    const argsJson = JSON.stringify({ to: "ada@example.com", subject: "Hi" }, null, 2);
    page().apply(snapshot({ interrupt: hitl() }));
    page().posted.length = 0;
    click(page(), decision(page(), "edit"));
    const input = visibleTextarea(page(), "textarea.interrupt-args-input");
    assert.equal(input.value, argsJson);
    assert.ok(input.getAttribute("aria-label"));
    assert.equal(page().document.activeElement, input, "focus moves to the editor");
    assert.equal(shownCard(page()).querySelector<HTMLElement>("pre.interrupt-args")?.hidden, true);
    assert.deepEqual(visibleButtons(page()), ["Submit", "Cancel"]);

    setValue(page(), input, '{"to": "grace@example.com", "subject": "Hello", "cc": [1, 2]}');
    click(page(), actionButton(page(), "submit-edit"));
    assert.deepEqual(resumes(page()), [
      { type: "resume", response: { type: "edit", args: { to: "grace@example.com", subject: "Hello", cc: [1, 2] } }, assistantId: "asst-2" },
    ]);
  });

  it("cannot be disguised by bidi controls: the description drops them, the arguments show them escaped and round-trip", () => {
    // Rendered as stored, "\u202Emoc.live@ada" reads "ada@evil.com" reversed; "\u2066" isolates hide order too.
    const args = { to: "\u202Emoc.live@ada", note: "pay \u20661000\u2069 now" };
    page().apply(snapshot({ interrupt: hitl({ description: "Send to \u202Eeht draobA\u202C the board", argsJson: JSON.stringify(args, null, 2) }) }));
    const shown = shownCard(page());
    assert.equal(shown.querySelector(".interrupt-description")?.textContent, "Send to eht draobA the board");
    const argsText = shown.querySelector(".interrupt-args code")?.textContent ?? "";
    assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(argsText), "no reordering control is rendered");
    assert.match(argsText, /"to": "\\u202emoc\.live@ada"/);
    assert.deepEqual(JSON.parse(argsText), args, "the escaped text is the same JSON value");

    page().posted.length = 0;
    click(page(), decision(page(), "edit"));
    click(page(), actionButton(page(), "submit-edit"));
    assert.deepEqual(resumes(page()), [{ type: "resume", response: { type: "edit", args }, assistantId: "asst-2" }], "an unchanged edit resumes with the original value");
  });

  it("Edit with invalid JSON shows an inline error and posts nothing", () => {
    page().apply(snapshot({ interrupt: hitl() }));
    page().posted.length = 0;
    click(page(), decision(page(), "edit"));
    const input = visibleTextarea(page(), "textarea.interrupt-args-input");
    const error = shownCard(page()).querySelector<HTMLElement>(".interrupt-error");
    assert.ok(error);
    assert.equal(error.hidden, true);

    setValue(page(), input, '{"to": "grace@example.com",');
    click(page(), actionButton(page(), "submit-edit"));
    assert.deepEqual(page().posted, []);
    assert.equal(error.hidden, false);
    assert.equal(error.getAttribute("role"), "alert");
    assert.match(error.textContent ?? "", /not valid JSON/);
    assert.equal(input.value, '{"to": "grace@example.com",', "the edit is kept for fixing");

    setValue(page(), input, '"just a string"');
    keydown(page(), input, { key: "Enter", ctrlKey: true });
    assert.deepEqual(page().posted, [], "object arguments stay an object");
    assert.match(error.textContent ?? "", /JSON object/);

    keydown(page(), input, { key: "Escape" });
    assert.equal(input.hidden, true, "Escape leaves editing");
    assert.equal(error.hidden, true);
    assert.deepEqual(visibleButtons(page()), ["Approve", "Edit", "Respond", "Reject"]);
    assert.equal(page().document.activeElement, decision(page(), "edit"));

    click(page(), decision(page(), "edit"));
    assert.equal(visibleTextarea(page(), "textarea.interrupt-args-input").value, hitl().request!.argsJson, "editing starts over");
    keydown(page(), input, { key: "Enter", ctrlKey: true });
    assert.deepEqual(page().posted, [
      { type: "resume", response: { type: "edit", args: { to: "ada@example.com", subject: "Hi" } }, assistantId: "asst-2" },
    ]);
  });

  it("Respond posts the typed text; an empty response posts nothing", () => {
    page().apply(snapshot({ interrupt: hitl() }));
    page().posted.length = 0;
    click(page(), decision(page(), "respond"));
    const input = visibleTextarea(page(), "textarea.interrupt-respond-input");
    assert.equal(page().document.activeElement, input);
    click(page(), actionButton(page(), "submit-respond"));
    assert.deepEqual(page().posted, []);
    setValue(page(), input, 'Use a friendlier tone, e.g. {"greeting": "hey"}');
    click(page(), actionButton(page(), "submit-respond"));
    assert.deepEqual(page().posted, [
      { type: "resume", response: { type: "respond", args: 'Use a friendlier tone, e.g. {"greeting": "hey"}' }, assistantId: "asst-2" },
    ]);
  });

  it("shows a generic interrupt's JSON and posts the reply as parsed JSON", () => {
    const value = { question: "Which city?", options: ["Paris", "Rome"] };
    page().apply(snapshot({ messages: MESSAGES, interrupt: generic(value) }));
    const shown = shownCard(page());
    assert.equal(shown.querySelector("pre.interrupt-value")?.textContent, JSON.stringify(value, null, 2));
    assert.equal(shown.querySelector("button[data-decision]"), null, "no HITL decisions");
    page().posted.length = 0;
    const reply = visibleTextarea(page(), "textarea.interrupt-reply");
    assert.ok(reply.getAttribute("aria-label"));
    setValue(page(), reply, ' {"city": "Paris", "nights": 2} ');
    click(page(), actionButton(page(), "submit-reply"));
    assert.deepEqual(page().posted, [{ type: "resume", response: { city: "Paris", nights: 2 }, assistantId: "asst-2" }]);

    page().apply({ type: "run", run: { phase: "idle" } });
    setValue(page(), reply, "42");
    keydown(page(), reply, { key: "Enter", ctrlKey: true });
    assert.deepEqual(page().posted.at(-1), { type: "resume", response: 42, assistantId: "asst-2" });
  });

  it("posts a generic reply that is not JSON as the string, and nothing when empty", () => {
    page().apply(snapshot({ interrupt: generic("Which city?") }));
    assert.equal(shownCard(page()).querySelector("pre.interrupt-value")?.textContent, '"Which city?"');
    page().posted.length = 0;
    const reply = visibleTextarea(page(), "textarea.interrupt-reply");
    click(page(), actionButton(page(), "submit-reply"));
    assert.deepEqual(page().posted, []);
    assert.equal(shownCard(page()).querySelector<HTMLElement>(".interrupt-error")?.hidden, false);
    setValue(page(), reply, "Paris, please {not json");
    click(page(), actionButton(page(), "submit-reply"));
    assert.deepEqual(page().posted, [{ type: "resume", response: "Paris, please {not json", assistantId: "asst-2" }]);
  });

  it("resumes with the assistant chosen in the card's select", () => {
    page().apply(snapshot({ interrupt: hitl() }));
    const picker = shownCard(page()).querySelector<HTMLSelectElement>("select.interrupt-assistant");
    assert.ok(picker);
    assert.ok(picker.getAttribute("aria-label"));
    assert.match(picker.closest("label")?.textContent ?? "", /Resume with/);
    assert.deepEqual(
      [...picker.options].map((o) => [o.value, o.textContent]),
      [
        ["asst-1", "Researcher — research_graph"],
        ["asst-2", "Writer — writer_graph (interrupted)"],
      ],
    );
    setValue(page(), picker, "asst-1");
    page().posted.length = 0;
    click(page(), decision(page(), "accept"));
    assert.deepEqual(page().posted, [{ type: "resume", response: { type: "accept" }, assistantId: "asst-1" }]);
    assert.equal((page().$("select.assistant-picker") as HTMLSelectElement).value, "asst-1", "the composer picker is separate");

    page().apply({ type: "assistants", assistants: [{ id: "asst-3", name: "Planner", graphId: "plan" }, { id: "asst-2", name: "Writer", graphId: "writer_graph" }] });
    assert.deepEqual([...picker.options].map((o) => o.value), ["asst-3", "asst-2"], "follows the assistants the webview knows");
    assert.equal(picker.value, "asst-2", "falls back to the interrupted assistant when the choice disappears");
  });

  it("still lists an interrupted assistant the webview does not know", () => {
    page().apply(snapshot({ interrupt: hitl({}, "gone-assistant") }));
    const picker = shownCard(page()).querySelector<HTMLSelectElement>("select.interrupt-assistant")!;
    assert.equal(picker.value, "gone-assistant");
    page().posted.length = 0;
    click(page(), decision(page(), "ignore"));
    assert.deepEqual(page().posted, [{ type: "resume", response: { type: "ignore" }, assistantId: "gone-assistant" }]);
  });

  it("disables the card's buttons while a run is active, while the composer still sends", () => {
    page().apply(snapshot({ interrupt: hitl() }));
    const buttons = () => [...shownCard(page()).querySelectorAll<HTMLButtonElement>("button")];
    assert.ok(buttons().every((button) => !button.disabled));
    for (const phase of ["starting", "streaming", "stopping"] as const) {
      page().apply({ type: "run", run: { phase, runId: "r1" } });
      assert.ok(buttons().every((button) => button.disabled), `disabled while ${phase}`);
    }
    page().posted.length = 0;
    click(page(), decision(page(), "accept"));
    assert.deepEqual(page().posted, []);

    page().apply({ type: "run", run: { phase: "idle" } });
    assert.ok(buttons().every((button) => !button.disabled));

    const input = page().$("textarea.composer-input") as HTMLTextAreaElement;
    setValue(page(), input, "Actually, do not send it");
    keydown(page(), input, { key: "Enter" });
    assert.deepEqual(page().posted, [{ type: "send", text: "Actually, do not send it", assistantId: "asst-1" }]);
    assert.ok(card(page()), "the card stays until the host clears it");

    click(page(), decision(page(), "accept"));
    assert.ok(buttons().every((button) => button.disabled), "disabled after answering");
    page().apply({ type: "error", error: { message: "Resume failed", actions: [] } });
    assert.ok(buttons().every((button) => !button.disabled), "a failed answer can be retried");
  });

  it("removes the card on an interrupt message without interrupt, and on a snapshot without one", () => {
    page().apply(snapshot({ messages: MESSAGES, interrupt: hitl() }));
    assert.ok(card(page()));
    page().apply({ type: "interrupt" });
    assert.equal(card(page()), undefined);
    assert.equal(page().$$(".interrupt-card button").length, 0);

    page().apply({ type: "interrupt", interrupt: generic(1) });
    assert.ok(card(page()));
    page().apply(snapshot({ messages: MESSAGES }));
    assert.equal(card(page()), undefined);
  });

  it("keeps an edit in progress when the same interrupt arrives again, and starts over for a new one", () => {
    page().apply(snapshot({ interrupt: hitl() }));
    click(page(), decision(page(), "edit"));
    const input = visibleTextarea(page(), "textarea.interrupt-args-input");
    setValue(page(), input, '{"to": "x"}');
    page().apply(snapshot({ interrupt: hitl() }));
    assert.equal(visibleTextarea(page(), "textarea.interrupt-args-input").value, '{"to": "x"}');

    page().apply({ type: "interrupt", interrupt: { ...hitl({ action: "delete_file" }), id: "int-2" } });
    assert.equal(shownCard(page()).querySelector(".interrupt-action-name")?.textContent, "delete_file");
    assert.deepEqual(visibleButtons(page()), ["Approve", "Edit", "Respond", "Reject"]);
  });

  it("keeps hostile strings in description, action, args, value and names inert", () => {
    const evil = `<img src=x onerror=window.__pwned=1>`;
    const script = `<script>window.__pwned = 2</script>`;
    const argsJson = JSON.stringify({ html: evil, s: script }, null, 2);
    page().apply(
      snapshot({
        assistants: [{ id: "e", name: evil, graphId: script }],
        interrupt: {
          assistantId: script,
          request: { action: evil + script, argsJson, description: script + evil, allow: ALL },
          valueJson: evil,
        },
      }),
    );
    let shown = shownCard(page());
    assert.equal(shown.querySelector(".interrupt-description")?.textContent, script + evil);
    assert.equal(shown.querySelector(".interrupt-action-name")?.textContent, evil + script);
    assert.equal(shown.querySelector("pre.interrupt-args")?.textContent, argsJson);
    const options = [...shown.querySelectorAll("option")].map((o) => o.textContent);
    assert.ok(options.includes(`${evil} — ${script}`));
    assert.ok(options.includes(`${script} (interrupted)`));
    click(page(), decision(page(), "edit"));
    assert.equal(visibleTextarea(page(), "textarea.interrupt-args-input").value, argsJson);
    assert.equal(shown.querySelector("img, script, svg, iframe"), null);
    for (const element of shown.querySelectorAll("*")) {
      for (const attribute of element.attributes) assert.ok(!/^on/i.test(attribute.name), `handler ${attribute.name}`);
    }

    page().apply({ type: "interrupt", interrupt: { valueJson: script + evil } });
    shown = shownCard(page());
    assert.equal(shown.querySelector("pre.interrupt-value")?.textContent, script + evil);
    assert.equal(page().$("#app").querySelector("img, script"), null);
    for (const element of page().$$("#app *")) {
      for (const type of ["load", "error", "click", "focus"]) element.dispatchEvent(new (page().window.Event)(type));
    }
    assert.equal((page().window as unknown as { __pwned?: unknown }).__pwned, undefined);
  });
});
