/**
 * The message list. Host messages update an in-memory model at once; the DOM catches up in one flush
 * per animation frame, touching only the messages that changed (a streamed token re-renders the end of
 * its own message's markdown at most once per frame, however many tokens arrived).
 *
 * Only a window of the conversation has DOM: its end when a snapshot arrives (about a screenful in the
 * snapshot's frame, so the thread shows as soon as it can; the next frame fills the window up to
 * `SNAPSHOT_WINDOW` messages), plus every message that arrives after it. Scrolling near the top (or the
 * "Load earlier messages" button) renders `CHUNK` more above, with what the user was looking at kept in
 * place. Every update by message id applies to the model whether the message is rendered or not; a
 * message renders from the model when it enters the window.
 *
 * The list follows new content only while the user is at the bottom, as their last scroll left it (the
 * flush measures only after they opened or closed a tool card), and writes the scroll position after
 * all its DOM writes: one layout per frame, never one forced before the frame's changes.
 */
import type {
  AssistantRef,
  BranchPosition,
  ChatMessageView,
  ToolCallDelta,
  ToolResultView,
  WebviewToHost,
} from "../protocol/chatProtocol";
import { MAX_AUTHOR_IDS } from "../protocol/chatProtocol";
import { handleCodeAction } from "./codeBlocks";
import { el, icon } from "../common/dom";
import { FrameScheduler } from "./frameScheduler";
import { MessageView, type EditDraft, type MessageActions } from "./messageView";

interface Dirty {
  all: boolean;
  author: boolean;
  content: boolean;
  branch: boolean;
  tools: Set<number>;
}

interface Entry {
  message: ChatMessageView;
  view?: MessageView;
  dirty?: Dirty;
}

export interface MessageListOptions {
  post: (message: WebviewToHost) => void;
  /** Author for an AI message the host starts streaming before sending it whole. */
  defaultAuthor: () => AssistantRef | undefined;
  /** The assistant picked in the composer: the one an edit or a regeneration runs with. */
  selectedAssistantId: () => string | undefined;
}

/** Within this many pixels of the bottom, new content keeps the list scrolled to the end. */
const STICK_TO_BOTTOM_PX = 32;
/** Earlier messages rendered at a time when the user scrolls up. */
const CHUNK = 20;
/** Messages a snapshot's frame renders: about a screenful. Each costs markdown, sanitising and DOM. */
const FIRST_SCREEN = 8;
/** Messages a snapshot's window holds once its next frame ran: a margin above the screen to scroll into. */
const SNAPSHOT_WINDOW = 2 * CHUNK;
/** Scrolled within this many pixels of the top, earlier messages are rendered. */
const LOAD_EARLIER_PX = 400;

/** Tool calls one message may have: a streamed index beyond it is dropped instead of filling the gap. */
const MAX_TOOL_CALLS = 1000;

export class MessageList {
  /** The scrolling container: the log plus the empty state. */
  readonly element: HTMLElement;
  readonly log: HTMLElement;
  private readonly emptyState: HTMLElement;
  private readonly emptyTitle: HTMLElement;
  private readonly emptyHint: HTMLElement;
  private readonly history: HTMLElement;
  private readonly loadEarlierButton: HTMLButtonElement;
  private readonly entries = new Map<string, Entry>();
  private order: string[] = [];
  /** The first `hidden` messages of `order` have no DOM (and no view). */
  private hidden = 0;
  /** Earlier messages the next flush renders (0: none). */
  private earlierRequested = 0;
  /** Set by a snapshot: after its frame, the next fills the window, before the user scrolls up. */
  private prefetch = false;
  /** Where the last scroll left the user: at the bottom, new content keeps them there. */
  private atBottom = true;
  /** Something the user did may have moved the bottom away: the next flush measures before following. */
  private remeasureBottom = false;
  private structureChanged = false;
  private readonly dirty = new Set<Entry>();
  /** Results that arrived before their call. */
  private readonly orphanResults = new Map<string, ToolResultView>();
  private readonly scheduler = new FrameScheduler(() => this.flush());
  private loading = false;
  /** Set by a snapshot: the next flush shows the end of the conversation wherever the user had scrolled. */
  private scrollToEnd = false;
  /** A run is active: edits, regenerations and version switches wait for it to end. */
  private runActive = false;
  /** Open editors of views a snapshot is about to replace, by message id. */
  private readonly carriedEdits = new Map<string, EditDraft>();
  /** Replies whose author was asked for: a reveal asks once. */
  private readonly authorsAsked = new Set<string>();
  private readonly actions: MessageActions;

