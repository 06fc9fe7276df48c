/**
 * Generative UI (`ui` messages, as the SDK's `typedUi` writes them): shown as a card with the
 * component's name and its props as JSON. No component is ever loaded: a name is a label, props are
 * data. Live they arrive as custom stream events; after a reload they come from the `ui` state key,
 * each placed after the message it belongs to.
 */
import { argsText, stringOf } from "../common/wireMessages";
import type { ChatMessageView } from "../protocol/chatProtocol";

interface UiMessage {
  id: string;
  name: string;
  props: unknown;
  messageId?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A `ui` message, or undefined for anything else (a `remove-ui`, a status, a malformed one). */
export function readUiMessage(value: unknown): UiMessage | undefined {
  if (!isRecord(value) || value.type !== "ui") return undefined;
  const id = stringOf(value.id);
  if (!id) return undefined;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  return { id, name: stringOf(value.name) ?? "component", props: value.props ?? {}, messageId: stringOf(metadata.message_id) ?? stringOf(metadata.id) };
}

/** Whether a custom event is a ui message (shown as a card) or its removal (not shown as a status line). */
export function isUiEvent(value: unknown): boolean {
  return isRecord(value) && (value.type === "ui" || value.type === "remove-ui");
}

export function uiCardView(ui: UiMessage, runId?: string): ChatMessageView {
  return { id: `ui:${ui.id}`, role: "system", content: "", toolCalls: [], ui: { name: ui.name, json: argsText(ui.props) }, ...(runId ? { runId } : {}) };
}

/** The thread's views with its `ui` state's cards, each after its message (at the end when it has none shown). */
export function withUiCards(views: ChatMessageView[], values: unknown): ChatMessageView[] {
  const entries = isRecord(values) && Array.isArray(values.ui) ? values.ui.map(readUiMessage).filter((ui): ui is UiMessage => ui !== undefined) : [];
  if (!entries.length) return views;
  const after = new Map<string, ChatMessageView[]>();
  const loose: ChatMessageView[] = [];
  const ids = new Set(views.map((view) => view.id));
  for (const ui of entries) {
    const card = uiCardView(ui);
    if (ui.messageId && ids.has(ui.messageId)) after.set(ui.messageId, [...(after.get(ui.messageId) ?? []), card]);
    else loose.push(card);
  }
  return [...views.flatMap((view) => [view, ...(after.get(view.id) ?? [])]), ...loose];
}
