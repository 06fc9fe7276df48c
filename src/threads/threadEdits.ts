/**
 * The Threads view's commands that change or look up threads (rename, delete, fork, open by id, filter),
 * with the state inspector's: a bundle of its own (see esbuild.mjs), loaded by threadCommands.ts on first use.
 */
import * as vscode from "vscode";
import { THREAD_STATUSES, type ThreadStatus } from "../deployment/types";
import type { LoadedParts } from "../panels/lazyParts";
import { deleteThread, findThreadById, forkThread, renameThread, type ThreadActionDeps, type ThreadActionResult } from "./threadActions";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { ThreadStore } from "../state/threadStore";
import type { ThreadNode } from "./threadTreeItems";
import type { ThreadTreeProvider } from "./threadTreeProvider";

export { stateCommandParts } from "./stateCommands";

/** What the thread commands need; extension.ts passes the real parts. */
export interface ThreadCommandDeps {
  threads: ThreadTreeProvider;
  threadView: vscode.TreeView<ThreadNode>;
  store: ThreadStore;
  connection: Pick<DeploymentConnection, "gateway" | "describe" | "url">;
  assistants: Pick<AssistantDirectory, "list">;
  /** Opens (or reveals) a thread's chat panel; without an id, a new thread. */
  openChat(threadId?: string, options?: { title?: string }): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validateThreadId(value: string): string | undefined {
  return UUID.test(value.trim()) ? undefined : vscode.l10n.t("A thread id looks like 1ef8c0a2-3b4d-4e5f-8a9b-0c1d2e3f4a5b.");
}

export function threadEditParts(deps: ThreadCommandDeps, selected: (node?: ThreadNode) => string | undefined, titleOfThread: (threadId: string) => string | undefined): LoadedParts {
  const { threads, store, connection } = deps;
  const actions = (): ThreadActionDeps => ({
    gateway: connection.gateway,
    store,
    describe: (error, context) => connection.describe(error, context),
    url: connection.url,
  });
  const report = <T>(result: ThreadActionResult<T>): T | undefined => {
    for (const error of result.errors) void vscode.window.showErrorMessage(error);
    return result.value;
  };

  const rename = async (node?: ThreadNode) => {
    const threadId = selected(node);
    if (!threadId) return;
    const title = await vscode.window.showInputBox({
      title: vscode.l10n.t("Rename Thread"),
      value: titleOfThread(threadId) ?? "",
      validateInput: (v) =>
        v.trim() ? (v.length > 200 ? vscode.l10n.t("Keep the title under 200 characters.") : undefined) : vscode.l10n.t("The title cannot be empty."),
    });
    if (title) report(await renameThread(actions(), threadId, title.trim()));
  };

  const remove = async (node?: ThreadNode) => {
    const threadId = selected(node);
    if (!threadId) return;
    const label = titleOfThread(threadId) ?? threadId;
    const confirm = vscode.l10n.t("Delete");
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t("Delete thread “{0}”?", label),
      { modal: true, detail: vscode.l10n.t("Its messages and checkpoints are deleted on the server. This cannot be undone.") },
      confirm,
    );
    if (choice === confirm) report(await deleteThread(actions(), threadId));
  };

  const fork = async (node?: ThreadNode) => {
    const threadId = selected(node);
    if (!threadId) return;
    const title = `${titleOfThread(threadId) ?? threadId.slice(0, 8)} (fork)`;
    const copy = report(await forkThread(actions(), threadId, title));
    if (copy) deps.openChat(copy.thread_id, { title });
  };

  const openById = async () => {
    const value = await vscode.window.showInputBox({ title: vscode.l10n.t("Open Thread by ID"), placeHolder: vscode.l10n.t("thread id"), validateInput: validateThreadId });
    if (!value) return;
    const target = report(await findThreadById(actions(), value.trim()));
    if (target) deps.openChat(target.threadId, { title: target.title });
  };

  const filter = async () => {
    const current = threads.model.filter;
    const pick = await vscode.window.showQuickPick(
      [
        { label: `$(search) ${vscode.l10n.t("Text in title or id…")}`, id: "text" },
        { label: `$(circle-filled) ${vscode.l10n.t("Status…")}`, id: "status" },
        { label: `$(type-hierarchy) ${vscode.l10n.t("Graph…")}`, id: "graph" },
        { label: `$(person) ${vscode.l10n.t("Last assistant…")}`, id: "assistant" },
      ],
      { title: vscode.l10n.t("Filter Threads") },
    );
    if (!pick) return;
    if (pick.id === "text") {
      const text = await vscode.window.showInputBox({ title: vscode.l10n.t("Filter threads by text"), value: current.text ?? "" });
      if (text !== undefined) threads.setFilter({ ...current, text: text.trim() || undefined });
    } else if (pick.id === "status") {
      const statuses: (ThreadStatus | "any")[] = ["any", ...THREAD_STATUSES];
      const status = await vscode.window.showQuickPick(statuses, { title: vscode.l10n.t("Filter threads by status") });
      if (status) threads.setFilter({ ...current, status: status === "any" ? undefined : (status as ThreadStatus) });
    } else {
      const all = await deps.assistants.list().catch(() => []);
      if (pick.id === "graph") {
        const graphs = [...new Set(all.map((a) => a.graph_id))];
        const graph = await vscode.window.showQuickPick(graphs, { title: vscode.l10n.t("Filter threads by graph") });
        if (graph) threads.setFilter({ ...current, graphId: graph });
      } else {
        const chosen = await vscode.window.showQuickPick(
          all.map((a) => ({ label: a.name, description: a.graph_id, id: a.assistant_id })),
          { title: vscode.l10n.t("Filter threads by the last assistant that ran") },
        );
        if (chosen) threads.setFilter({ ...current, assistantId: chosen.id });
      }
    }
  };

  return {
    commands: {
      "langgraph.threads.rename": rename,
      "langgraph.threads.delete": remove,
      "langgraph.threads.fork": fork,
      "langgraph.threads.openById": openById,
      "langgraph.threads.filter": filter,
    },
  };
}
