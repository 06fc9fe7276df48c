/**
 * A panel against what the server has for its thread: the read a panel opens with, and settling its
 * messages once nothing streams (the server's ids, order and final content replace what was guessed
 * from the stream, while what only the panel knows — authors, runs, a stopped run's partial reply — stays).
 */
import type { DeploymentGateway } from "../deployment/gateway";
import type { ThreadCheckpoint, ThreadSummary } from "../deployment/types";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { AssistantOption, ChatMessageView, HostToWebview } from "../protocol/chatProtocol";
import { messagesOfValues, stringOf } from "../common/wireMessages";
import { titleOf } from "../common/threadText";
import { pendingInterrupt } from "./interrupts";
import type { ChatPanelState } from "./chatPanelState";
import { toMessageViews } from "./messageViews";
import { withUiCards } from "./uiMessages";
import type { ThreadModel } from "./threadModel";

/** The assistants, the thread's summary and its state, fetched together (one round trip). */
export async function readThread(
  gateway: DeploymentGateway,
  assistants: AssistantDirectory,
  threadId: string | undefined,
): Promise<{ options: AssistantOption[]; thread?: ThreadSummary; state?: ThreadCheckpoint }> {
  const requests = [
    assistants.options(),
    threadId ? gateway.getThread(threadId) : Promise.resolve(undefined),
    threadId ? gateway.getState(threadId) : Promise.resolve(undefined),
  ] as const;
  // A failure is reported once every request has ended (retries included): a Retry must not join a
  // request of this failed load, such as the assistant list it shares with other panels.
  await Promise.allSettled(requests);
  const [options, thread, state] = await Promise.all(requests);
  return { options, thread, state };
}

/**
 * Once nothing streams: the panel's messages, header and pending interrupt brought to what the server
 * has for the thread (re-read together, one round trip).
 */
export async function settleWithServer(gateway: DeploymentGateway, model: ThreadModel, view: ChatPanelState, threadId: string, stoppedRunId: string | undefined): Promise<void> {
  const [thread, state] = await Promise.all([gateway.getThread(threadId), gateway.getState(threadId)]);
  const { updates, reset } = reconcileMessages(model, state.values, stoppedRunId);
  for (const update of updates) view.post(update);
  if (reset) view.post(view.snapshot());
  view.updateHeader({ status: thread?.status, title: titleOf(thread?.metadata) ?? view.header.title });
  view.setInterrupt(pendingInterrupt(state, stringOf(thread?.metadata?.assistant_id)));
  view.interruptAt = state.checkpoint?.checkpoint_id ?? undefined;
}

/**
 * Brings `model` to the thread's `values`. Returns the deltas to post, or `reset` when the order changed
 * and the panel needs a whole snapshot.
 */
function reconcileMessages(model: ThreadModel, values: unknown, stoppedRunId: string | undefined): { updates: HostToWebview[]; reset: boolean } {
  // A stopped run's partial reply is not saved by the server; it stays on screen until the panel reloads,
  // and so do what only the stream showed (status lines, a non-chat graph's node updates).
  const kept = new Set(model.messages.filter((m) => localOnly(m) || (stoppedRunId !== undefined && m.role === "ai" && m.runId === stoppedRunId)).map((m) => m.id));
  const known = new Map(model.messages.map((m) => [m.id, m]));
  const messageViews = toMessageViews(messagesOfValues(values), (id) => {
    const existing = known.get(id);
    return { author: existing?.author, runId: existing?.runId, subgraph: existing?.subgraph };
  });
  const serverViews = withUiCards(messageViews, values).map((view) => (view.ui ? { ...view, runId: known.get(view.id)?.runId } : view));
  const views = mergeKept(model.messages, serverViews, kept);
  const sameOrder = views.length === model.messages.length && views.every((v, i) => v.id === model.messages[i].id);
  if (!sameOrder) {
    model.reset(views);
    return { updates: [], reset: true };
  }
  const updates: HostToWebview[] = [];
  for (const view of views) if (!kept.has(view.id) && !sameView(view, known.get(view.id))) updates.push(model.upsert(view));
  return { updates, reset: false };
}

const localOnly = (m: ChatMessageView) => m.status === true || m.update !== undefined;

/** The server's messages, with each kept local view back after the message it followed on screen. */
function mergeKept(shown: readonly ChatMessageView[], server: ChatMessageView[], kept: ReadonlySet<string>): ChatMessageView[] {
  const serverIds = new Set(server.map((v) => v.id));
  const merged: ChatMessageView[] = [];
  let next = 0;
  for (const message of shown) {
    if (serverIds.has(message.id)) {
      while (next < server.length) {
        const view = server[next++];
        merged.push(view);
        if (view.id === message.id) break;
      }
    } else if (kept.has(message.id)) {
      merged.push(message);
    }
  }
  while (next < server.length) merged.push(server[next++]);
  return merged;
}

function sameView(a: ChatMessageView, b: ChatMessageView | undefined): boolean {
  if (!b) return false;
  return (
    a.content === b.content &&
    !b.pending &&
    a.agent === b.agent &&
    JSON.stringify(a.images ?? []) === JSON.stringify(b.images ?? []) &&
    a.toolCalls.length === b.toolCalls.length &&
    a.toolCalls.every((c, i) => c.id === b.toolCalls[i]?.id && c.result?.content === b.toolCalls[i]?.result?.content && sameJson(c.args, b.toolCalls[i]?.args))
  );
}

function sameJson(a: string, b: string | undefined): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b ?? ""));
  } catch {
    return false;
  }
}
