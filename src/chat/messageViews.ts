/** Turns a thread's messages into what the panel shows: tool results folded into their calls. */
import type { AssistantRef, ChatMessageView, ToolCallView } from "../protocol/chatProtocol";
import { argsText, roleOf, stringOf, textOf, type WireMessage } from "../common/wireMessages";
import { imagesOf } from "../common/messageImages";

export interface Authorship {
  assistantId: string;
  runId?: string;
}

function toolCallsOf(message: WireMessage): ToolCallView[] {
  return (message.tool_calls ?? []).map((call, index) => ({
    id: call.id ?? `call-${index}`,
    name: call.name ?? "tool",
    args: argsText(call.args),
  }));
}

/** What the panel knows of a message beyond its wire form: who ran it, in which run and subgraph. */
export interface MessageOrigin {
  author?: AssistantRef;
  runId?: string;
  subgraph?: string;
}

export function toMessageView(message: WireMessage, fallbackId: string, origin: MessageOrigin = {}): ChatMessageView {
  const role = roleOf(message) ?? "system";
  const agent = role === "ai" ? stringOf(message.name) : undefined;
  const images = imagesOf(message.content);
  return {
    id: message.id ?? fallbackId,
    role,
    content: textOf(message.content, true),
    ...(images.length ? { images } : {}),
    toolCalls: role === "ai" ? toolCallsOf(message) : [],
    author: role === "ai" ? origin.author : undefined,
    ...(agent ? { agent } : {}),
    ...(origin.subgraph ? { subgraph: origin.subgraph } : {}),
    runId: origin.runId,
    toolCallId: role === "tool" ? message.tool_call_id : undefined,
  };
}

/**
 * Builds the list the panel renders. A tool message joins the card of the call it answers; one whose
 * call is not in the thread stays a message of its own so nothing is hidden.
 */
export function toMessageViews(
  messages: WireMessage[],
  originOf: (messageId: string) => MessageOrigin = () => ({}),
): ChatMessageView[] {
  const views: ChatMessageView[] = [];
  const callsById = new Map<string, ToolCallView>();
  messages.forEach((message, index) => {
    const id = message.id ?? `message-${index}`;
    if (roleOf(message) === "tool" && message.tool_call_id) {
      const call = callsById.get(message.tool_call_id);
      if (call) {
        call.result = { content: textOf(message.content), status: message.status === "error" ? "error" : "success" };
        return;
      }
    }
    const view = toMessageView(message, id, originOf(id));
    for (const call of view.toolCalls) callsById.set(call.id, call);
    views.push(view);
  });
  return views;
}

interface HistoryEntry {
  values?: unknown;
  metadata?: Record<string, unknown> | null;
}

/**
 * Which assistant and run first wrote each message, from checkpoint history (newest first, as the
 * server returns it). Checkpoint metadata carries `assistant_id` and `run_id`; message ids do not.
 * When the history is a window (`complete` false), messages already in its oldest checkpoint were
 * written earlier by someone unknown and stay unattributed rather than guessed.
 */
export function authorshipFromHistory(history: HistoryEntry[], complete = true): Map<string, Authorship> {
  const authorship = new Map<string, Authorship>();
  const seen = new Set<string>();
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i];
    const messages = (entry.values as { messages?: WireMessage[] } | null)?.messages ?? [];
    const assistantId = entry.metadata?.assistant_id;
    const attributable = typeof assistantId === "string" && (complete || i < history.length - 1);
    const runId = typeof entry.metadata?.run_id === "string" ? entry.metadata.run_id : undefined;
    for (const message of messages) {
      if (!message.id || seen.has(message.id)) continue;
      seen.add(message.id);
      if (attributable) authorship.set(message.id, { assistantId, runId });
    }
  }
  return authorship;
}

/**
 * The user's message as shown from the moment it is sent until the server confirms it; content with
 * attached files is shown as the server's copy will be (text inline, images as images).
 */
export function pendingHuman(content: string | unknown[]): ChatMessageView {
  if (typeof content === "string") return { id: crypto.randomUUID(), role: "human", content, toolCalls: [], pending: true };
  return { ...toMessageView({ type: "human", content }, crypto.randomUUID()), pending: true };
}

/** A run's input sending `human` (its `content` blocks when files are attached), with its id: the server's copy then replaces the one shown. */
export function humanInput(human: ChatMessageView, content: string | unknown[] = human.content): Record<string, unknown> {
  return { messages: [{ type: "human", content, id: human.id }] };
}
