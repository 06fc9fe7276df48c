/**
 * The composer: a multi-line input (Enter sends, Shift+Enter breaks the line, IME-safe), the assistant
 * picker and a Send button that turns into Stop while a run is active. The draft is saved with
 * `setState` on every edit so reloading the webview keeps it, with its attached files (pasted, dropped,
 * or sent by the host from the Explorer), which show above the input until they are sent or removed.
 *
 * When the selected assistant's graph is not a chat, the composer is its run form: the input is JSON
 * (Enter breaks the line, Ctrl+Enter runs), the graph's input schema is shown beside it, and the reasons
 * the host refused an input are listed under it while the input stays as it was.
 */
import { MAX_INPUT_CHARS, MAX_ATTACHMENTS, type AssistantOption, type Attachment, type InputFormView, type RunView } from "../protocol/chatProtocol";
import { el, icon, labelText, setIcon } from "../common/dom";
import { AttachmentTray } from "./attachmentTray";
import { fill, pageText } from "./pageText";
import type { HostApi } from "./vscodeApi";

const MAX_INPUT_HEIGHT_PX = 240;

export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  readonly picker: HTMLSelectElement;
  readonly button: HTMLButtonElement;
  private readonly buttonLabel: HTMLElement;
  private assistants: AssistantOption[] = [];
  private run: RunView = { phase: "idle" };
  private threadId: string | undefined;
  private composing = false;
  private form: InputFormView | undefined;
  private readonly errors: HTMLElement;
  private readonly schema: HTMLDetailsElement;
  private readonly schemaText: HTMLElement;
  private readonly tray: AttachmentTray;
  /** A form's "Edit in JSON Editor": the input in VS Code's own editor, checked there as it is typed. */
  readonly jsonButton: HTMLButtonElement;

  constructor(private readonly api: HostApi) {
    const saved = api.getState();
    const text = pageText();
    this.threadId = saved?.threadId;
    this.input = el("textarea", {
      className: "composer-input",
      attrs: { rows: "1", "aria-label": text.message },
    });
    this.input.value = saved?.draft ?? "";
    this.picker = el("select", { className: "assistant-picker", attrs: { "aria-label": text.assistant } });
    this.buttonLabel = el("span", { className: "send-label" });
    this.button = el("button", { className: "send-button", attrs: { type: "button" } }, icon("send"), this.buttonLabel);
    this.errors = el("ul", { className: "composer-errors", attrs: { role: "alert", "aria-label": text.inputProblems } });
    this.errors.hidden = true;
    this.schemaText = el("pre", { className: "composer-schema-text" });
    this.schema = el("details", { className: "composer-schema" }, el("summary", { text: text.inputSchema }), this.schemaText);
    this.schema.hidden = true;
    this.jsonButton = el("button", { className: "button button--secondary composer-json-button", attrs: { type: "button", title: text.editInJsonHint } }, icon("json"), el("span", { text: text.editInJson }));
    this.jsonButton.hidden = true;
    this.jsonButton.addEventListener("click", () => this.editInJson());
    this.tray = new AttachmentTray({
      changed: () => {
        this.saveDraft();
        this.renderButton();
      },
      refused: (reasons) => this.showErrors(reasons),
    });
    this.tray.add(saved?.attachments ?? []);
    this.element = el(
      "div",
      { className: "composer" },
      this.tray.element,
      el("div", { className: "composer-box" }, this.input),
      this.errors,
      this.schema,
      el(
        "div",
        { className: "composer-toolbar" },
        el("label", { className: "picker-wrapper", attrs: { title: text.pickerHint } }, icon("hubot"), this.picker),
        el("span", { className: "composer-spacer" }),
        this.jsonButton,
        this.button,
      ),
    );

    this.input.addEventListener("input", () => {
      this.saveDraft();
      this.autosize();
      this.renderButton();
    });
    this.input.addEventListener("compositionstart", () => (this.composing = true));
    this.input.addEventListener("compositionend", () => (this.composing = false));
    this.input.addEventListener("keydown", (event) => this.onKeyDown(event));
    this.input.addEventListener("paste", (event) => this.onPaste(event));
    this.element.addEventListener("dragover", (event) => this.onDragOver(event));
    this.element.addEventListener("drop", (event) => this.onDrop(event));
    this.button.addEventListener("click", () => (this.running ? this.stop() : this.send()));
    // Focus comes before the list opens, by mouse or keyboard: the host revalidates and the options update in place.
    this.picker.addEventListener("focus", () => this.api.postMessage({ type: "assistantPickerOpened" }));
    this.picker.addEventListener("change", () => {
      if (this.picker.value) this.api.postMessage({ type: "selectAssistant", assistantId: this.picker.value });
    });
    this.renderAssistants(undefined);
    this.renderButton();
    this.autosize();
  }

  get running(): boolean {
    return this.run.phase !== "idle";
  }

  setThread(threadId: string | undefined): void {
    if (threadId === this.threadId) return;
    this.threadId = threadId;
    this.saveDraft();
  }

  setAssistants(assistants: AssistantOption[], selectedAssistantId: string | undefined): void {
    this.assistants = assistants;
    this.renderAssistants(selectedAssistantId);
  }

  setRun(run: RunView): void {
    this.run = run;
    this.renderButton();
  }

  /** The selected assistant's run form, or none (a chat: the message composer). */
  setForm(form: InputFormView | undefined): void {
    const previous = this.form;
    this.form = form;
    this.element.classList.toggle("composer--form", form !== undefined);
    this.input.setAttribute("aria-label", form ? pageText().runInputLabel : pageText().message);
    this.schema.hidden = !form;
    this.jsonButton.hidden = !form;
    this.schemaText.textContent = form?.schemaJson ?? "";
    // Another assistant's form starts from its own last input; an input being edited (a reload) stays.
    if (form && (previous?.assistantId !== form.assistantId) && !isJsonObject(this.input.value)) this.input.value = form.draft;
    if (!form && previous && this.input.value === previous.draft) this.input.value = "";
    this.showErrors([]);
    this.saveDraft();
    this.autosize();
    this.renderPlaceholder();
    this.renderButton();
  }

  /** Why the host refused the input (nothing was sent); an empty list clears them. */
  showErrors(errors: readonly string[]): void {
    this.errors.replaceChildren(...errors.map((error) => el("li", { text: labelText(error) })));
    this.errors.hidden = errors.length === 0;
    this.input.setAttribute("aria-invalid", String(errors.length > 0));
  }

  /** Files from the host (the Explorer, or held while the page was away), and the size limit it sets. */
  attachFromHost(attachments: readonly Attachment[], limitKB?: number): void {
    if (limitKB !== undefined) this.tray.limitKB = limitKB;
    if (attachments.length) this.tray.add(attachments);
  }

  /** A send failed: the text comes back (ahead of anything typed since), and the files it carried. */
  restoreDraft(text: string, attachments: readonly Attachment[] = []): void {
    if (attachments.length) this.tray.add(attachments);
    const current = this.input.value;
    this.input.value = current.trim() === "" || current === text ? text : `${text}\n\n${current}`;
    this.saveDraft();
    this.autosize();
    this.renderButton();
    this.input.focus();
  }

  /** An input ran for the form's assistant (from VS Code's JSON editor too): the form shows what ran. */
  inputRan(assistantId: string, input: string): void {
    if (this.form?.assistantId !== assistantId || this.input.value.trim() === input.trim()) return;
    this.input.value = input;
    this.saveDraft();
    this.autosize();
    this.renderButton();
  }

  /** Retry sent the restored draft again: it goes, unless the user has typed on since (a form's input always stays). */
  draftResent(text: string): void {
    if (this.form || this.input.value.trim() !== text.trim()) return;
    this.input.value = "";
    this.tray.clear();
    this.saveDraft();
    this.autosize();
    this.renderButton();
  }

  focus(): void {
    this.input.focus();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== "Enter" || event.shiftKey) return;
    // A form's JSON spans lines: Enter breaks the line there, Ctrl+Enter runs.
    if (this.form && !(event.ctrlKey || event.metaKey)) return;
    // While an IME is composing, Enter confirms the composition; it must not send.
    if (event.isComposing || this.composing || event.keyCode === 229) return;
    event.preventDefault();
    if (!this.running) this.send();
  }

  private onPaste(event: ClipboardEvent): void {
    const files = Array.from(event.clipboardData?.files ?? []);
    if (this.form || files.length === 0) return;
    event.preventDefault();
    void this.tray.addFiles(files);
  }

  private onDragOver(event: DragEvent): void {
    const types = Array.from(event.dataTransfer?.types ?? []);
    if (this.form || !(types.includes("Files") || types.includes("text/uri-list"))) return;
    event.preventDefault();
  }

  /** Files from the desktop are read here; Explorer files arrive as URIs, which only the host can read. */
  private onDrop(event: DragEvent): void {
    const transfer = event.dataTransfer;
    if (this.form || !transfer) return;
    const files = Array.from(transfer.files ?? []);
    const uris = (transfer.getData("text/uri-list") || "").split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
    if (files.length === 0 && uris.length === 0) return;
    event.preventDefault();
    if (files.length) void this.tray.addFiles(files);
    else this.api.postMessage({ type: "attachFiles", uris: uris.slice(0, MAX_ATTACHMENTS) });
  }

  private send(): void {
    const text = this.input.value.trim();
    const attachments = this.form ? [] : [...this.tray.attachments];
    if ((text === "" && attachments.length === 0) || this.running) return;
    const assistantId = this.picker.value || undefined;
    if (this.form) {
      if (this.refusedAsTooLong(text)) return;
      // The input stays: a graph is often run again with the input a little changed.
      this.api.postMessage({ type: "runInput", input: text, ...(assistantId ? { assistantId } : {}) });
      return;
    }
    this.api.postMessage({ type: "send", text, ...(assistantId ? { assistantId } : {}), ...(attachments.length ? { attachments } : {}) });
    this.input.value = "";
    this.showErrors([]);
    this.tray.clear();
    this.saveDraft();
    this.autosize();
    this.renderButton();
  }

  /** The form's text goes to VS Code's JSON editor as it is: the host opens it there beside the panel. */
  private editInJson(): void {
    const text = this.input.value;
    if (!this.refusedAsTooLong(text)) this.api.postMessage({ type: "editInput", input: text });
  }

  private refusedAsTooLong(text: string): boolean {
    if (text.length <= MAX_INPUT_CHARS) return false;
    this.showErrors([fill(pageText().inputTooLong, text.length.toLocaleString("en"), MAX_INPUT_CHARS.toLocaleString("en"))]);
    return true;
  }

  private stop(): void {
    if (this.run.phase === "stopping") return;
    this.api.postMessage({ type: "stop" });
  }

  private saveDraft(): void {
    const attachments = this.tray.attachments;
    this.api.setState({ draft: this.input.value, ...(this.threadId ? { threadId: this.threadId } : {}), ...(attachments.length ? { attachments: [...attachments] } : {}) });
  }

  private renderAssistants(selectedAssistantId: string | undefined): void {
    const previous = this.picker.value;
    const options = this.assistants.map((assistant) => {
      const option = el("option", { text: labelText(`${assistant.name || assistant.id} — ${assistant.graphId}`) });
      option.value = assistant.id;
      if (assistant.description) option.title = labelText(assistant.description);
      return option;
    });
    if (options.length === 0) options.push(el("option", { text: pageText().noAssistants, attrs: { value: "" } }));
    this.picker.replaceChildren(...options);
    const ids = new Set(this.assistants.map((assistant) => assistant.id));
    const choice = [selectedAssistantId, previous].find((id): id is string => id !== undefined && ids.has(id));
    if (choice) this.picker.value = choice;
    this.picker.disabled = this.assistants.length === 0;
    this.renderPlaceholder();
  }

  private renderPlaceholder(): void {
    const current = this.assistants.find((assistant) => assistant.id === this.picker.value);
    const name = current ? labelText(current.name || current.id) : undefined;
    const text = pageText();
    if (this.form) this.input.placeholder = name ? fill(text.formPlaceholder, name) : text.formPlaceholderNoAssistant;
    else this.input.placeholder = name ? fill(text.askPlaceholder, name) : text.sendPlaceholder;
  }

  private renderButton(): void {
    const phase = this.run.phase;
    const running = this.running;
    const text = pageText();
    const idle = this.form ? text.run : text.send;
    const label = phase === "stopping" ? text.stopping : running ? text.stop : idle;
    this.button.classList.toggle("send-button--stop", running);
    this.button.dataset.mode = running ? "stop" : "send";
    setIcon(this.button, running ? "debug-stop" : "send");
    this.buttonLabel.textContent = label;
    const hint = this.form ? text.runHint : text.sendHint;
    this.button.setAttribute("aria-label", running ? label : hint);
    this.button.title = running ? label : hint;
    const empty = this.input.value.trim() === "" && (this.form !== undefined || this.tray.attachments.length === 0);
    this.button.disabled = phase === "stopping" || (!running && empty);
  }

  private autosize(): void {
    // Style set through the CSSOM: allowed by the page's CSP, unlike style attributes.
    this.input.style.height = "auto";
    const height = Math.min(this.input.scrollHeight, MAX_INPUT_HEIGHT_PX);
    if (height > 0) this.input.style.height = `${height}px`;
  }
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
