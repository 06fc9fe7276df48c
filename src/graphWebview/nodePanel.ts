/**
 * The side panel for a clicked node: the state update it last wrote on the thread, as pretty JSON.
 * Everything shown comes from the agent and the server, so it goes in as text only.
 */
import type { NodeStateView } from "../protocol/graphProtocol";
import { el, iconButton } from "./dom";
import { fill, pageText } from "./pageText";

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
    const text = pageText();
    const close = iconButton("close", text.closeNodeDetails);
    close.addEventListener("click", onClose);
    this.title = el("h2", { className: "node-panel-title" });
    this.meta = el("div", { className: "node-panel-meta" });
    this.message = el("p", { className: "node-panel-message" });
    this.error = el("pre", { className: "node-panel-error" });
    this.json = el("pre", { className: "node-panel-json", attrs: { tabindex: "0", "aria-label": text.stateUpdate } });
    this.interruptsHeading = el("h3", { className: "node-panel-subtitle", text: text.waitingOn });
    this.interrupts = el("pre", { className: "node-panel-interrupts", attrs: { tabindex: "0", "aria-label": text.interrupts } });
    this.element = el(
      "aside",
      { className: "node-panel", attrs: { "aria-label": text.nodeDetails, "aria-live": "polite" } },
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
    const text = pageText();
    const meta = [
      state.status === "loading" ? text.readingHistory : undefined,
      state.step !== undefined ? fill(text.step, state.step) : undefined,
      state.checkpointId ? fill(text.checkpoint, state.checkpointId.slice(0, 8)) : undefined,
      state.threadId ? fill(text.thread, state.threadId.slice(0, 8)) : undefined,
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
