/**
 * The DOM of one message. Owned and driven by `MessageList`, which tells it which parts changed; each
 * part is rebuilt on its own so a streamed token re-renders this message's text and nothing else.
 *
 * The header carries the message's actions: Edit and Re-run from Here (human messages: an inline editor
 * replaces the text; a run from the checkpoint the message was added at), Regenerate (AI replies) and,
 * when the message has siblings, a `‹ 2/3 ›` version switcher. All of them are disabled while a run is
 * active.
 */
import type { AssistantRef, BranchPosition, ChatMessageView, NodeUpdateView, UiCardView } from "../protocol/chatProtocol";
import { el, icon, iconButton, jsonText, labelText } from "../common/dom";
import { MarkdownBody } from "./markdownBody";
import { isShowableDataImage, MAX_IMAGE_BYTES } from "../common/messageImages";
import { ToolCard } from "./toolCard";
import { MessageEditor, type EditDraft } from "./messageEditor";
import { fill, pageText } from "./pageText";

const ROLES = {
  human: { icon: "account", label: "you" },
  ai: { icon: "hubot", label: "assistant" },
  tool: { icon: "tools", label: "tool" },
  system: { icon: "info", label: "system" },
} as const;

/** The role's icon and its name in the table (read when a message is built, after the page has its text). */
function roleLabel(role: string): { icon: string; label: string } {
  const entry = ROLES[role as keyof typeof ROLES] ?? ROLES.system;
  return { icon: entry.icon, label: pageText()[entry.label] };
}

/** What the message's actions ask for; `MessageList` turns these into host messages. */
export interface MessageActions {
  edit(id: string, text: string): void;
  regenerate(id: string): void;
  /** Runs the thread again from the state just after this (human) message, with an assistant the host asks for. */
  rerun(id: string): void;
  switchBranch(id: string, direction: -1 | 1): void;
}

interface BranchControls {
  previous: HTMLButtonElement;
  next: HTMLButtonElement;
  position: HTMLElement;
}

export class MessageView {
  readonly element: HTMLElement;
  private readonly author: HTMLElement;
  private readonly authorName: HTMLElement;
  private readonly pendingLabel: HTMLElement;
  private readonly body: HTMLElement;
  /** AI messages: the body's markdown, re-rendered only from its last block on as the text grows. */
  private markdown?: MarkdownBody;
  private readonly tools: HTMLElement;
  private readonly images: HTMLElement;
  private imagesKey = "";
  private readonly cards: ToolCard[] = [];
  private readonly switcher: HTMLElement;
  /** The switcher's contents, built when the message first has siblings (most never do). */
  private branchControls?: BranchControls;
  private readonly editButton?: HTMLButtonElement;
  private readonly regenerateButton?: HTMLButtonElement;
  private readonly rerunButton?: HTMLButtonElement;
  private readonly messageId: string;
  private editor?: MessageEditor;
  /** The message's text as last rendered: what the editor starts from. */
  private text = "";
  private branch?: BranchPosition;
  private pending = false;
  private busy = false;

  constructor(message: ChatMessageView, private readonly actions?: MessageActions) {
    this.messageId = message.id;
    const text = pageText();
    const role = roleLabel(message.role);
    this.authorName = el("span", { className: "message-author-name", text: role.label });
    this.author = el("span", { className: "message-author" }, icon(role.icon), this.authorName);
    this.pendingLabel = el("span", { className: "message-pending", text: text.sending });
    this.body = el("div", { className: message.role === "ai" ? "message-body markdown" : "message-body plain" });
    this.tools = el("div", { className: "message-tools" });
    this.images = el("div", { className: "message-images" });
    this.images.hidden = true;

    this.switcher = el("span", { className: "branch-switcher", attrs: { role: "group", "aria-label": text.versions } });
    this.switcher.hidden = true;
    const actionBar = el("span", { className: "message-actions" }, this.switcher);
    if (message.role === "human") {
      this.editButton = iconButton("edit", text.edit, "icon-button message-action message-edit");
      this.editButton.addEventListener("click", () => {
        if (!this.busy && !this.pending) this.startEdit();
      });
      this.rerunButton = iconButton("debug-rerun", text.rerunFromHere, "icon-button message-action message-rerun");
      this.rerunButton.addEventListener("click", () => {
        if (!this.busy && !this.pending) this.actions?.rerun(this.messageId);
      });
      actionBar.append(this.editButton, this.rerunButton);
    } else if (message.role === "ai") {
      this.regenerateButton = iconButton("refresh", text.regenerate, "icon-button message-action message-regenerate");
      this.regenerateButton.addEventListener("click", () => {
        if (!this.busy) this.actions?.regenerate(this.messageId);
      });
      actionBar.append(this.regenerateButton);
    }

    this.element = el(
      "article",
      { className: `message message--${message.role}` },
      el("div", { className: "message-header" }, this.author, this.pendingLabel, actionBar),
      this.body,
      this.images,
      this.tools,
    );
    this.element.dataset.messageId = message.id;
    if (message.status) this.element.classList.add("message--status");
    if (message.update) this.element.classList.add("message--update");
    if (message.ui) this.element.classList.add("message--ui");
    this.renderControls();
  }

