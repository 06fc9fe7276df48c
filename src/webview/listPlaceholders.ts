/**
 * What the message list shows around its messages: the empty state (a new conversation, or a thread
 * still loading) and the "Load earlier messages" button above a window that does not start at the
 * first message.
 */
import { el, icon } from "../common/dom";
import { fill, pageText } from "./pageText";

/** Writes text only when it changed: these run on every structural change, and a text write replaces the node. */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

export class EmptyState {
  readonly element: HTMLElement;
  private readonly title = el("div", { className: "empty-title" });
  private readonly hint = el("div", { className: "empty-hint" });

  constructor() {
    this.element = el("div", { className: "empty-state" }, icon("comment-discussion", "empty-icon"), this.title, this.hint);
  }

  update(empty: boolean, loading: boolean): void {
    this.element.hidden = !empty;
    this.element.classList.toggle("empty-state--loading", loading);
    const text = pageText();
    setText(this.title, loading ? text.loadingThread : text.newConversation);
    setText(this.hint, loading ? "" : text.newConversationHint);
  }
}

export class EarlierMessages {
  /** The container, hidden while every message is shown. */
  readonly element: HTMLElement;
  readonly button: HTMLButtonElement;

  constructor(onLoad: () => void) {
    this.button = el("button", { className: "button button--secondary load-earlier", attrs: { type: "button" } });
    this.button.addEventListener("click", onLoad);
    this.element = el("div", { className: "message-history" }, this.button);
    this.element.hidden = true;
  }

  update(hidden: number): void {
    this.element.hidden = hidden === 0;
    setText(this.button, fill(pageText().loadEarlier, hidden));
  }
}
