/**
 * Export and import of a thread, free of `vscode`. Export reads the whole history (page by page) and
 * turns one line of it (the one that leads to the head, or to a chosen checkpoint) into supersteps: an input checkpoint is replayed as `__input__`
 * with the input it received, any other as what its parent's finished tasks wrote. Import refuses a
 * file whose graph or nodes the deployment lacks before creating anything, creates the thread in one
 * request (the gateway removes a thread the server failed to finish), and compares the result.
 */
import * as l10n from "@vscode/l10n";
import type { DeploymentGateway } from "../deployment/gateway";
import type { Superstep, ThreadCheckpoint } from "../deployment/types";
import { CheckpointGoneError } from "../deployment/errorMapping";
import { buildTimeline, type CheckpointRow } from "./checkpointLines";
import { changedKeys } from "./stateDiff";
import { THREAD_FILE_FORMAT, type ThreadFile } from "./threadFile";

type Gateway = Pick<DeploymentGateway, "getHistory" | "getThread" | "searchAssistants" | "assistantGraph" | "importThread" | "getState">;

const PAGE = 100;

const finished = (task: ThreadCheckpoint["tasks"][number]) => task.result !== undefined && task.result !== null && !!task.name;

interface Message {
  id?: unknown;
  type?: unknown;
  content?: unknown;
}

const messagesOf = (values: unknown): Message[] => {
  const messages = (values as { messages?: unknown } | null)?.messages;
  return Array.isArray(messages) ? (messages as Message[]) : [];
};

/**
 * A node's write with its messages as they were stored: a write may leave ids out (the reducer assigns
 * them) or hold a streamed chunk's extra fields, and the copy must store the same messages.
 */
function withMessageIds(values: unknown, before: unknown, after: unknown, unused: Set<Message>): unknown {
  const written = messagesOf(values);
  if (!written.length) return values;
  const known = new Set(messagesOf(before).map((m) => m.id));
  if (!unused.size) for (const m of messagesOf(after)) if (!known.has(m.id)) unused.add(m);
  const stored = new Map(messagesOf(after).map((m) => [m.id, m]));
  const messages = written.map((message) => {
    if (typeof message !== "object" || message === null) return message;
    if (typeof message.id === "string") return stored.get(message.id) ?? message;
    const match = [...unused].find((m) => m.type === message.type && JSON.stringify(m.content) === JSON.stringify(message.content));
    if (!match) return message;
    unused.delete(match);
    return match;
  });
  return { ...(values as object), messages };
}

/** The supersteps that rebuild `line` (oldest first). */
function toSupersteps(line: readonly ThreadCheckpoint[]): Superstep[] {
  const steps: Superstep[] = [];
  line.forEach((entry, index) => {
    const parent = index > 0 ? line[index - 1] : undefined;
    if (entry.metadata.source === "input") {
      // The input's messages get their ids in the next checkpoint, once `__start__` wrote them.
      const input = entry.tasks.find((task) => task.name === "__start__")?.result;
      steps.push({ updates: [{ as_node: "__input__", values: withMessageIds(input ?? {}, entry.values, line[index + 1]?.values, new Set()) }] });
      return;
    }
    const written = parent?.tasks.filter(finished) ?? [];
    if (entry.metadata.source === "loop" && written.length) {
      const unused = new Set<Message>();
      steps.push({ updates: written.map((task) => ({ as_node: task.name as string, values: withMessageIds(task.result, parent?.values, entry.values, unused) })) });
      return;
    }
    // An edit (or a fork): its whole state, written as the node before it so the same node runs next.
    const previous = steps.at(-1)?.updates.at(-1)?.as_node;
    if (previous) steps.push({ updates: [{ as_node: previous === "__input__" ? "__start__" : previous, values: entry.values }] });
  });
  return steps;
}

/** Every checkpoint of the thread, newest first, read a page at a time. */
export async function readHistory(gateway: Pick<Gateway, "getHistory">, threadId: string): Promise<ThreadCheckpoint[]> {
  const entries: ThreadCheckpoint[] = [];
  for (let page: ThreadCheckpoint[] = []; entries.length === 0 || page.length === PAGE; ) {
    page = await gateway.getHistory(threadId, { limit: PAGE, before: entries.at(-1)?.checkpoint?.checkpoint_id ?? undefined });
    entries.push(...page);
    if (!page.length) break;
  }
  return entries;
}

