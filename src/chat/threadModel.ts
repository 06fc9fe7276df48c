/**
 * The host's copy of what one chat panel shows. Every change returns the protocol message that tells
 * the webview about it, so the model and the panel cannot drift apart.
 */
import type { AssistantRef, ChatMessageView, HostToWebview, ToolCallDelta, ToolResultView } from "../protocol/chatProtocol";

const MAX_TOOL_CALLS = 1000;

export class ThreadModel {
  private list: ChatMessageView[] = [];
  private readonly byId = new Map<string, ChatMessageView>();
  private readonly callOwner = new Map<string, ChatMessageView>();

  get messages(): readonly ChatMessageView[] {
    return this.list;
  }

  get(id: string): ChatMessageView | undefined {
    return this.byId.get(id);
  }

  hasToolCall(toolCallId: string): boolean {
    return this.callOwner.has(toolCallId);
  }

  reset(messages: ChatMessageView[]): void {
    this.list = [];
    this.byId.clear();
    this.callOwner.clear();
    for (const message of messages) this.insert(message);
  }

  upsert(message: ChatMessageView): HostToWebview {
    const existing = this.byId.get(message.id);
    if (existing) {
      Object.assign(existing, message);
      this.indexCalls(existing);
      return { type: "messageUpsert", message: existing };
    }
    this.insert(message);
    return { type: "messageUpsert", message };
  }

  remove(id: string): HostToWebview | undefined {
    const message = this.byId.get(id);
    if (!message) return undefined;
    this.byId.delete(id);
    this.list = this.list.filter((m) => m !== message);
    for (const call of message.toolCalls) this.callOwner.delete(call.id);
    return { type: "messageRemove", id };
  }

  appendDelta(id: string, textDelta: string, toolCalls?: ToolCallDelta[]): HostToWebview | undefined {
    const message = this.byId.get(id);
    if (!message) return undefined;
    message.content += textDelta;
    for (const delta of toolCalls ?? []) {
      // An index is untrusted stream data: a huge one would allocate that many empty calls.
      if (!Number.isInteger(delta.index) || delta.index < 0 || delta.index >= MAX_TOOL_CALLS) continue;
      let call = message.toolCalls[delta.index];
      if (!call) {
        call = { id: delta.id ?? `${id}-call-${delta.index}`, name: delta.name ?? "tool", args: "" };
        message.toolCalls[delta.index] = call;
      }
      if (delta.id) call.id = delta.id;
      if (delta.name) call.name = delta.name;
      call.args += delta.argsDelta;
    }
    this.indexCalls(message);
    return { type: "messageDelta", id, textDelta, toolCalls };
  }

  toolResult(toolCallId: string, result: ToolResultView): HostToWebview | undefined {
    const owner = this.callOwner.get(toolCallId);
    const call = owner?.toolCalls.find((c) => c.id === toolCallId);
    if (!call) return undefined;
    call.result = result;
    return { type: "toolResult", toolCallId, result };
  }

  setAuthors(authors: Map<string, AssistantRef>): HostToWebview | undefined {
    const changed: Record<string, AssistantRef> = {};
    for (const [id, author] of authors) {
      const message = this.byId.get(id);
      if (!message || message.role !== "ai") continue;
      if (message.author?.id === author.id && message.author.name === author.name) continue;
      message.author = author;
      changed[id] = author;
    }
    return Object.keys(changed).length ? { type: "attribution", authors: changed } : undefined;
  }

  /** Sets the subgraph of messages shown without one (history read after the thread loaded). */
  setSubgraphs(subgraphs: ReadonlyMap<string, string>): HostToWebview | undefined {
    const changed: Record<string, string> = {};
    for (const [id, namespace] of subgraphs) {
      const message = this.byId.get(id);
      if (!message || message.subgraph === namespace) continue;
      message.subgraph = namespace;
      changed[id] = namespace;
    }
    return Object.keys(changed).length ? { type: "subgraphs", subgraphs: changed } : undefined;
  }

  private insert(message: ChatMessageView): void {
    this.list.push(message);
    this.byId.set(message.id, message);
    this.indexCalls(message);
  }

  private indexCalls(message: ChatMessageView): void {
    for (const call of message.toolCalls) if (call) this.callOwner.set(call.id, message);
  }
}
