/** The Threads view's commands: open, new, rename, delete, copy id, fork, open by id, filter. */
import * as vscode from "vscode";
import type { ThreadNode } from "./threadTreeItems";
import type { ThreadTreeProvider } from "./threadTreeProvider";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { ThreadStore } from "../state/threadStore";
import { THREAD_STATUSES, type ThreadStatus } from "../deployment/types";
import { deleteThread, findThreadById, forkThread, renameThread, type ThreadActionDeps, type ThreadActionResult } from "./threadActions";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validateThreadId(value: string): string | undefined {
  return UUID.test(value.trim()) ? undefined : vscode.l10n.t("A thread id looks like 1ef8c0a2-3b4d-4e5f-8a9b-0c1d2e3f4a5b.");
}

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

export function registerThreadCommands(deps: ThreadCommandDeps): vscode.Disposable[] {
  const { threads, threadView, store, connection } = deps;
  const threadIdOf = (node?: ThreadNode) => (node?.kind === "thread" ? node.threadId : undefined);
  const selected = (node?: ThreadNode) => threadIdOf(node) ?? threadIdOf(threadView.selection[0]);
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
  const titleOfThread = (threadId: string) => {
    const thread = threads.thread(threadId);
    return thread ? threads.titleFor(thread) : store.get(threadId)?.title;
  };

  const open = (node?: ThreadNode) => {
    const threadId = selected(node);
    if (threadId) deps.openChat(threadId, { title: titleOfThread(threadId) });
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

  return [
    vscode.commands.registerCommand("langgraph.threads.open", open),
    vscode.commands.registerCommand("langgraph.threads.new", () => deps.openChat()),
    vscode.commands.registerCommand("langgraph.threads.refresh", () => threads.refresh()),
    vscode.commands.registerCommand("langgraph.threads.loadMore", () => threads.loadMore()),
    vscode.commands.registerCommand("langgraph.threads.rename", rename),
    vscode.commands.registerCommand("langgraph.threads.delete", remove),
    vscode.commands.registerCommand("langgraph.threads.copyId", async (node?: ThreadNode) => {
      const threadId = selected(node);
      if (threadId) {
        await vscode.env.clipboard.writeText(threadId);
        void vscode.window.setStatusBarMessage(vscode.l10n.t("Copied thread id {0}", threadId), 3000);
      }
    }),
    vscode.commands.registerCommand("langgraph.threads.fork", fork),
    vscode.commands.registerCommand("langgraph.threads.pin", (node?: ThreadNode) => {
      const threadId = selected(node);
      if (threadId) return threads.setPinned(threadId, true);
    }),
    vscode.commands.registerCommand("langgraph.threads.unpin", (node?: ThreadNode) => {
      const threadId = selected(node);
      if (threadId) return threads.setPinned(threadId, false);
    }),
    vscode.commands.registerCommand("langgraph.threads.openById", openById),
    vscode.commands.registerCommand("langgraph.threads.filter", filter),
    vscode.commands.registerCommand("langgraph.threads.clearFilter", () => threads.setFilter({})),
    vscode.commands.registerCommand("langgraph.threads.filterByGraph", (graphId?: string) => {
      if (typeof graphId === "string") threads.setFilter({ graphId });
      void vscode.commands.executeCommand("langgraph.threads.focus");
    }),
  ];
}
