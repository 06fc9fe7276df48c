/**
 * The message list's model of one message: a defensive copy of what the host sent (the host's messages
 * are untrusted shapes until checked), and the merging of streamed tool-call deltas and tool results.
 */
import type { BranchPosition, ChatMessageView, ToolCallDelta, ToolCallView, ToolResultView } from "../protocol/chatProtocol";

/** Tool calls one message may have: a streamed index beyond it is dropped instead of filling the gap. */
const MAX_TOOL_CALLS = 1000;

export function copyMessage(message: ChatMessageView): ChatMessageView {
  const copy: ChatMessageView = {
    ...message,
    content: typeof message.content === "string" ? message.content : "",
    toolCalls: Array.isArray(message.toolCalls) ? message.toolCalls.map((call) => ({ ...call })) : [],
  };
  const branch = validBranch(message.branch);
  if (branch) copy.branch = branch;
  else delete copy.branch;
  if (typeof copy.subgraph !== "string" || !copy.subgraph) delete copy.subgraph;
  if (typeof copy.agent !== "string") delete copy.agent;
  return copy;
}

/** A position worth a switcher: whole numbers, in range, with at least one sibling. */
export function validBranch(value: unknown): BranchPosition | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { index, count } = value as Partial<BranchPosition>;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count)) return undefined;
  if (count! < 2 || index! < 0 || index! >= count!) return undefined;
  return { index: index!, count: count! };
}

/**
 * Tool results that arrived before their call (a result can overtake the streamed call it answers):
 * kept until a call with their id appears.
 */
export class OrphanResults {
  private readonly results = new Map<string, ToolResultView>();

  add(toolCallId: string, result: ToolResultView): void {
    this.results.set(toolCallId, { ...result });
  }

  clear(): void {
    this.results.clear();
  }

  /** Gives every call of `message` without a result the one waiting for it. */
  claimFor(message: ChatMessageView): void {
    if (this.results.size === 0) return;
    for (const call of message.toolCalls) this.claimForCall(call);
  }

  claimForCall(call: ToolCallView): void {
    const result = this.results.get(call.id);
    if (result && !call.result) {
      call.result = result;
      this.results.delete(call.id);
    }
  }
}

/**
 * Merges one streamed tool-call delta into `message`; returns the index of the call it changed, or
 * undefined for a delta with an index out of range (dropped).
 */
export function applyToolCallDelta(message: ChatMessageView, delta: ToolCallDelta, orphans: OrphanResults): number | undefined {
  if (!Number.isInteger(delta.index) || delta.index < 0 || delta.index >= MAX_TOOL_CALLS) return undefined;
  while (message.toolCalls.length <= delta.index) message.toolCalls.push({ id: "", name: "", args: "" });
  const call = message.toolCalls[delta.index];
  if (delta.id) call.id = delta.id;
  if (delta.name) call.name = delta.name;
  call.args += delta.argsDelta ?? "";
  if (call.id) orphans.claimForCall(call);
  return delta.index;
}
