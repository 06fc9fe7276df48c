/** The error banner: the host's message plus its action buttons (posted back as `errorAction`). */
import type { ErrorActionId, ErrorView, WebviewToHost } from "../protocol/chatProtocol";
import { el, icon, iconButton } from "../common/dom";
import { pageText } from "./pageText";

export class ErrorBanner {
  readonly element: HTMLElement;
  private readonly message: HTMLElement;
  private readonly actions: HTMLElement;

  constructor(private readonly post: (message: WebviewToHost) => void) {
    this.message = el("div", { className: "error-message" });
    this.actions = el("div", { className: "error-actions" });
    const dismiss = iconButton("close", pageText().dismissError, "icon-button error-dismiss");
    dismiss.addEventListener("click", () => this.show(undefined));
    this.element = el(
      "div",
      { className: "error-banner", attrs: { role: "alert" } },
      icon("error", "error-icon"),
      el("div", { className: "error-content" }, this.message, this.actions),
      dismiss,
    );
    this.element.hidden = true;
  }

  show(error: ErrorView | undefined): void {
    this.element.hidden = !error;
    this.message.textContent = error?.message ?? "";
    const buttons = (error?.actions ?? []).map((action, index) => this.actionButton(action.id, action.label, index));
    this.actions.replaceChildren(...buttons);
    this.actions.hidden = buttons.length === 0;
  }

  private actionButton(id: ErrorActionId, label: string, index: number): HTMLButtonElement {
    const button = el("button", {
      className: index === 0 ? "button" : "button button--secondary",
      text: label,
      attrs: { type: "button" },
    });
    button.dataset.action = id;
    button.addEventListener("click", () => this.post({ type: "errorAction", action: id }));
    return button;
  }
}