  constructor(private readonly options: MessageListOptions) {
    this.actions = {
      edit: (id, text) => {
        if (this.runActive || !this.entries.has(id)) return;
        const assistantId = this.options.selectedAssistantId();
        this.options.post({ type: "editMessage", id, text, ...(assistantId ? { assistantId } : {}) });
      },
      regenerate: (id) => {
        if (this.runActive || !this.entries.has(id)) return;
        const assistantId = this.options.selectedAssistantId();
        this.options.post({ type: "regenerate", id, ...(assistantId ? { assistantId } : {}) });
      },
      switchBranch: (id, direction) => {
        if (this.runActive || !this.entries.has(id)) return;
        this.options.post({ type: "switchBranch", id, direction });
      },
    };
    this.log = el("div", {
      className: "message-log",
      attrs: { role: "log", "aria-live": "polite", "aria-relevant": "additions text", "aria-label": "Messages" },
    });
    this.emptyTitle = el("div", { className: "empty-title" });
    this.emptyHint = el("div", { className: "empty-hint" });
    this.emptyState = el(
      "div",
      { className: "empty-state" },
      icon("comment-discussion", "empty-icon"),
      this.emptyTitle,
      this.emptyHint,
    );
    this.loadEarlierButton = el("button", { className: "button button--secondary load-earlier", attrs: { type: "button" } });
    this.loadEarlierButton.addEventListener("click", () => this.loadEarlier());
    this.history = el("div", { className: "message-history" }, this.loadEarlierButton);
    this.history.hidden = true;
    this.element = el("main", { className: "message-scroller", attrs: { tabindex: "-1" } }, this.emptyState, this.history, this.log);
    this.element.addEventListener("scroll", () => this.onScroll(), { passive: true });
    this.log.addEventListener("click", (event) => {
      if (event.target instanceof Element) handleCodeAction(event.target, this.options.post);
    });
    // An opened or closed tool card changes the height below the reader without a scroll.
    this.log.addEventListener("toggle", () => {
      this.remeasureBottom = true;
    }, true);
    this.updateEmptyState();
  }

  reset(messages: ChatMessageView[], loading: boolean): void {
    for (const [id, entry] of this.entries) {
      const draft = entry.view?.editDraft();
      if (draft) this.carriedEdits.set(id, draft);
    }
    this.entries.clear();
    this.dirty.clear();
    this.orphanResults.clear();
    this.order = [];
    for (const message of messages) {
      if (this.entries.has(message.id)) continue;
      this.entries.set(message.id, { message: copyMessage(message) });
      this.order.push(message.id);
    }
    this.hidden = Math.max(0, this.order.length - FIRST_SCREEN);
    // A message being edited stays on screen (so does everything after it, as before the snapshot).
    for (const id of this.carriedEdits.keys()) {
      const index = this.order.indexOf(id);
      if (index >= 0 && index < this.hidden) this.hidden = index;
    }
    this.earlierRequested = 0;
    this.prefetch = true;
    this.loading = loading;
    this.structureChanged = true;
    this.scrollToEnd = true;
    this.scheduler.schedule();
  }

