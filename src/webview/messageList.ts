/**
 * The message list. Host messages update an in-memory model at once; the DOM catches up in one flush
 * per animation frame, touching only the messages that changed (a streamed token re-renders its own
 * message's markdown at most once per frame, however many tokens arrived).
 */
import type {
  AssistantRef,
  BranchPosition,
  ChatMessageView,
  ToolCallDelta,
  ToolResultView,
  WebviewToHost,
} from "../protocol/chatProtocol";
import { handleCodeAction } from "./codeBlocks";
import { el, icon } from "./dom";
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

export class MessageList {
  /** The scrolling container: the log plus the empty state. */
  readonly element: HTMLElement;
  readonly log: HTMLElement;
  private readonly emptyState: HTMLElement;
  private readonly emptyTitle: HTMLElement;
  private readonly emptyHint: HTMLElement;
  private readonly entries = new Map<string, Entry>();
  private order: string[] = [];
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
    this.element = el("main", { className: "message-scroller" }, this.emptyState, this.log);
    this.log.addEventListener("click", (event) => {
      if (event.target instanceof Element) handleCodeAction(event.target, this.options.post);
    });
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
    this.order = this.order.filter((other) => other !== id);
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
      if (!Number.isInteger(delta.index) || delta.index < 0) continue;
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

  private markDirty(entry: Entry, part: "all" | "author" | "content" | "branch" | "tools", toolIndex?: number): void {
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
    const stick = this.scrollToEnd || this.isNearBottom();
    this.scrollToEnd = false;
    if (this.structureChanged) {
      this.structureChanged = false;
      this.reconcile();
    }
    for (const entry of this.dirty) this.renderChanges(entry);
    this.dirty.clear();
    if (stick) this.element.scrollTop = this.element.scrollHeight;
  }

  /** Creates views for new messages and puts the log's children in model order. */
  private reconcile(): void {
    let cursor = this.log.firstChild;
    for (const id of this.order) {
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
      const node = entry.view.element;
      if (node === cursor) cursor = cursor.nextSibling;
      else this.log.insertBefore(node, cursor);
    }
    while (cursor) {
      const next = cursor.nextSibling;
      cursor.remove();
      cursor = next;
    }
    this.carriedEdits.clear();
    this.updateEmptyState();
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
    this.emptyTitle.textContent = this.loading ? "Loading thread…" : "New conversation";
    this.emptyHint.textContent = this.loading ? "" : "Pick an assistant below and send a message to start.";
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
