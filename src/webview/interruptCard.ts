/**
 * The interrupt card: shown after the last message while a run waits at `interrupt()`. A
 * human-in-the-loop request gets its description, action and arguments plus one button per allowed
 * decision (Approve / Edit / Respond / Reject); any other interrupt shows its value and a free-form reply
 * (JSON when it parses, text otherwise). Each answer is posted as `resume`, with the assistant picked in
 * the card (the interrupted one by default).
 *
 * Everything in an interrupt comes from the agent: it only ever goes in through `textContent`.
 */
import type { AssistantOption, HumanResponse, InterruptView, RunView, WebviewToHost } from "../protocol/chatProtocol";
import { el, icon, jsonText, labelText, proseText } from "../common/dom";
import { fill, pageText } from "./pageText";

type InterruptDecision = HumanResponse["type"];

type Mode = "view" | "edit" | "respond";

/** The decisions a request can allow, with their texts (built when a request is shown, after the page has its text). */
function decisions(): { decision: InterruptDecision; label: string; icon: string; hint: string; primary?: boolean }[] {
  const text = pageText();
  return [
    { decision: "accept", label: text.approve, icon: "check", hint: text.approveHint, primary: true },
    { decision: "edit", label: text.edit, icon: "edit", hint: text.editHint },
    { decision: "respond", label: text.respond, icon: "comment", hint: text.respondHint },
    { decision: "ignore", label: text.reject, icon: "close", hint: text.rejectHint },
  ];
}

export class InterruptCard {
  readonly element: HTMLElement;
  /** The assistant the run resumes with. */
  readonly picker: HTMLSelectElement;
  private readonly body: HTMLElement;
  private readonly announcer: HTMLElement;
  private interrupt: InterruptView | undefined;
  /** Identifies the interrupt on screen: the same one sent again keeps what the user typed. */
  private key: string | undefined;
  private assistants: AssistantOption[] = [];
  /** The assistant the user picked in this card, if any. */
  private chosenAssistantId: string | undefined;
  private runActive = false;
  /** An answer was posted and the host has not replied yet: no second submit meanwhile. */
  private awaitingHost = false;
  private buttons: HTMLButtonElement[] = [];

  constructor(private readonly post: (message: WebviewToHost) => void) {
    const text = pageText();
    this.body = el("div", { className: "interrupt-body" });
    this.picker = el("select", {
      className: "interrupt-assistant",
      attrs: { "aria-label": text.resumeWithAssistant, title: text.resumeWithHint },
    });
    this.picker.addEventListener("change", () => {
      this.chosenAssistantId = this.picker.value;
    });
    this.announcer = el("span", { className: "visually-hidden", attrs: { role: "status" } });
    this.element = el(
      "section",
      { className: "interrupt-card", attrs: { role: "group", "aria-label": text.waitingForInput } },
      el("div", { className: "interrupt-title" }, icon("debug-pause", "interrupt-icon"), el("span", { text: text.waitingForInput })),
      this.announcer,
      this.body,
      el(
        "label",
        { className: "interrupt-resume-with" },
        el("span", { className: "interrupt-resume-label", text: text.resumeWith }),
        this.picker,
      ),
    );
    this.element.hidden = true;
    this.renderAssistants();
  }

  get visible(): boolean {
    return this.interrupt !== undefined;
  }

  /**
   * Shows `interrupt`, or hides the card when there is none. Returns true when a different interrupt
   * than the one on screen appeared (the caller scrolls it into view).
   */
  setInterrupt(interrupt: InterruptView | undefined): boolean {
    this.awaitingHost = false;
    if (!isInterrupt(interrupt)) {
      this.interrupt = undefined;
      this.key = undefined;
      this.chosenAssistantId = undefined;
      this.buttons = [];
      this.body.replaceChildren();
      this.announcer.textContent = "";
      this.element.hidden = true;
      return false;
    }
    const key = interruptKey(interrupt);
    const previous = this.interrupt;
    this.interrupt = interrupt;
    if (key === this.key) {
      // The same question again (a snapshot): keep the user's edits, only follow a changed default.
      if (previous?.assistantId !== interrupt.assistantId) this.chosenAssistantId = undefined;
      this.renderAssistants();
      this.updateButtons();
      return false;
    }
    this.key = key;
    this.chosenAssistantId = undefined;
    this.buttons = [];
    this.body.replaceChildren(...(interrupt.request ? this.buildRequest(interrupt.request) : this.buildGeneric(interrupt)));
    this.renderAssistants();
    this.updateButtons();
    this.element.hidden = false;
    this.announcer.textContent = pageText().runPaused;
    return true;
  }

  setAssistants(assistants: AssistantOption[]): void {
    this.assistants = Array.isArray(assistants) ? assistants : [];
    this.renderAssistants();
  }

  setRun(run: RunView): void {
    this.runActive = run.phase !== "idle";
    this.awaitingHost = false;
    this.updateButtons();
  }

  /** The host reported an error: whatever was posted did not go through, so the card takes answers again. */
  hostError(): void {
    this.awaitingHost = false;
    this.updateButtons();
  }