  renderAll(message: ChatMessageView): void {
    this.element.dataset.messageId = message.id;
    this.renderAuthor(message);
    this.renderContent(message);
    this.renderTools(message);
    this.renderBranch(message);
  }

  /** Shows the version switcher when the message has siblings; hides it otherwise. */
  renderBranch(message: ChatMessageView): void {
    this.branch = message.branch;
    this.pending = message.pending === true;
    const branch = this.branch;
    this.switcher.hidden = !branch;
    if (branch) {
      const { position } = (this.branchControls ??= this.buildBranchControls());
      position.textContent = `${branch.index + 1}/${branch.count}`;
      position.title = fill(pageText().versionOf, branch.index + 1, branch.count);
    } else if (this.branchControls) {
      this.branchControls.position.textContent = "";
      this.branchControls.position.removeAttribute("title");
    }
    this.renderControls();
  }

  private buildBranchControls(): BranchControls {
    const previous = iconButton("chevron-left", pageText().previousVersion, "icon-button branch-button branch-previous");
    const next = iconButton("chevron-right", pageText().nextVersion, "icon-button branch-button branch-next");
    const position = el("span", { className: "branch-position", attrs: { "aria-live": "polite", "aria-atomic": "true" } });
    previous.addEventListener("click", () => this.switchBranch(-1));
    next.addEventListener("click", () => this.switchBranch(1));
    this.switcher.append(previous, position, next);
    return { previous, next, position };
  }

  /** While a run is active nothing here can start another one. */
  setBusy(busy: boolean): void {
    if (busy === this.busy) return;
    this.busy = busy;
    this.renderControls();
  }

  /** Opens the inline editor (human messages only), prefilled with `text` or the message's own text. */
  startEdit(text = this.text, focus = true): void {
    if (!this.editButton) return;
    if (!this.editor) {
      this.editor = new MessageEditor({ submit: (edited) => this.submitEdit(edited), cancel: () => this.closeEditor() });
      this.body.after(this.editor.root);
      this.element.classList.add("message--editing");
    }
    this.body.hidden = true;
    this.renderControls();
    this.editor.show(text, focus);
  }

  /** The open editor's text, if any: `MessageList` carries it over when it rebuilds this view. */
  editDraft(): EditDraft | undefined {
    return this.editor?.draft();
  }

  private submitEdit(text: string): void {
    if (this.busy) return;
    this.closeEditor();
    this.actions?.edit(this.messageId, text);
  }

  private closeEditor(): void {
    const editor = this.editor;
    if (!editor) return;
    const hadFocus = editor.hasFocus();
    this.editor = undefined;
    editor.root.remove();
    this.element.classList.remove("message--editing");
    this.body.hidden = false;
    this.renderControls();
    if (hadFocus) this.editButton?.focus();
  }

  private switchBranch(direction: -1 | 1): void {
    const branch = this.branch;
    if (this.busy || !branch) return;
    const target = branch.index + direction;
    if (target < 0 || target >= branch.count) return;
    this.actions?.switchBranch(this.messageId, direction);
  }

  private renderControls(): void {
    const branch = this.branch;
    if (this.branchControls) {
      this.branchControls.previous.disabled = this.busy || !branch || branch.index <= 0;
      this.branchControls.next.disabled = this.busy || !branch || branch.index >= branch.count - 1;
    }
    if (this.editButton) {
      this.editButton.disabled = this.busy || this.pending;
      this.editButton.hidden = this.editor !== undefined;
    }
    if (this.regenerateButton) this.regenerateButton.disabled = this.busy;
    if (this.rerunButton) {
      this.rerunButton.disabled = this.busy || this.pending;
      this.rerunButton.hidden = this.editor !== undefined;
    }
    this.editor?.setBusy(this.busy);
  }

  renderAuthor(message: ChatMessageView): void {
    this.pendingLabel.hidden = !message.pending;
    this.element.classList.toggle("message--pending", message.pending === true);
    if (message.update) this.authorName.textContent = labelText(String(message.update.node));
    if (message.ui) this.authorName.textContent = pageText().ui;
    if (message.role !== "ai") return;
    const label = authorLabel(message.author, message.agent);
    this.authorName.textContent = label.name;
    if (label.title) this.author.title = label.title;
    else this.author.removeAttribute("title");
  }

