/** The Threads view's commands: open, new, rename, delete, copy id, fork, open by id, filter. */
import * as vscode from "vscode";
import type { ExtensionParts } from "../parts";
import { titleOf } from "../common/threadText";
import type { ThreadNode } from "./threadTreeItems";
import type { DeploymentGateway } from "../deployment/gateway";
import { THREAD_STATUSES, type ThreadStatus } from "../deployment/types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateThreadId(value: string): string | undefined {
  return UUID.test(value.trim()) ? undefined : "A thread id looks like 1ef8c0a2-3b4d-4e5f-8a9b-0c1d2e3f4a5b.";
}

export function registerThreadCommands(parts: ExtensionParts, threadView: vscode.TreeView<ThreadNode>): vscode.Disposable[] {
  const { threads, chats, connection } = parts;
  const threadIdOf = (node?: ThreadNode) => (node?.kind === "thread" ? node.threadId : undefined);
  const selected = (node?: ThreadNode) => threadIdOf(node) ?? threadIdOf(threadView.selection[0]);

  const withClient = async <T>(operation: string, subject: string, action: (gateway: DeploymentGateway) => Promise<T>) => {
    try {
      return await action(connection.gateway);
    } catch (error) {
      const mapped = connection.describe(error, { operation, subject });
      void vscode.window.showErrorMessage(mapped.message);
      return undefined;
    }
  };

  const open = (node?: ThreadNode) => {
    const threadId = selected(node);
    if (!threadId) return;
    const thread = threads.model.get(threadId);
    chats.open(threadId, { title: thread ? threads.titleFor(thread) : undefined });
  };

  const rename = async (node?: ThreadNode) => {
    const threadId = selected(node);
    if (!threadId) return;
    const thread = threads.model.get(threadId);
    const title = await vscode.window.showInputBox({
      title: "Rename Thread",
      value: thread ? threads.titleFor(thread) : "",
      validateInput: (v) => (v.trim() ? (v.length > 200 ? "Keep the title under 200 characters." : undefined) : "The title cannot be empty."),
    });
    if (!title) return;
    const updated = await withClient("rename the thread", `Thread ${threadId.slice(0, 8)}`, (gateway) =>
      gateway.updateThread(threadId, { title: title.trim() }),
    );
    if (updated) threads.applyChange(threadId, { metadata: updated.metadata, updated_at: updated.updated_at, title: title.trim() });
    chats.find(threadId)?.session.applyTitle(title.trim());
  };

  const remove = async (node?: ThreadNode) => {
    const threadId = selected(node);
    if (!threadId) return;
    const thread = threads.model.get(threadId);
    const label = thread ? threads.titleFor(thread) : threadId;
    const choice = await vscode.window.showWarningMessage(`Delete thread “${label}”?`, { modal: true, detail: "Its messages and checkpoints are deleted on the server. This cannot be undone." }, "Delete");
    if (choice !== "Delete") return;
    const ok = await withClient("delete the thread", `Thread ${threadId.slice(0, 8)}`, async (gateway) => {
      await gateway.deleteThread(threadId);
      return true;
    });
    if (ok) {
      threads.removeThread(threadId);
      chats.find(threadId)?.panel.dispose();
    }
  };

  const fork = async (node?: ThreadNode) => {
    const threadId = selected(node);
    if (!threadId) return;
    const copy = await withClient("fork the thread", `Thread ${threadId.slice(0, 8)}`, (gateway) => gateway.copyThread(threadId));
    if (!copy) return;
    const source = threads.model.get(threadId);
    const title = `${source ? threads.titleFor(source) : threadId.slice(0, 8)} (fork)`;
    const updated = await withClient("name the fork", `Thread ${copy.thread_id.slice(0, 8)}`, (gateway) =>
      gateway.updateThread(copy.thread_id, { ...copy.metadata, title }),
    );
    threads.addThread({ ...copy, metadata: updated?.metadata ?? copy.metadata });
    chats.open(copy.thread_id, { title });
  };

  const openById = async () => {
    const value = await vscode.window.showInputBox({ title: "Open Thread by ID", placeHolder: "thread id", validateInput: validateThreadId });
    if (!value) return;
    const threadId = value.trim();
    const thread = await withClient("open the thread", `Thread ${threadId.slice(0, 8)}`, (gateway) => gateway.getThread(threadId));
    if (thread === undefined) void vscode.window.showErrorMessage(`Thread ${threadId} was not found on ${connection.url}.`);
    else chats.open(threadId, { title: titleOf(thread.metadata) });
  };

  const filter = async () => {
    const current = threads.model.filter;
    const pick = await vscode.window.showQuickPick(
      [
        { label: "$(search) Text in title or id…", id: "text" },
        { label: "$(circle-filled) Status…", id: "status" },
        { label: "$(type-hierarchy) Graph…", id: "graph" },
        { label: "$(person) Last assistant…", id: "assistant" },
      ],
      { title: "Filter Threads" },
    );
    if (!pick) return;
    if (pick.id === "text") {
      const text = await vscode.window.showInputBox({ title: "Filter threads by text", value: current.text ?? "" });
      if (text !== undefined) threads.setFilter({ ...current, text: text.trim() || undefined });
    } else if (pick.id === "status") {
      const statuses: (ThreadStatus | "any")[] = ["any", ...THREAD_STATUSES];
      const status = await vscode.window.showQuickPick(statuses, { title: "Filter threads by status" });
      if (status) threads.setFilter({ ...current, status: status === "any" ? undefined : (status as ThreadStatus) });
    } else {
      const all = await parts.assistants.list().catch(() => []);
      if (pick.id === "graph") {
        const graphs = [...new Set(all.map((a) => a.graph_id))];
        const graph = await vscode.window.showQuickPick(graphs, { title: "Filter threads by graph" });
        if (graph) threads.setFilter({ ...current, graphId: graph });
      } else {
        const chosen = await vscode.window.showQuickPick(
          all.map((a) => ({ label: a.name, description: a.graph_id, id: a.assistant_id })),
          { title: "Filter threads by the last assistant that ran" },
        );
        if (chosen) threads.setFilter({ ...current, assistantId: chosen.id });
      }
    }
  };

  return [
    vscode.commands.registerCommand("langgraph.threads.open", open),
    vscode.commands.registerCommand("langgraph.threads.new", () => chats.open()),
    vscode.commands.registerCommand("langgraph.threads.refresh", () => threads.refresh()),
    vscode.commands.registerCommand("langgraph.threads.loadMore", () => threads.loadMore()),
    vscode.commands.registerCommand("langgraph.threads.rename", rename),
    vscode.commands.registerCommand("langgraph.threads.delete", remove),
    vscode.commands.registerCommand("langgraph.threads.copyId", async (node?: ThreadNode) => {
      const threadId = selected(node);
      if (threadId) {
        await vscode.env.clipboard.writeText(threadId);
        void vscode.window.setStatusBarMessage(`Copied thread id ${threadId}`, 3000);
      }
    }),
    vscode.commands.registerCommand("langgraph.threads.fork", fork),
    vscode.commands.registerCommand("langgraph.threads.openById", openById),
    vscode.commands.registerCommand("langgraph.threads.filter", filter),
    vscode.commands.registerCommand("langgraph.threads.clearFilter", () => threads.setFilter({})),
    vscode.commands.registerCommand("langgraph.threads.filterByGraph", (graphId?: string) => {
      if (typeof graphId === "string") threads.setFilter({ graphId });
      void vscode.commands.executeCommand("langgraph.threads.focus");
    }),
  ];
}