  // ---- Human-in-the-loop request ---------------------------------------------------------------

  private buildRequest(request: NonNullable<InterruptView["request"]>): HTMLElement[] {
    const text = pageText();
    const allow = request.allow ?? { accept: false, edit: false, respond: false, ignore: false };
    const argsJson = jsonText(typeof request.argsJson === "string" ? request.argsJson : "");
    const parts: HTMLElement[] = [];

    const description = typeof request.description === "string" ? proseText(request.description).trim() : "";
    if (description) parts.push(el("div", { className: "interrupt-description", text: description }));
    parts.push(
      el(
        "div",
        { className: "interrupt-field" },
        el("span", { className: "interrupt-label", text: text.action }),
        el("code", { className: "interrupt-action-name", text: labelText(String(request.action ?? "")) }),
      ),
    );

    const argsView = el("pre", { className: "interrupt-json interrupt-args" }, el("code", { text: argsJson }));
    const argsInput = textarea("interrupt-input interrupt-args-input", text.editedArguments, text.editedArgumentsPlaceholder);
    argsInput.spellcheck = false;
    argsInput.hidden = true;
    parts.push(
      el("div", { className: "interrupt-section" }, el("div", { className: "interrupt-label", text: text.arguments }), argsView, argsInput),
    );

    const respondInput = textarea("interrupt-input interrupt-respond-input", text.response, text.responsePlaceholder);
    respondInput.hidden = true;
    parts.push(respondInput);

    const error = errorLine();
    parts.push(error);

    const decisionRow = el("div", { className: "interrupt-actions", attrs: { "data-mode": "view" } });
    const decisionButtons = new Map<InterruptDecision, HTMLButtonElement>();
    for (const spec of decisions()) {
      if (allow[spec.decision] !== true) continue;
      const button = actionButton(spec.label, spec.hint, spec.icon, !!spec.primary);
      button.dataset.decision = spec.decision;
      decisionButtons.set(spec.decision, button);
      decisionRow.append(button);
    }
    if (decisionButtons.size === 0) {
      decisionRow.append(el("span", { className: "interrupt-note", text: text.noAnswerHere }));
    }

    const editSubmit = actionButton(text.submit, text.submitEditHint, "check", true);
    editSubmit.dataset.action = "submit-edit";
    const editCancel = actionButton(text.cancel, text.cancelEditHint, undefined, false);
    editCancel.dataset.action = "cancel";
    const editRow = el("div", { className: "interrupt-actions", attrs: { "data-mode": "edit" } }, editSubmit, editCancel);
    editRow.hidden = true;

    const respondSubmit = actionButton(text.sendResponse, text.sendResponseHint, "send", true);
    respondSubmit.dataset.action = "submit-respond";
    const respondCancel = actionButton(text.cancel, text.cancelResponseHint, undefined, false);
    respondCancel.dataset.action = "cancel";
    const respondRow = el("div", { className: "interrupt-actions", attrs: { "data-mode": "respond" } }, respondSubmit, respondCancel);
    respondRow.hidden = true;

    parts.push(decisionRow, editRow, respondRow);
    this.buttons = [...decisionButtons.values(), editSubmit, editCancel, respondSubmit, respondCancel];

    let mode: Mode = "view";
    const setMode = (next: Mode): void => {
      const from = mode;
      mode = next;
      showError(error, undefined);
      argsView.hidden = next === "edit";
      argsInput.hidden = next !== "edit";
      respondInput.hidden = next !== "respond";
      decisionRow.hidden = next !== "view";
      editRow.hidden = next !== "edit";
      respondRow.hidden = next !== "respond";
      if (next === "edit") {
        argsInput.value = argsJson;
        argsInput.focus();
      } else if (next === "respond") {
        respondInput.focus();
      } else {
        decisionButtons.get(from === "edit" ? "edit" : "respond")?.focus();
      }
    };

    const submitEdit = (): void => {
      const result = parseJson(argsInput.value);
      if (!result.ok) {
        showError(error, fill(text.argumentsNotJson, result.message));
        argsInput.focus();
        return;
      }
      const original = parseJson(argsJson);
      if (original.ok && isPlainObject(original.value) && !isPlainObject(result.value)) {
        showError(error, text.argumentsNotObject);
        argsInput.focus();
        return;
      }
      this.resume({ type: "edit", args: result.value });
    };
    const submitRespond = (): void => {
      const response = respondInput.value;
      if (response.trim() === "") {
        showError(error, text.responseEmpty);
        respondInput.focus();
        return;
      }
      this.resume({ type: "respond", args: response });
    };

    decisionButtons.get("accept")?.addEventListener("click", () => this.resume({ type: "accept" }));
    decisionButtons.get("ignore")?.addEventListener("click", () => this.resume({ type: "ignore" }));
    decisionButtons.get("edit")?.addEventListener("click", () => setMode("edit"));
    decisionButtons.get("respond")?.addEventListener("click", () => setMode("respond"));
    editSubmit.addEventListener("click", submitEdit);
    respondSubmit.addEventListener("click", submitRespond);
    editCancel.addEventListener("click", () => setMode("view"));
    respondCancel.addEventListener("click", () => setMode("view"));
    onSubmitKeys(argsInput, () => editSubmit.disabled || submitEdit(), () => setMode("view"));
    onSubmitKeys(respondInput, () => respondSubmit.disabled || submitRespond(), () => setMode("view"));
    return parts;
  }