  renderContent(message: ChatMessageView): void {
    this.text = message.content;
    if (message.update) {
      this.renderUpdate(message.update);
      return;
    }
    if (message.ui) {
      this.renderUiCard(message.ui);
      return;
    }
    this.renderImages(message.images);
    if (message.role === "tool") {
      this.renderStandaloneResult(message);
      return;
    }
    if (message.role === "ai") {
      (this.markdown ??= new MarkdownBody(this.body)).render(message.content);
    } else {
      this.markdown = undefined;
      this.body.textContent = message.content;
    }
    this.body.hidden = (message.content === "" && message.role === "ai") || this.editor !== undefined;
  }

  /** Brings the cards in line with the message; `indexes` limits the update to the calls that changed. */
  renderTools(message: ChatMessageView, indexes?: Iterable<number>): void {
    if (message.update || message.ui) return;
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

  /**
   * Inline images whose `data:` URI passes the check again here; a remote image is a link (opened by
   * the host after a click, never fetched by the page); one over the size cap is said, not shown.
   */
  private renderImages(images: ChatMessageView["images"]): void {
    const list = Array.isArray(images) ? images : [];
    // A streamed token re-renders the content: the images are rebuilt only when they change.
    const key = list.map((i) => `${typeof i?.src === "string" ? `${i.src.length}:${i.src.slice(-64)}` : ""}|${String(i?.url)}|${String(i?.tooLarge)}`).join("\n");
    if (key === this.imagesKey) return;
    this.imagesKey = key;
    this.images.replaceChildren(
      ...list.flatMap((image) => {
        if (isShowableDataImage(image?.src)) return [el("img", { className: "message-image", attrs: { src: image.src, alt: pageText().imageFromMessage } })];
        if (typeof image?.url === "string" && /^https?:\/\//i.test(image.url)) {
          const link = el("a", { className: "image-link", attrs: { href: image.url, title: labelText(image.url) } }, icon("file-media"), fill(pageText().openImage, labelText(shortUrl(image.url))));
          return [link];
        }
        if (typeof image?.tooLarge === "number") {
          const text = fill(pageText().imageTooLarge, (image.tooLarge / 1_000_000).toFixed(1), MAX_IMAGE_BYTES / 1_000_000);
          return [el("span", { className: "image-refused", text })];
        }
        return [];
      }),
    );
    this.images.hidden = this.images.childElementCount === 0;
  }

  /** A node's state update (a graph that is not a chat): the keys it wrote, and the update as JSON. */
  private renderUpdate(update: NodeUpdateView): void {
    const keys = Array.isArray(update.keys) ? update.keys.map(String) : [];
    this.body.textContent = keys.length ? fill(pageText().wrote, labelText(keys.join(", "))) : pageText().wroteNothing;
    this.body.hidden = false;
    const json = el("pre", { className: "node-update-json", text: jsonText(String(update.json)) });
    this.tools.replaceChildren(el("details", { className: "node-update" }, el("summary", { text: pageText().stateUpdate }), json));
    this.tools.hidden = false;
  }

  /** A generative UI message: the component's name and its props as JSON text; no component is loaded. */
  private renderUiCard(ui: UiCardView): void {
    this.body.hidden = true;
    const name = el("span", { className: "ui-card-name", text: labelText(String(ui.name)), attrs: { title: pageText().component } });
    const props = el("pre", { className: "ui-card-props", text: jsonText(String(ui.json)) });
    this.tools.replaceChildren(el("div", { className: "ui-card" }, el("div", { className: "ui-card-header" }, icon("symbol-class"), name), props));
    this.tools.hidden = false;
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
    this.cards[0].update({ name: pageText().toolResult, result: { content: message.content, status: "success" } });
  }
}

/** "supervisor › researcher": the assistant, then the agent inside its graph that wrote the reply. */
function authorLabel(author: AssistantRef | undefined, agent: string | undefined): { name: string; title?: string } {
  const assistant = author ? labelText(author.name || author.id) : pageText().assistant;
  const inner = typeof agent === "string" ? labelText(agent).trim() : "";
  const name = inner && inner !== assistant ? `${assistant} › ${inner}` : assistant;
  if (!author) return { name };
  return { name, title: labelText(author.graphId ? fill(pageText().authorWithGraph, name, author.graphId) : fill(pageText().nameWithId, name, author.id)) };
}

/** `https://example.com/very/long/path.png` -> `example.com/…/path.png`. */
function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const file = parsed.pathname.split("/").filter(Boolean).at(-1);
    return file ? `${parsed.host}/…/${file}` : parsed.host;
  } catch {
    return url.slice(0, 60);
  }
}
