/**
 * What a run of a graph that is not a chat shows: each node's state update as a card (live from the
 * `updates` stream, after a reload from checkpoint history), and custom events (`config.writer`) as
 * status lines for any graph. Both are views of role `system`; nothing here is the thread's state.
 */
import type { ChatMessageView } from "../protocol/chatProtocol";
import type { ThreadCheckpoint } from "../deployment/types";
import type { DeploymentGateway } from "../deployment/gateway";
import { argsText, splitStreamEvent } from "../common/wireMessages";
import { isUiEvent, readUiMessage, uiCardView } from "./uiMessages";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The cards of one `updates` event: one per node that wrote (interrupts and internal keys aside). */
function nodeUpdateViews(data: unknown, idPrefix: string): ChatMessageView[] {
  if (!isRecord(data)) return [];
  return Object.entries(data)
    .filter(([node]) => !(node.startsWith("__") && node.endsWith("__")))
    .map(([node, update]) => ({
      id: `${idPrefix}:${node}`,
      role: "system" as const,
      content: "",
      toolCalls: [],
      update: { node, keys: isRecord(update) ? Object.keys(update) : [], json: argsText(update) },
    }));
}

/** Checkpoints read to show a non-chat thread's node updates when it opens. */
const NODE_UPDATE_HISTORY = 50;

/** A chat's state has `messages`; a thread with no state yet is taken for one too. */
export function isChatState(values: unknown): boolean {
  if (!isRecord(values)) return true;
  return Object.keys(values).length === 0 || Array.isArray(values.messages);
}

/** A thread whose state is not a chat: the nodes' updates of its last checkpoints, oldest first. */
async function readNodeUpdates(gateway: Pick<DeploymentGateway, "getHistory">, threadId: string): Promise<ChatMessageView[]> {
  return nodeUpdatesFromHistory(await gateway.getHistory(threadId, { limit: NODE_UPDATE_HISTORY }));
}

/**
 * What a non-chat panel shows once its node updates are read (after its first snapshot): those cards
 * first, then whatever a run streamed into the panel meanwhile.
 */
export async function withNodeUpdates(gateway: Pick<DeploymentGateway, "getHistory">, threadId: string, shown: readonly ChatMessageView[]): Promise<ChatMessageView[]> {
  const cards = await readNodeUpdates(gateway, threadId);
  const read = new Set(cards.map((card) => card.id));
  return [...cards, ...shown.filter((view) => !read.has(view.id))];
}

/** The nodes' updates of a thread, oldest first, from its history (newest first, as the server returns it). */
function nodeUpdatesFromHistory(history: readonly ThreadCheckpoint[]): ChatMessageView[] {
  const views: ChatMessageView[] = [];
  for (const entry of [...history].reverse()) {
    const id = entry.checkpoint?.checkpoint_id ?? String(views.length);
    for (const task of entry.tasks) {
      if (!task.name || task.name === "__start__" || task.result === undefined || task.result === null) continue;
      views.push(...nodeUpdateViews({ [task.name]: task.result }, `${id}:${task.id ?? ""}`));
    }
  }
  return views;
}

/** A custom event as a one-line status: its text, or its fields in short. */
function statusView(data: unknown, id: string, runId: string | undefined): ChatMessageView {
  return { id, role: "system", content: statusText(data), toolCalls: [], status: true, runId };
}

function statusText(data: unknown): string {
  if (typeof data === "string") return data;
  if (isRecord(data)) {
    const parts = Object.values(data).map((value) => (typeof value === "string" ? value : JSON.stringify(value)));
    return parts.join(" · ");
  }
  return JSON.stringify(data) ?? "";
}

/**
 * The views a stream event adds besides messages: a custom event's status line (any graph), and for a
 * graph that is not a chat (`nodeCards`), the cards of the nodes' updates. Ids come from the event's
 * id, so a rejoin that replays an event replaces its view instead of adding another.
 */
export function runEventViews(part: { event: string; data: unknown; id?: string }, runId: string | undefined, nodeCards: boolean, sequence: number): ChatMessageView[] {
  const { mode, namespace } = splitStreamEvent(part.event);
  const id = `${runId ?? "run"}:${part.id ?? `n${sequence}`}`;
  if (mode === "custom") {
    const ui = readUiMessage(part.data);
    if (ui) return [uiCardView(ui, runId)];
    return isUiEvent(part.data) ? [] : [statusView(part.data, `${id}:status`, runId)];
  }
  if (mode === "updates" && nodeCards && !namespace) return nodeUpdateViews(part.data, id).map((view) => ({ ...view, runId }));
  return [];
}
