/**
 * One message of the list: its model, its view once it is in the rendered window, and which parts of
 * the view are stale. Updates only mark parts; the frame's flush renders each stale part once, however
 * many updates arrived in between.
 */
import type { ChatMessageView } from "../protocol/chatProtocol";
import type { MessageView } from "./messageView";

export type DirtyPart = "all" | "author" | "content" | "branch" | "tools";

interface Dirty {
  all: boolean;
  author: boolean;
  content: boolean;
  branch: boolean;
  tools: Set<number>;
}

export interface Entry {
  message: ChatMessageView;
  view?: MessageView;
  dirty?: Dirty;
}

/**
 * Marks a part of the entry's view stale; returns false when the entry has no view, since without one
 * the model is all there is (the view renders it whole when made) and nothing needs a frame.
 */
export function markStale(entry: Entry, part: DirtyPart, toolIndex?: number): boolean {
  if (!entry.view) return false;
  const dirty = (entry.dirty ??= { all: false, author: false, content: false, branch: false, tools: new Set() });
  if (part === "tools") {
    if (toolIndex !== undefined) dirty.tools.add(toolIndex);
  } else {
    dirty[part] = true;
  }
  return true;
}

/** Renders what is stale in the entry's view, and forgets it. */
export function renderStale(entry: Entry): void {
  const { view, dirty, message } = entry;
  entry.dirty = undefined;
  if (!view || !dirty) return;
  if (dirty.all) {
    view.renderAll(message);
    return;
  }
  if (dirty.author) view.renderAuthor(message);
  if (dirty.content) view.renderContent(message);
  if (dirty.branch) view.renderBranch(message);
  if (dirty.tools.size > 0) view.renderTools(message, dirty.tools);
}