  upsert(message: ChatMessageView): void {
    const copy = copyMessage(message);
    this.claimOrphanResults(copy);
    const entry = this.entries.get(message.id);
    if (entry) {
      entry.message = copy;
      this.markDirty(entry, "all");
      return;
    }
    this.entries.set(message.id, { message: copy });
    this.order.push(message.id);
    this.structureChanged = true;
    this.scheduler.schedule();
  }

  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.dirty.delete(entry);
    const index = this.order.indexOf(id);
    this.order.splice(index, 1);
    if (index < this.hidden) this.hidden--;
    this.structureChanged = true;
    this.scheduler.schedule();
  }

  appendDelta(id: string, textDelta: string, toolCalls: ToolCallDelta[] = []): void {
    let entry = this.entries.get(id);
    if (!entry) {
      const author = this.options.defaultAuthor();
      this.upsert({ id, role: "ai", content: "", toolCalls: [], ...(author ? { author } : {}) });
      entry = this.entries.get(id);
      if (!entry) return;
    }
    const message = entry.message;
    if (textDelta) {
      message.content += textDelta;
      this.markDirty(entry, "content");
    }
    for (const delta of toolCalls) {
      if (!Number.isInteger(delta.index) || delta.index < 0 || delta.index >= MAX_TOOL_CALLS) continue;
      while (message.toolCalls.length <= delta.index) message.toolCalls.push({ id: "", name: "", args: "" });
      const call = message.toolCalls[delta.index];
      if (delta.id) call.id = delta.id;
      if (delta.name) call.name = delta.name;
      call.args += delta.argsDelta ?? "";
      if (!call.result && call.id && this.orphanResults.has(call.id)) {
        call.result = this.orphanResults.get(call.id);
        this.orphanResults.delete(call.id);
      }
      this.markDirty(entry, "tools", delta.index);
    }
  }

  setToolResult(toolCallId: string, result: ToolResultView): void {
    for (let i = this.order.length - 1; i >= 0; i--) {
      const entry = this.entries.get(this.order[i]);
      const index = entry?.message.toolCalls.findIndex((call) => call.id === toolCallId) ?? -1;
      if (entry && index >= 0) {
        entry.message.toolCalls[index].result = { ...result };
        this.markDirty(entry, "tools", index);
        return;
      }
    }
    this.orphanResults.set(toolCallId, { ...result });
  }

  setAuthors(authors: Record<string, AssistantRef>): void {
    for (const [id, author] of Object.entries(authors)) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      entry.message.author = { ...author };
      this.markDirty(entry, "author");
    }
  }

  /** Branch positions of every message with siblings; the others lose their switcher. */
  setBranches(branches: Record<string, BranchPosition>): void {
    const positions = typeof branches === "object" && branches !== null ? branches : {};
    for (const [id, entry] of this.entries) {
      const next = Object.prototype.hasOwnProperty.call(positions, id) ? validBranch(positions[id]) : undefined;
      const current = entry.message.branch;
      if (next?.index === current?.index && next?.count === current?.count) continue;
      if (next) entry.message.branch = next;
      else delete entry.message.branch;
      this.markDirty(entry, "branch");
    }
  }

  /** Enables or disables every message's actions (at once: a click must not start a second run). */
  setRunActive(active: boolean): void {
    if (active === this.runActive) return;
    this.runActive = active;
    for (const entry of this.entries.values()) entry.view?.setBusy(active);
  }

  /** Scrolls to the end on the next flush (something new appeared below the last message). */
  revealEnd(): void {
    this.scrollToEnd = true;
    this.scheduler.schedule();
  }

  /** Renders `count` earlier messages above the first one shown, on the next frame. */
  loadEarlier(count = CHUNK): void {
    if (this.hidden === 0 || count <= this.earlierRequested) return;
    this.earlierRequested = count;
    this.scheduler.schedule();
  }

  private onScroll(): void {
    const { scrollTop, scrollHeight, clientHeight } = this.element;
    this.atBottom = scrollHeight - scrollTop - clientHeight <= STICK_TO_BOTTOM_PX;
    this.remeasureBottom = false;
    if (scrollTop <= LOAD_EARLIER_PX) this.loadEarlier();
  }

  private markDirty(entry: Entry, part: "all" | "author" | "content" | "branch" | "tools", toolIndex?: number): void {
    // Without a view (not in the window yet) the model is all there is: the view renders it whole when made.
    if (!entry.view) return;
    const dirty = (entry.dirty ??= { all: false, author: false, content: false, branch: false, tools: new Set() });
    if (part === "tools") {
      if (toolIndex !== undefined) dirty.tools.add(toolIndex);
    } else {
      dirty[part] = true;
    }
    this.dirty.add(entry);
    this.scheduler.schedule();
  }

  private flush(): void {
    if (this.remeasureBottom) {
      this.remeasureBottom = false;
      this.atBottom = this.isNearBottom();
    }
    const follow = this.scrollToEnd || this.atBottom;
    this.scrollToEnd = false;
    // Earlier messages go in above what the user is reading, which must not move.
    let anchor: { element: Element; top: number } | undefined;
    if (this.earlierRequested > 0) {
      const count = this.earlierRequested;
      this.earlierRequested = 0;
      if (this.hidden > 0) {
        const first = this.log.firstElementChild;
        if (first && !follow) anchor = { element: first, top: first.getBoundingClientRect().top };
        const before = this.hidden;
        this.hidden = Math.max(0, this.hidden - count);
        this.askForAuthors(this.order.slice(this.hidden, before));
        this.structureChanged = true;
        this.quietLog();
      }
    }
    const structureChanged = this.structureChanged;
    if (this.structureChanged) {
      this.structureChanged = false;
      this.reconcile();
    }
    for (const entry of this.dirty) this.renderChanges(entry);
    this.dirty.clear();
    if (this.prefetch && structureChanged) {
      this.prefetch = false;
      this.loadEarlier(SNAPSHOT_WINDOW - (this.order.length - this.hidden));
    }
    // Scroll writes last, after every DOM write of the frame: one layout, not one per change.
    if (follow) {
      this.element.scrollTop = this.element.scrollHeight;
      this.atBottom = true;
    } else if (anchor?.element.isConnected) {
      const moved = anchor.element.getBoundingClientRect().top - anchor.top;
      if (moved !== 0) this.element.scrollTop += moved;
    } else {
      return;
    }
    // Layout is fresh here. Earlier messages that would not fill the view: render more of them.
    if (structureChanged && this.hidden > 0 && this.element.clientHeight > 0 && this.element.scrollTop <= LOAD_EARLIER_PX) {
      this.loadEarlier();
    }
  }

  /** Replies revealed without an author: the host reads further back in history for them, once each. */
  private askForAuthors(ids: string[]): void {
    const missing = ids.filter((id) => {
      const message = this.entries.get(id)?.message;
      return message?.role === "ai" && !message.author && !this.authorsAsked.has(id);
    });
    if (!missing.length) return;
    for (const id of missing) this.authorsAsked.add(id);
    // The host takes at most MAX_AUTHOR_IDS per message.
    for (let start = 0; start < missing.length; start += MAX_AUTHOR_IDS) {
      this.options.post({ type: "needAuthors", ids: missing.slice(start, start + MAX_AUTHOR_IDS) });
    }
  }

  /** Creates views for the messages in the window and puts the log's children in model order. */
  private reconcile(): void {
    const focusedButton = this.element.ownerDocument.activeElement === this.loadEarlierButton;
    const nodes: HTMLElement[] = [];
    for (let i = this.hidden; i < this.order.length; i++) {
      const id = this.order[i];
      const entry = this.entries.get(id)!;
      if (!entry.view) {
        entry.view = new MessageView(entry.message, this.actions);
        entry.view.setBusy(this.runActive);
        entry.view.renderAll(entry.message);
        entry.dirty = undefined;
        this.dirty.delete(entry);
        const draft = this.carriedEdits.get(id);
        if (draft) entry.view.startEdit(draft.text, draft.focused);
      }
      nodes.push(entry.view.element);
    }
    // Views of removed messages go; the others stay where they are (an open editor keeps its focus),
    // and consecutive new or moved views go in together.
    const wanted = new Set<Node>(nodes);
    let cursor = this.log.firstChild;
    const skipUnwanted = () => {
      while (cursor && !wanted.has(cursor)) {
        const next: ChildNode | null = cursor.nextSibling;
        cursor.remove();
        cursor = next;
      }
    };
    let batch: DocumentFragment | undefined;
    skipUnwanted();
    for (const node of nodes) {
      if (node === cursor) {
        if (batch) this.log.insertBefore(batch, cursor);
        batch = undefined;
        cursor = cursor.nextSibling;
        skipUnwanted();
      } else {
        (batch ??= this.element.ownerDocument.createDocumentFragment()).append(node);
      }
    }
    if (batch) this.log.insertBefore(batch, cursor);
    while (cursor) {
      const next = cursor.nextSibling;
      cursor.remove();
      cursor = next;
    }
    this.carriedEdits.clear();
    this.updateEmptyState();
    this.updateHistory();
    // The button goes once everything is shown: keep keyboard focus in the conversation.
    if (focusedButton && this.history.hidden) this.element.focus({ preventScroll: true });
  }

  private updateHistory(): void {
    this.history.hidden = this.hidden === 0;
    setText(this.loadEarlierButton, `Load earlier messages (${this.hidden} more)`);
  }

  /**
   * Earlier messages are not news: the log's live region stays silent for the frame that adds them
   * (screen readers read what is added while it is polite) and speaks again from the next one.
   */
  private quietLog(): void {
    this.log.setAttribute("aria-live", "off");
    window.requestAnimationFrame(() => this.log.setAttribute("aria-live", "polite"));
  }

  private renderChanges(entry: Entry): void {
    const { view, dirty, message } = entry;
    entry.dirty = undefined;
    if (!view || !dirty || this.entries.get(message.id) !== entry) return;
    if (dirty.all) {
      view.renderAll(message);
      return;
    }
    if (dirty.author) view.renderAuthor(message);
    if (dirty.content) view.renderContent(message);
    if (dirty.branch) view.renderBranch(message);
    if (dirty.tools.size > 0) view.renderTools(message, dirty.tools);
  }

  private updateEmptyState(): void {
    const empty = this.order.length === 0;
    this.emptyState.hidden = !empty;
    this.emptyState.classList.toggle("empty-state--loading", this.loading);
    // Runs on every structural change: write only what changed (a text write replaces the node).
    setText(this.emptyTitle, this.loading ? "Loading thread…" : "New conversation");
    setText(this.emptyHint, this.loading ? "" : "Pick an assistant below and send a message to start.");
  }

  private isNearBottom(): boolean {
    const { scrollHeight, scrollTop, clientHeight } = this.element;
    return scrollHeight - scrollTop - clientHeight <= STICK_TO_BOTTOM_PX;
  }

  private claimOrphanResults(message: ChatMessageView): void {
    if (this.orphanResults.size === 0) return;
    for (const call of message.toolCalls) {
      const result = this.orphanResults.get(call.id);
      if (result && !call.result) {
        call.result = result;
        this.orphanResults.delete(call.id);
      }
    }
  }
}

function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

function copyMessage(message: ChatMessageView): ChatMessageView {
  const copy: ChatMessageView = {
    ...message,
    content: typeof message.content === "string" ? message.content : "",
    toolCalls: Array.isArray(message.toolCalls) ? message.toolCalls.map((call) => ({ ...call })) : [],
  };
  const branch = validBranch(message.branch);
  if (branch) copy.branch = branch;
  else delete copy.branch;
  return copy;
}

/** A position worth a switcher: whole numbers, in range, with at least one sibling. */
function validBranch(value: unknown): BranchPosition | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { index, count } = value as Partial<BranchPosition>;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count)) return undefined;
  if (count! < 2 || index! < 0 || index! >= count!) return undefined;
  return { index: index!, count: count! };
}
