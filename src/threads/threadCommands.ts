/**
 * The Threads view's commands: open, new, rename, delete, copy id, fork, open by id, filter. Opening, pins
 * and refreshing run here; what changes or looks up threads loads on first use (threadEdits.ts).
 */
import * as vscode from "vscode";
import type { ThreadNode } from "./threadTreeItems";
import { registerLazyParts } from "../panels/lazyParts";
import type { StateCommandDeps } from "./stateCommands";
import type { ThreadCommandDeps } from "./threadEdits";
import { STATE_SCHEME } from "./threadStateDocuments";

function threadEdits(): typeof import("./threadEdits") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./threadEdits only here
  return require("./threadEdits") as typeof import("./threadEdits");
}

export function registerThreadCommands(deps: ThreadCommandDeps): vscode.Disposable[] {
  const { threads, threadView, store } = deps;
  const threadIdOf = (node?: ThreadNode) => (node?.kind === "thread" ? node.threadId : undefined);
  const selected = (node?: ThreadNode) => threadIdOf(node) ?? threadIdOf(threadView.selection[0]);
  const titleOfThread = (threadId: string) => {
    const thread = threads.thread(threadId);
    return thread ? threads.titleFor(thread) : store.get(threadId)?.title;
  };

  const open = (node?: ThreadNode) => {
    const threadId = selected(node);
    if (threadId) deps.openChat(threadId, { title: titleOfThread(threadId) });
  };

  return [
    ...registerLazyParts(
      { commands: ["langgraph.threads.rename", "langgraph.threads.delete", "langgraph.threads.fork", "langgraph.threads.openById", "langgraph.threads.filter"] },
      () => threadEdits().threadEditParts(deps, selected, titleOfThread),
    ),
    vscode.commands.registerCommand("langgraph.threads.open", open),
    vscode.commands.registerCommand("langgraph.threads.new", () => deps.openChat()),
    vscode.commands.registerCommand("langgraph.threads.refresh", () => threads.refresh()),
    vscode.commands.registerCommand("langgraph.threads.loadMore", () => threads.loadMore()),
    vscode.commands.registerCommand("langgraph.threads.copyId", async (node?: ThreadNode) => {
      const threadId = selected(node);
      if (threadId) {
        await vscode.env.clipboard.writeText(threadId);
        void vscode.window.setStatusBarMessage(vscode.l10n.t("Copied thread id {0}", threadId), 3000);
      }
    }),
    vscode.commands.registerCommand("langgraph.threads.pin", (node?: ThreadNode) => {
      const threadId = selected(node);
      if (threadId) return threads.setPinned(threadId, true);
    }),
    vscode.commands.registerCommand("langgraph.threads.unpin", (node?: ThreadNode) => {
      const threadId = selected(node);
      if (threadId) return threads.setPinned(threadId, false);
    }),
    vscode.commands.registerCommand("langgraph.threads.clearFilter", () => threads.setFilter({})),
    vscode.commands.registerCommand("langgraph.threads.filterByGraph", (graphId?: string) => {
      if (typeof graphId === "string") threads.setFilter({ graphId });
      void vscode.commands.executeCommand("langgraph.threads.focus");
    }),
  ];
}

/** The state inspector's commands and documents (stateCommands.ts), loaded on first use. */
export function registerStateCommands(deps: StateCommandDeps): vscode.Disposable[] {
  return registerLazyParts({ commands: ["langgraph.showThreadState", "langgraph.showCheckpoints"], contents: [STATE_SCHEME] }, () => threadEdits().stateCommandParts(deps));
}
