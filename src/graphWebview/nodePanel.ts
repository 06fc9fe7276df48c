/**
 * The side panel for a clicked node: the state update it last wrote on the thread, as pretty JSON.
 * Everything shown comes from the agent and the server, so it goes in as text only.
 */
import type { NodeStateView } from "../protocol/graphProtocol";
import { el, iconButton } from "./dom";

export class NodePanel {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly meta: HTMLElement;
  private readonly message: HTMLElement;
  private readonly error: HTMLElement;
  private readonly json: HTMLElement;
  private readonly interruptsHeading: HTMLElement;
  private readonly interrupts: HTMLElement;

  constructor(onClose: () => void) {
    const close = iconButton("close", "Close node details");
    close.addEventListener("click", onClose);
    this.title = el("h2", { className: "node-panel-title" });
    this.meta = el("div", { className: "node-panel-meta" });
    this.message = el("p", { className: "node-panel-message" });
    this.error = el("pre", { className: "node-panel-error" });
    this.json = el("pre", { className: "node-panel-json", attrs: { tabindex: "0", "aria-label": "State update" } });
    this.interruptsHeading = el("h3", { className: "node-panel-subtitle", text: "Waiting on" });
    this.interrupts = el("pre", { className: "node-panel-interrupts", attrs: { tabindex: "0", "aria-label": "Interrupts" } });
    this.element = el(
      "aside",
      { className: "node-panel", attrs: { "aria-label": "Node details", "aria-live": "polite" } },
      el("header", { className: "node-panel-header" }, this.title, close),
      this.meta,
      this.message,
      this.error,
      this.json,
      this.interruptsHeading,
      this.interrupts,
    );
    this.element.hidden = true;
  }

  show(state: NodeStateView | undefined): void {
    this.element.hidden = !state;
    if (!state) return;
    this.element.setAttribute("data-status", state.status);
    this.title.textContent = state.node;
    const meta = [
      state.status === "loading" ? "Reading the thread's history…" : undefined,
      state.step !== undefined ? `step ${state.step}` : undefined,
      state.checkpointId ? `checkpoint ${state.checkpointId.slice(0, 8)}` : undefined,
      state.threadId ? `thread ${state.threadId.slice(0, 8)}` : undefined,
    ].filter((part): part is string => !!part);
    this.meta.textContent = meta.join(" · ");
    setText(this.message, state.message);
    setText(this.error, state.error);
    setText(this.json, state.json);
    setText(this.interrupts, state.interruptsJson);
    this.interruptsHeading.hidden = !state.interruptsJson;
  }
}

function setText(element: HTMLElement, text: string | undefined): void {
  element.textContent = text ?? "";
  element.hidden = !text;
}
