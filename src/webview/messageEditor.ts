/**
 * The inline editor that replaces a human message's text while it is edited. Ctrl+Enter submits,
 * Escape cancels; an empty text is refused in place, with the editor kept open.
 */
import { el } from "../common/dom";
import { pageText } from "./pageText";

/** An open editor's state, kept when the view is rebuilt (a snapshot replaces every view). */
export interface EditDraft {
  text: string;
  focused: boolean;
}

interface EditorHandlers {
  submit(text: string): void;
  cancel(): void;
}

const MAX_EDITOR_HEIGHT_PX = 320;

export class MessageEditor {
  readonly root: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly error: HTMLElement;
  private readonly save: HTMLButtonElement;

  constructor(private readonly handlers: EditorHandlers) {
    const text = pageText();
    this.input = el("textarea", {
      className: "message-edit-input",
      attrs: { rows: "2", "aria-label": text.editMessage, placeholder: text.editMessagePlaceholder },
    });
    this.error = el("div", { className: "message-edit-error", attrs: { role: "alert" } });
    this.error.hidden = true;
    this.save = el("button", { className: "button message-edit-save", attrs: { type: "button", title: text.saveAndSubmitHint } }, text.saveAndSubmit);
    const cancel = el("button", { className: "button button--secondary message-edit-cancel", attrs: { type: "button", title: text.cancelHint } }, text.cancel);
    this.root = el("div", { className: "message-editor" }, this.input, this.error, el("div", { className: "message-edit-actions" }, this.save, cancel));

    this.input.addEventListener("input", () => {
      this.showError(undefined);
      this.autosize();
    });
    this.input.addEventListener("keydown", (event) => {
      if (event.isComposing || event.keyCode === 229) return;
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.submit();
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        this.handlers.cancel();
      }
    });
    this.save.addEventListener("click", () => this.submit());
    cancel.addEventListener("click", () => this.handlers.cancel());
  }

  /** Fills the editor; with `focus`, puts the caret at the end. Call once the root is in the page. */
  show(text: string, focus: boolean): void {
    this.input.value = text;
    this.autosize();
    if (focus) {
      this.input.focus();
      this.input.setSelectionRange(text.length, text.length);
    }
  }

  draft(): EditDraft {
    return { text: this.input.value, focused: this.root.ownerDocument.activeElement === this.input };
  }

  hasFocus(): boolean {
    return this.root.contains(this.root.ownerDocument.activeElement);
  }

  setBusy(busy: boolean): void {
    this.save.disabled = busy;
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (text === "") {
      this.showError(pageText().emptyMessage);
      this.input.focus();
      return;
    }
    this.handlers.submit(text);
  }

  private showError(message: string | undefined): void {
    this.error.hidden = !message;
    this.error.textContent = message ?? "";
    if (message) this.input.setAttribute("aria-invalid", "true");
    else this.input.removeAttribute("aria-invalid");
  }

  private autosize(): void {
    // Style set through the CSSOM: allowed by the page's CSP, unlike style attributes.
    this.input.style.height = "auto";
    const height = Math.min(this.input.scrollHeight, MAX_EDITOR_HEIGHT_PX);
    if (height > 0) this.input.style.height = `${height}px`;
  }
}
