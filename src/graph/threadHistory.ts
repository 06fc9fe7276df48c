/**
 * What a thread's checkpoint history says about its graph: the update a node last wrote, and the path
 * the last run took. Servers tell it two ways, both read here: a checkpoint's `metadata.writes`
 * (`{ node: update }` of the step that made it) and its `tasks` (the next step's tasks, with each
 * task's `result`, `error` and `interrupts` once attempted). Pure: history in, views out.
 */
import * as l10n from "@vscode/l10n";
import { END, XRAY_SEPARATOR, type NodeStateView, type PathEntryStatus, type PathEntryView, type RunPathView, type RunStatus } from "../protocol/graphProtocol";


/** The parts of a `ThreadState` read here (the SDK's type, loosened: servers differ). */
export interface HistoryState {
  next?: string[];
  checkpoint?: { checkpoint_id?: string | null } | null;
  metadata?: Record<string, unknown> | null;
  tasks?: HistoryTask[] | null;
}

export interface HistoryTask {
  name?: string;
  result?: unknown;
  error?: string | null;
  interrupts?: unknown[] | null;
}

/** Pretty JSON beyond this many characters is cut, so a huge state cannot stall the panel. */
export const MAX_JSON_CHARS = 200_000;

/**
 * The newest update `node` wrote, newest checkpoint first (history comes newest first). A node still
 * waiting on an interrupt, or one that failed, is reported as such.
 */
export function nodeStateFromHistory(history: readonly HistoryState[], node: string, threadId?: string): NodeStateView {
  const top = node.split(XRAY_SEPARATOR)[0] || node;
  const base = { node, ...(threadId ? { threadId } : {}) };
  const nested = top !== node ? l10n.t(" (the update of its subgraph node)") : "";
  for (const state of history) {
    const step = numberOf(state.metadata?.step);
    const where = {
      ...(state.checkpoint?.checkpoint_id ? { checkpointId: state.checkpoint.checkpoint_id } : {}),
      ...(typeof state.metadata?.run_id === "string" ? { runId: state.metadata.run_id } : {}),
    };
    // Tasks belong to the step after this checkpoint: newer than its own writes.
    const task = findLast(state.tasks ?? [], (t) => t?.name === top && attempted(t));
    if (task) {
      const taskStep = step === undefined ? undefined : step + 1;
      const view: NodeStateView = { ...base, status: "found", ...where, ...(taskStep !== undefined ? { step: taskStep } : {}) };
      if (task.result !== undefined && task.result !== null) view.json = prettyJson(task.result);
      if (task.error) view.error = String(task.error);
      if (task.interrupts?.length) view.interruptsJson = prettyJson(task.interrupts);
      if (view.json === undefined) {
        view.message = task.error ? l10n.t("{0} failed before writing an update.", node) : l10n.t("{0} is waiting on an interrupt and has not written an update yet.", node);
      } else if (nested) {
        view.message = `${node}${nested}`;
      }
      return view;
    }
    const writes = state.metadata?.writes;
    if (typeof writes === "object" && writes !== null && Object.prototype.hasOwnProperty.call(writes, top)) {
      const update = (writes as Record<string, unknown>)[top];
      return {
        ...base,
        status: "found",
        ...where,
        ...(step !== undefined ? { step } : {}),
        json: prettyJson(update),
        ...(nested ? { message: `${node}${nested}` } : {}),
      };
    }
  }
  const message =
    node === END
      ? l10n.t("The end node writes nothing: the state the run ended with is the last update of the nodes before it.")
      : history.length
        ? l10n.t("{0} has not written anything on this thread yet.", node)
        : l10n.t("This thread has no checkpoints yet.");
  return { ...base, status: "notFound", message };
}

/**
 * The path of the thread's last run, from its checkpoints: each step's tasks (or writes) in step order.
 * Used when the panel opens on a thread whose run is not being watched live.
 */
export function pathFromHistory(history: readonly HistoryState[], threadId?: string): RunPathView {
  const newest = history[0];
  const runId = typeof newest?.metadata?.run_id === "string" ? newest.metadata.run_id : undefined;
  let count = 1;
  while (runId && count < history.length && history[count].metadata?.run_id === runId) count++;
  const ofRun = history.slice(0, count);
  // A resumed run first finishes the tasks of the checkpoint it resumed from (an earlier run's).
  const resumedFrom = runId ? history[count] : undefined;
  const entries = new Map<string, PathEntryView>();
  const add = (node: string, step: number, status: PathEntryStatus) => {
    if (node.startsWith("__") && node.endsWith("__")) return;
    const key = `${step}\u0000${node}`;
    const existing = entries.get(key);
    // A task's outcome says more than a write: it carries errors and interrupts.
    if (!existing || existing.status === "done") entries.set(key, { node, step, status });
  };
  for (const state of ofRun) {
    const step = numberOf(state.metadata?.step);
    if (step === undefined) continue;
    const writes = state.metadata?.writes;
    if (step >= 0 && typeof writes === "object" && writes !== null) {
      for (const node of Object.keys(writes)) add(node, step, "done");
    }
    for (const task of state.tasks ?? []) {
      if (!task?.name || !attempted(task)) continue;
      const status: PathEntryStatus = task.error ? "error" : task.interrupts?.length && (task.result === undefined || task.result === null) ? "interrupted" : "done";
      add(task.name, step + 1, status);
    }
  }
  const resumedStep = numberOf(resumedFrom?.metadata?.step);
  if (resumedFrom && resumedStep !== undefined) {
    for (const task of resumedFrom.tasks ?? []) {
      if (task?.name && task.result !== undefined && task.result !== null) add(task.name, resumedStep + 1, "done");
    }
  }
  const path = [...entries.values()].sort((a, b) => (a.step ?? 0) - (b.step ?? 0));
  const status: RunStatus = !path.length
    ? "idle"
    : path.some((e) => e.status === "error")
      ? "error"
      : path.some((e) => e.status === "interrupted")
        ? "interrupted"
        : "done";
  return { status, ...(threadId ? { threadId } : {}), ...(runId ? { runId } : {}), current: [], path };
}

function attempted(task: HistoryTask): boolean {
  return (task.result !== undefined && task.result !== null) || !!task.error || !!task.interrupts?.length;
}

export function prettyJson(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length <= MAX_JSON_CHARS ? text : l10n.t("{0}\n… ({1} more characters not shown)", text.slice(0, MAX_JSON_CHARS), text.length - MAX_JSON_CHARS);
}

function numberOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return items[i];
  return undefined;
}
