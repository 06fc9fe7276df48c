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
import { MAX_AUTHOR_IDS, type AssistantRef, type BranchPosition, type ChatMessageView, type ToolCallDelta, type ToolResultView, type WebviewToHost } from "../protocol/chatProtocol";
import { el } from "../common/dom";
import { placeChildren } from "./childOrder";
import { handleCodeAction } from "./codeBlocks";
import { FrameScheduler } from "./frameScheduler";
import { EarlierMessages, EmptyState } from "./listPlaceholders";
import { markStale, renderStale, type DirtyPart, type Entry } from "./messageEntry";
import { pageText } from "./pageText";
import { applyToolCallDelta, copyMessage, OrphanResults, validBranch } from "./messageModel";
import { MessageView, type MessageActions } from "./messageView";
import type { EditDraft } from "./messageEditor";
import { afterPaint, markAfterPaint } from "./perfMarks";
import { SubgraphGroups, type GroupedItem } from "./subgraphGroups";

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

export class MessageList {
  /** The scrolling container: the log plus the empty state. */
  readonly element: HTMLElement;
  readonly log: HTMLElement;
  private readonly emptyState = new EmptyState();
  private readonly history = new EarlierMessages(() => this.loadEarlier());
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
  private readonly orphanResults = new OrphanResults();
  private readonly scheduler = new FrameScheduler(() => this.flush());
  private loading = false;
  /** Set by a snapshot: the next flush shows the end of the conversation wherever the user had scrolled. */
  private scrollToEnd = false;
  /** Set by a snapshot: its first flush marks when the conversation's end has been painted. */
  private markSnapshotPaint = false;
  /** A run is active: edits, regenerations and version switches wait for it to end. */
  private runActive = false;
  /** Open editors of views a snapshot is about to replace, by message id. */
  private readonly carriedEdits = new Map<string, EditDraft>();
  /** Replies whose author was asked for: a reveal asks once. */
  private readonly authorsAsked = new Set<string>();
  private readonly groups = new SubgraphGroups();
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
      rerun: (id) => {
        if (this.runActive || !this.entries.has(id)) return;
        this.options.post({ type: "rerunFromMessage", id });
      },
      switchBranch: (id, direction) => {
        if (this.runActive || !this.entries.has(id)) return;
        this.options.post({ type: "switchBranch", id, direction });
      },
    };
    this.log = el("div", {
      className: "message-log",
      attrs: { role: "log", "aria-live": "polite", "aria-relevant": "additions text", "aria-label": pageText().messages },
    });
    this.element = el(
      "main",
      { className: "message-scroller", attrs: { tabindex: "-1" } },
      this.emptyState.element,
      this.history.element,
      this.log,
    );
    this.element.addEventListener("scroll", () => this.onScroll(), { passive: true });
    this.log.addEventListener("click", (event) => {
      if (event.target instanceof Element) handleCodeAction(event.target, this.options.post);
    });
    // An opened or closed tool card changes the height below the reader without a scroll.
    this.log.addEventListener("toggle", () => {
      this.remeasureBottom = true;
    }, true);
    this.emptyState.update(true, this.loading);
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
    this.markSnapshotPaint = true;
    this.scheduler.schedule();
  }

  upsert(message: ChatMessageView): void {
    const copy = copyMessage(message);
    this.orphanResults.claimFor(copy);
    const entry = this.entries.get(message.id);
    if (entry) {
      if (entry.message.subgraph !== copy.subgraph) this.structureChanged = true;
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
      const index = applyToolCallDelta(message, delta, this.orphanResults);
      if (index !== undefined) this.markDirty(entry, "tools", index);
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
    this.orphanResults.add(toolCallId, result);
  }

  setAuthors(authors: Record<string, AssistantRef>): void {
    for (const [id, author] of Object.entries(authors)) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      entry.message.author = { ...author };
      this.markDirty(entry, "author");
    }
  }

  /** Subgraph namespaces learnt after the messages arrived: they regroup. */
  setSubgraphs(subgraphs: Record<string, string>): void {
    for (const [id, namespace] of Object.entries(subgraphs)) {
      const entry = this.entries.get(id);
      if (!entry || typeof namespace !== "string" || entry.message.subgraph === namespace) continue;
      entry.message.subgraph = namespace;
      this.structureChanged = true;
    }
    if (this.structureChanged) this.scheduler.schedule();
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

  private markDirty(entry: Entry, part: DirtyPart, toolIndex?: number): void {
    if (!markStale(entry, part, toolIndex)) return;
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
    if (this.markSnapshotPaint) {
      this.markSnapshotPaint = false;
      markAfterPaint("snapshot-painted", { messages: this.order.length, loading: this.loading });
      if (!this.loading) afterPaint(() => this.options.post({ type: "snapshotPainted" }));
    }
    if (this.structureChanged) {
      this.structureChanged = false;
      this.reconcile();
    }
    for (const entry of this.dirty) {
      // An entry replaced or removed since it was marked has nothing on screen to update.
      if (this.entries.get(entry.message.id) === entry) renderStale(entry);
      else entry.dirty = undefined;
    }
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
    const focusedButton = this.element.ownerDocument.activeElement === this.history.button;
    const items: GroupedItem[] = [];
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
      items.push({ id, subgraph: entry.message.subgraph, element: entry.view.element });
    }
    placeChildren(this.log, this.groups.arrange(items));
    this.carriedEdits.clear();
    this.emptyState.update(this.order.length === 0, this.loading);
    this.history.update(this.hidden);
    // The button goes once everything is shown: keep keyboard focus in the conversation.
    if (focusedButton && this.history.element.hidden) this.element.focus({ preventScroll: true });
  }

  /**
   * Earlier messages are not news: the log's live region stays silent for the frame that adds them
   * (screen readers read what is added while it is polite) and speaks again from the next one.
   */
  private quietLog(): void {
    this.log.setAttribute("aria-live", "off");
    window.requestAnimationFrame(() => this.log.setAttribute("aria-live", "polite"));
  }

  private isNearBottom(): boolean {
    const { scrollHeight, scrollTop, clientHeight } = this.element;
    return scrollHeight - scrollTop - clientHeight <= STICK_TO_BOTTOM_PX;
  }
}