  // ---- Any other interrupt --------------------------------------------------------------------

  private buildGeneric(interrupt: InterruptView): HTMLElement[] {
    const text = pageText();
    const valueJson = jsonText(typeof interrupt.valueJson === "string" ? interrupt.valueJson : "");
    const reply = textarea("interrupt-input interrupt-reply", text.reply, text.replyPlaceholder);
    const error = errorLine();
    const resume = actionButton(text.resume, text.resumeHint, "debug-continue", true);
    resume.dataset.action = "submit-reply";
    this.buttons = [resume];
    const submit = (): void => {
      const answer = reply.value;
      if (answer.trim() === "") {
        showError(error, text.replyEmpty);
        reply.focus();
        return;
      }
      showError(error, undefined);
      const parsed = parseJson(answer);
      this.resume(parsed.ok ? parsed.value : answer);
    };
    resume.addEventListener("click", submit);
    onSubmitKeys(reply, () => resume.disabled || submit());
    return [
      el(
        "div",
        { className: "interrupt-section" },
        el("div", { className: "interrupt-label", text: text.value }),
        el("pre", { className: "interrupt-json interrupt-value" }, el("code", { text: valueJson })),
      ),
      reply,
      error,
      el("div", { className: "interrupt-actions" }, resume),
    ];
  }

  // ---- Shared ---------------------------------------------------------------------------------

  private resume(response: unknown): void {
    if (this.runActive || this.awaitingHost || !this.interrupt) return;
    const assistantId = this.picker.value || undefined;
    this.post({ type: "resume", response, ...(assistantId ? { assistantId } : {}) });
    this.awaitingHost = true;
    this.updateButtons();
  }

  private updateButtons(): void {
    const disabled = this.runActive || this.awaitingHost;
    for (const button of this.buttons) button.disabled = disabled;
    this.element.setAttribute("aria-busy", String(disabled));
  }

  private renderAssistants(): void {
    const interrupted = this.interrupt?.assistantId || undefined;
    const text = pageText();
    const options: HTMLOptionElement[] = [];
    if (!interrupted) options.push(option("", text.defaultAssistant));
    if (interrupted && !this.assistants.some((assistant) => assistant.id === interrupted)) {
      options.push(option(interrupted, fill(text.interrupted, interrupted)));
    }
    for (const assistant of this.assistants) {
      const label = `${assistant.name || assistant.id}${assistant.graphId ? ` — ${assistant.graphId}` : ""}`;
      const entry = option(assistant.id, assistant.id === interrupted ? fill(text.interrupted, label) : label);
      if (assistant.description) entry.title = labelText(assistant.description);
      options.push(entry);
    }
    this.picker.replaceChildren(...options);
    const values = new Set(options.map((entry) => entry.value));
    const choice = [this.chosenAssistantId, interrupted, ""].find((id): id is string => id !== undefined && values.has(id));
    this.picker.value = choice ?? options[0]?.value ?? "";
    this.picker.disabled = options.length <= 1;
  }
}

function isInterrupt(value: InterruptView | undefined): value is InterruptView {
  return typeof value === "object" && value !== null;
}

function interruptKey(interrupt: InterruptView): string {
  return JSON.stringify([interrupt.id ?? null, interrupt.valueJson ?? null, interrupt.request ?? null]);
}

function textarea(className: string, label: string, placeholder: string): HTMLTextAreaElement {
  return el("textarea", { className, attrs: { rows: "4", "aria-label": label, placeholder } });
}

function option(value: string, text: string): HTMLOptionElement {
  const entry = el("option", { text: labelText(text) });
  entry.value = value;
  return entry;
}

function actionButton(label: string, hint: string, iconName: string | undefined, primary: boolean): HTMLButtonElement {
  const button = el("button", {
    className: primary ? "button interrupt-button" : "button button--secondary interrupt-button",
    attrs: { type: "button", "aria-label": label, title: hint },
  });
  if (iconName) button.append(icon(iconName));
  button.append(el("span", { text: label }));
  return button;
}

function errorLine(): HTMLElement {
  const error = el("div", { className: "interrupt-error", attrs: { role: "alert" } });
  error.hidden = true;
  return error;
}

function showError(error: HTMLElement, message: string | undefined): void {
  error.hidden = !message;
  error.textContent = message ?? "";
}

/** Ctrl/Cmd+Enter submits, Escape cancels; plain Enter keeps making new lines. */
function onSubmitKeys(input: HTMLTextAreaElement, submit: () => unknown, cancel?: () => void): void {
  input.addEventListener("keydown", (event) => {
    if (event.isComposing || event.keyCode === 229) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape" && cancel) {
      event.preventDefault();
      cancel();
    }
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
