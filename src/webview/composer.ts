/**
 * The composer: a multi-line input (Enter sends, Shift+Enter breaks the line, IME-safe), the assistant
 * picker and a Send button that turns into Stop while a run is active. The draft is saved with
 * `setState` on every edit so reloading the webview keeps it.
 */
import type { AssistantOption, RunView } from "../protocol/chatProtocol";
import { el, icon, labelText, setIcon } from "../common/dom";
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

  constructor(private readonly api: HostApi) {
    const saved = api.getState();
    this.threadId = saved?.threadId;
    this.input = el("textarea", {
      className: "composer-input",
      attrs: { rows: "1", "aria-label": "Message" },
    });
    this.input.value = saved?.draft ?? "";
    this.picker = el("select", { className: "assistant-picker", attrs: { "aria-label": "Assistant" } });
    this.buttonLabel = el("span", { className: "send-label" });
    this.button = el("button", { className: "send-button", attrs: { type: "button" } }, icon("send"), this.buttonLabel);
    this.element = el(
      "div",
      { className: "composer" },
      el("div", { className: "composer-box" }, this.input),
      el(
        "div",
        { className: "composer-toolbar" },
        el("label", { className: "picker-wrapper", attrs: { title: "Assistant that answers the next message" } }, icon("hubot"), this.picker),
        el("span", { className: "composer-spacer" }),
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
    this.button.addEventListener("click", () => (this.running ? this.stop() : this.send()));
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

  /** A send failed: the text comes back (ahead of anything typed since). */
  restoreDraft(text: string): void {
    const current = this.input.value;
    this.input.value = current.trim() === "" || current === text ? text : `${text}\n\n${current}`;
    this.saveDraft();
    this.autosize();
    this.renderButton();
    this.input.focus();
  }

  focus(): void {
    this.input.focus();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== "Enter" || event.shiftKey) return;
    // While an IME is composing, Enter confirms the composition; it must not send.
    if (event.isComposing || this.composing || event.keyCode === 229) return;
    event.preventDefault();
    if (!this.running) this.send();
  }

  private send(): void {
    const text = this.input.value.trim();
    if (text === "" || this.running) return;
    const assistantId = this.picker.value || undefined;
    this.api.postMessage({ type: "send", text, ...(assistantId ? { assistantId } : {}) });
    this.input.value = "";
    this.saveDraft();
    this.autosize();
    this.renderButton();
  }

  private stop(): void {
    if (this.run.phase === "stopping") return;
    this.api.postMessage({ type: "stop" });
  }

  private saveDraft(): void {
    this.api.setState({ draft: this.input.value, ...(this.threadId ? { threadId: this.threadId } : {}) });
  }

  private renderAssistants(selectedAssistantId: string | undefined): void {
    const previous = this.picker.value;
    const options = this.assistants.map((assistant) => {
      const option = el("option", { text: labelText(`${assistant.name || assistant.id} — ${assistant.graphId}`) });
      option.value = assistant.id;
      if (assistant.description) option.title = labelText(assistant.description);
      return option;
    });
    if (options.length === 0) options.push(el("option", { text: "No assistants", attrs: { value: "" } }));
    this.picker.replaceChildren(...options);
    const ids = new Set(this.assistants.map((assistant) => assistant.id));
    const choice = [selectedAssistantId, previous].find((id): id is string => id !== undefined && ids.has(id));
    if (choice) this.picker.value = choice;
    this.picker.disabled = this.assistants.length === 0;
    const current = this.assistants.find((assistant) => assistant.id === this.picker.value);
    this.input.placeholder = `${current ? `Ask ${labelText(current.name || current.id)}` : "Send a message"} (Enter to send, Shift+Enter for a new line)`;
  }

  private renderButton(): void {
    const phase = this.run.phase;
    const running = this.running;
    const label = phase === "stopping" ? "Stopping…" : running ? "Stop" : "Send";
    this.button.classList.toggle("send-button--stop", running);
    this.button.dataset.mode = running ? "stop" : "send";
    setIcon(this.button, running ? "debug-stop" : "send");
    this.buttonLabel.textContent = label;
    this.button.setAttribute("aria-label", running ? label : "Send (Enter)");
    this.button.title = running ? label : "Send (Enter)";
    this.button.disabled = phase === "stopping" || (!running && this.input.value.trim() === "");
  }

  private autosize(): void {
    // Style set through the CSSOM: allowed by the page's CSP, unlike style attributes.
    this.input.style.height = "auto";
    const height = Math.min(this.input.scrollHeight, MAX_INPUT_HEIGHT_PX);
    if (height > 0) this.input.style.height = `${height}px`;
  }
}