/** The newest checkpoint of each line of the history: the head line's first, then every branch's. */
export function lineTips(entries: readonly ThreadCheckpoint[]): CheckpointRow[] {
  const { head, forks, detached } = buildTimeline(entries);
  return [head, ...[...forks.values()].flat(), ...detached].map((line) => line[0]).filter((row): row is CheckpointRow => !!row);
}

export interface ExportOptions {
  /** Where the thread was read, kept in the file. */
  sourceUrl?: string;
  /** The last checkpoint of the line to export (a branch's tip, or any checkpoint); default: the thread's head. */
  checkpointId?: string;
  /** The thread's history when already read (`readHistory`). */
  history?: readonly ThreadCheckpoint[];
}

/** Builds the thread's file: the line that leads to the head, or to `checkpointId`, as supersteps. */
export async function exportThread(gateway: Gateway, threadId: string, options: ExportOptions = {}): Promise<ThreadFile> {
  const entries = options.history ?? (await readHistory(gateway, threadId));
  if (!entries.length) throw new Error(l10n.t("The thread has no checkpoints to export."));
  const byId = new Map(entries.map((e) => [e.checkpoint?.checkpoint_id, e]));
  const tipId = options.checkpointId ?? buildTimeline(entries).head[0]?.id;
  const head = tipId ? byId.get(tipId) : undefined;
  if (!head) throw new CheckpointGoneError(threadId, tipId ?? "");
  const line: ThreadCheckpoint[] = [];
  for (let entry: ThreadCheckpoint | undefined = head; entry; entry = byId.get(entry.parent_checkpoint?.checkpoint_id)) line.push(entry);
  line.reverse();
  const thread = await gateway.getThread(threadId);
  const graphId = head.metadata.graph_id ?? thread?.metadata.graph_id ?? line.find((e) => typeof e.metadata.graph_id === "string")?.metadata.graph_id;
  if (typeof graphId !== "string") throw new Error(l10n.t("The thread's graph is not known: it has never run."));
  return {
    format: THREAD_FILE_FORMAT,
    version: 1,
    graph_id: graphId,
    metadata: thread?.metadata ?? {},
    source: { url: options.sourceUrl, thread_id: threadId, ...(options.checkpointId ? { checkpoint_id: options.checkpointId } : {}) },
    exported_at: new Date().toISOString(),
    supersteps: toSupersteps(line),
    head: {
      values: head.values,
      next: head.next,
      interrupts: head.tasks.flatMap((task) => task.interrupts.map((i) => ({ node: task.name ?? "", value: i.value }))),
    },
  };
}

export interface ImportResult {
  threadId: string;
  /** State keys whose value differs from the exported head (none when the import reproduced it). */
  differs: string[];
}

/** Creates the thread the file describes; refuses (creating nothing) when the deployment cannot hold it. */
export async function importThread(gateway: Gateway, file: ThreadFile): Promise<ImportResult> {
  const [assistant] = await gateway.searchAssistants({ limit: 1, graphId: file.graph_id });
  if (!assistant) throw new Error(l10n.t("This deployment has no graph \"{0}\", which the thread ran on.", file.graph_id));
  const graph = await gateway.assistantGraph(assistant.assistant_id, false);
  const nodes = new Set(["__input__", "__start__", ...(graph.nodes ?? []).map((n) => String(n.id))]);
  const unknown = [...new Set(file.supersteps.flatMap((s) => s.updates.map((u) => u.as_node)).filter((node) => !nodes.has(node)))];
  if (unknown.length) throw new Error(l10n.t("Graph \"{0}\" on this deployment has no node {1} that the thread's history names.", file.graph_id, unknown.map((n) => `"${n}"`).join(", ")));
  const metadata = { ...file.metadata, imported_from: file.source?.thread_id ?? null };
  const thread = await gateway.importThread(file.graph_id, file.supersteps, metadata);
  const state = await gateway.getState(thread.thread_id);
  return { threadId: thread.thread_id, differs: changedKeys(file.head.values, state.values) };
}
