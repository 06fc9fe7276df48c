/**
 * Applies a followed run's stream events (message chunks and their metadata) to the thread model and
 * returns what the webview must hear about them. Messages streamed from inside a subgraph keep its
 * namespace, so the panel groups them under it.
 */
import type { AssistantRef, ChatMessageView, HostToWebview, ToolCallDelta } from "../protocol/chatProtocol";
import { toMessageView } from "./messageViews";
import type { ThreadModel } from "./threadModel";
import { roleOf, splitStreamEvent, stringOf, textOf, type WireMessage } from "../common/wireMessages";

interface StreamContext {
  /** Message ids already complete in the loaded state: a replay must not append to them. */
  skip?: Set<string>;
  /**
   * Of the run being followed (from the send or the run record). It wins over the event's metadata,
   * which for a run queued behind another names the assistant of the run before it.
   */
  assistantId?: string;
  runId?: string;
  /** The namespace of the subgraph the event came from (`streamSubgraphs`), if any. */
  subgraph?: string;
  ref(assistantId: string): AssistantRef;
}

/** The run a stream follows, as far as its events concern the model. */
export interface FollowedRun {
  human?: ChatMessageView;
  skip?: Set<string>;
  assistantId?: string;
  runId?: string;
}

/**
 * One event of a followed run: its first event confirms the message that started it; message chunks
 * are applied. `shown` (the run on display) stands in for what the followed run does not know yet.
 */
export function applyRunPart(
  model: ThreadModel,
  run: FollowedRun,
  part: { event: string; data: unknown },
  shown: { assistantId?: string; runId?: string },
  ref: (assistantId: string) => AssistantRef,
): HostToWebview[] {
  const updates: HostToWebview[] = [];
  if (run.human?.pending) {
    run.human.pending = false;
    updates.push(model.upsert(run.human));
  }
  const { mode, namespace } = splitStreamEvent(part.event);
  if (mode !== "messages") return updates;
  // The run this stream follows, not the one on display: a queued run streams while another is shown.
  const context = { skip: run.skip, assistantId: run.assistantId ?? shown.assistantId, runId: run.runId ?? shown.runId, subgraph: namespace, ref };
  return updates.concat(applyMessageEvent(model, part.data, context));
}

function applyMessageEvent(model: ThreadModel, data: unknown, context: StreamContext): HostToWebview[] {
  if (!Array.isArray(data)) return [];
  const [chunk, metadata] = data as [WireMessage, Record<string, unknown> | undefined];
  const role = roleOf(chunk);
  if (!role || !chunk.id || context.skip?.has(chunk.id)) return [];
  const assistantId = context.assistantId ?? stringOf(metadata?.assistant_id);
  const runId = stringOf(metadata?.run_id) ?? context.runId;
  const updates: HostToWebview[] = [];
  const push = (update: HostToWebview | undefined) => update && updates.push(update);

  if (role === "tool" && chunk.tool_call_id && model.hasToolCall(chunk.tool_call_id)) {
    push(model.toolResult(chunk.tool_call_id, { content: textOf(chunk.content), status: chunk.status === "error" ? "error" : "success" }));
    return updates;
  }
  if (!model.get(chunk.id)) {
    const author = role === "ai" && assistantId ? context.ref(assistantId) : undefined;
    const view = toMessageView(chunk, chunk.id, { author, runId, subgraph: context.subgraph });
    // Streamed calls arrive as chunks below; the first chunk's parsed calls would be counted twice.
    if (chunk.tool_call_chunks?.length) view.toolCalls = [];
    push(model.upsert(view));
    const deltas = toolCallDeltas(chunk);
    if (deltas.length) push(model.appendDelta(chunk.id, "", deltas));
    return updates;
  }
  if (role !== "ai") return updates;
  push(model.appendDelta(chunk.id, textOf(chunk.content), toolCallDeltas(chunk)));
  return updates;
}

function toolCallDeltas(chunk: WireMessage): ToolCallDelta[] {
  return (chunk.tool_call_chunks ?? []).map((c, i) => ({
    index: typeof c.index === "number" ? c.index : i,
    id: c.id ?? undefined,
    name: c.name ?? undefined,
    argsDelta: c.args ?? "",
  }));
}

