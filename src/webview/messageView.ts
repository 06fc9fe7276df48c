/**
 * The DOM of one message. Owned and driven by `MessageList`, which tells it which parts changed; each
 * part is rebuilt on its own so a streamed token re-renders this message's text and nothing else.
 */
import type { AssistantRef, ChatMessageView } from "../protocol/chatProtocol";
import { el, icon } from "./dom";
import { renderMarkdown } from "./markdown";
import { ToolCard } from "./toolCard";

const ROLE_LABELS = {
  human: { icon: "account", label: "You" },
  ai: { icon: "hubot", label: "Assistant" },
  tool: { icon: "tools", label: "Tool" },
  system: { icon: "info", label: "System" },
} as const;

export class MessageView {
  readonly element: HTMLElement;
  private readonly author: HTMLElement;
  private readonly authorName: HTMLElement;
  private readonly pendingLabel: HTMLElement;
  private readonly body: HTMLElement;
  private readonly tools: HTMLElement;
  private readonly cards: ToolCard[] = [];

  constructor(message: ChatMessageView) {
    const role = ROLE_LABELS[message.role] ?? ROLE_LABELS.system;
    this.authorName = el("span", { className: "message-author-name", text: role.label });
    this.author = el("span", { className: "message-author" }, icon(role.icon), this.authorName);
    this.pendingLabel = el("span", { className: "message-pending", text: "Sending…" });
    this.body = el("div", { className: message.role === "ai" ? "message-body markdown" : "message-body plain" });
    this.tools = el("div", { className: "message-tools" });
    this.element = el(
      "article",
      { className: `message message--${message.role}` },
      el("div", { className: "message-header" }, this.author, this.pendingLabel),
      this.body,
      this.tools,
    );
    this.element.dataset.messageId = message.id;
  }

  renderAll(message: ChatMessageView): void {
    this.element.dataset.messageId = message.id;
    this.renderAuthor(message);
    this.renderContent(message);
    this.renderTools(message);
  }

  renderAuthor(message: ChatMessageView): void {
    this.pendingLabel.hidden = !message.pending;
    this.element.classList.toggle("message--pending", message.pending === true);
    if (message.role !== "ai") return;
    const label = authorLabel(message.author);
    this.authorName.textContent = label.name;
    if (label.title) this.author.title = label.title;
    else this.author.removeAttribute("title");
  }

  renderContent(message: ChatMessageView): void {
    if (message.role === "tool") {
      this.renderStandaloneResult(message);
      return;
    }
    if (message.role === "ai") {
      this.body.replaceChildren(renderMarkdown(message.content));
    } else {
      this.body.textContent = message.content;
    }
    this.body.hidden = message.content === "" && message.role === "ai";
  }

  /** Brings the cards in line with the message; `indexes` limits the update to the calls that changed. */
  renderTools(message: ChatMessageView, indexes?: Iterable<number>): void {
    if (message.role === "tool") {
      this.renderStandaloneResult(message);
      return;
    }
    const calls = message.toolCalls;
    while (this.cards.length > calls.length) this.cards.pop()?.element.remove();
    const fresh = new Set<number>();
    while (this.cards.length < calls.length) {
      const card = new ToolCard();
      fresh.add(this.cards.length);
      this.cards.push(card);
      this.tools.append(card.element);
    }
    const toUpdate = indexes ? new Set([...indexes, ...fresh]) : calls.keys();
    for (const index of toUpdate) {
      const call = calls[index];
      if (call) this.cards[index].update(call);
    }
    this.tools.hidden = calls.length === 0;
  }

  /** A tool message whose call is not in the thread: a card holding only the result. */
  private renderStandaloneResult(message: ChatMessageView): void {
    if (this.cards.length === 0) {
      const card = new ToolCard();
      this.cards.push(card);
      this.tools.append(card.element);
    }
    this.body.hidden = true;
    this.tools.hidden = false;
    this.cards[0].update({ name: "Tool result", result: { content: message.content, status: "success" } });
  }
}

function authorLabel(author: AssistantRef | undefined): { name: string; title?: string } {
  if (!author) return { name: ROLE_LABELS.ai.label };
  const name = author.name || author.id;
  return { name, title: author.graphId ? `${name} (graph: ${author.graphId})` : `${name} (${author.id})` };
}
