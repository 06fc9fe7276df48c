/**
 * Messages as they arrive on the wire (state values and `messages-tuple` events), read defensively:
 * they are untrusted input from any graph, not guaranteed SDK shapes.
 */
import { isImageBlock } from "./messageImages";

/** Who wrote a message, as the panel tells them apart. */
export type Role = "human" | "ai" | "tool" | "system";

interface WireToolCall {
  id?: string;
  name?: string;
  args?: unknown;
}

interface WireToolCallChunk {
  index?: number;
  id?: string;
  name?: string;
  args?: string;
}

export interface WireMessage {
  id?: string;
  type?: string;
  content?: unknown;
  tool_calls?: WireToolCall[];
  tool_call_chunks?: WireToolCallChunk[];
  tool_call_id?: string;
  status?: string;
  name?: string;
}

export function roleOf(message: WireMessage): Role | undefined {
  switch (message.type) {
    case "human":
    case "HumanMessageChunk":
    case "user":
      return "human";
    case "ai":
    case "AIMessageChunk":
    case "assistant":
      return "ai";
    case "tool":
    case "ToolMessageChunk":
      return "tool";
    case "system":
    case "SystemMessageChunk":
      return "system";
    default:
      return undefined;
  }
}

/**
 * Text of string or block content; non-text blocks become a short placeholder, except images when
 * `withoutImages` (the panel shows those as images).
 */
export function textOf(content: unknown, withoutImages = false): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return content == null ? "" : JSON.stringify(content);
  return content
    .map((part) => {
      if (typeof part === "string") return part;
      if (part && typeof part === "object") {
        const block = part as { type?: unknown; text?: unknown };
        if (typeof block.text === "string") return block.text;
        if (block.type === "tool_use" || block.type === "tool_call" || block.type === "input_json_delta") return "";
        if (withoutImages && isImageBlock(block)) return "";
        return `[${typeof block.type === "string" ? block.type : "content"}]`;
      }
      return "";
    })
    .join("");
}

export function argsText(args: unknown): string {
  if (typeof args === "string") return args;
  try {
    return JSON.stringify(args ?? {}, null, 2);
  } catch {
    return String(args);
  }
}

function isWireMessage(value: unknown): value is WireMessage {
  return typeof value === "object" && value !== null && roleOf(value) !== undefined;
}

export function messagesOfValues(values: unknown): WireMessage[] {
  const messages = (values as { messages?: unknown } | null)?.messages;
  return Array.isArray(messages) ? messages.filter(isWireMessage) : [];
}

/** A non-empty string from untrusted data (stream metadata, thread metadata), else undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

/**
 * A stream event's mode and, for events from inside a subgraph (`streamSubgraphs`), its namespace:
 * `messages|researcher:1a2b` -> `{ mode: "messages", namespace: "researcher:1a2b" }`.
 */
export function splitStreamEvent(event: string): { mode: string; namespace?: string } {
  const bar = event.indexOf("|");
  return bar < 0 ? { mode: event } : { mode: event.slice(0, bar), namespace: event.slice(bar + 1) || undefined };
}
