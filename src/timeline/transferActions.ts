/**
 * What *Export Thread…* and *Import Thread…* do (`transferCommands.ts` registers them and loads this
 * module, a bundle of its own, on their first use).
 */
import * as vscode from "vscode";
import { formatThreadFile, parseThreadFile } from "./threadFile";
import type { ThreadCheckpoint } from "../deployment/types";
import { originOf } from "./checkpointLines";
import { exportThread, importThread, lineTips, readHistory } from "./threadTransfer";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import type { ThreadStore } from "../state/threadStore";
import type { TimelineNode } from "./timelineItems";

export interface TransferCommandDeps {
  connection: DeploymentConnection;
  store: Pick<ThreadStore, "get">;
  activeChatThread(): string | undefined;
  /** Shows the imported thread (its chat panel) and lists it in the Threads view. */
  openThread(threadId: string): void;
}

/** A thread (Threads view), or a checkpoint or branch (Checkpoints view): the line that ends there. */
export type ExportTarget = { kind: "thread"; threadId: string } | Extract<TimelineNode, { kind: "checkpoint" | "branch" }> | undefined;

export interface TransferActions {
  exportCommand(target?: ExportTarget): Promise<void>;
  importCommand(uri?: vscode.Uri): Promise<void>;
}

const FILE_SUFFIX = ".langgraph-thread.json";

export function createTransferActions(deps: TransferCommandDeps): TransferActions {
  const { connection, store } = deps;

  /** The line to export: a row's own, else the head line or, when the thread has branches, the one picked. */
  const pickLine = async (history: readonly ThreadCheckpoint[], target: ExportTarget): Promise<string | undefined | false> => {
    if (target?.kind === "checkpoint") return target.row.id;
    if (target?.kind === "branch") return target.line[0]?.id;
    const tips = lineTips(history);
    if (tips.length < 2) return undefined;
    const items = tips.map((row, index) => ({
      label: index === 0 ? vscode.l10n.t("Head line") : vscode.l10n.t("Branch"),
      description: vscode.l10n.t("to step {0} · {1}", row.step ?? "?", originOf(row)),
      detail: row.createdAt ? new Date(row.createdAt).toLocaleString() : undefined,
      row,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t("Export Which Line?"), placeHolder: vscode.l10n.t("The thread has branches: the file holds one line of checkpoints") });
    return picked ? picked.row.id : false;
  };

  const exportCommand = async (target?: ExportTarget) => {
    const threadId = target?.threadId ?? deps.activeChatThread();
    if (!threadId) return void vscode.window.showInformationMessage(vscode.l10n.t("Open a thread first."));
    const title = store.get(threadId)?.title ?? threadId.slice(0, 8);
    const failed = (error: unknown) =>
      void vscode.window.showErrorMessage(connection.describe(error, { operation: vscode.l10n.t("export the thread"), subject: vscode.l10n.t("Thread {0}", threadId.slice(0, 8)) }).message);
    let history;
    try {
      history = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Reading {0}…", title) }, () =>
        readHistory(connection.gateway, threadId),
      );
    } catch (error) {
      return failed(error);
    }
    const checkpointId = await pickLine(history, target);
    if (checkpointId === false) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${title.replace(/[^\w.-]+/g, "-").slice(0, 40) || "thread"}${checkpointId ? `-${checkpointId.slice(0, 8)}` : ""}${FILE_SUFFIX}`;
    const saveTo = await vscode.window.showSaveDialog({
      title: vscode.l10n.t("Export {0}", title),
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { [vscode.l10n.t("LangGraph thread")]: ["json"] },
    });
    if (!saveTo) return;
    try {
      const file = await exportThread(connection.gateway, threadId, { sourceUrl: connection.url, checkpointId, history });
      await vscode.workspace.fs.writeFile(saveTo, new TextEncoder().encode(formatThreadFile(file)));
      void vscode.window.showInformationMessage(vscode.l10n.t("Exported {0}: {1} steps to {2}.", title, file.supersteps.length, vscode.workspace.asRelativePath(saveTo)));
    } catch (error) {
      failed(error);
    }
  };

  const importCommand = async (uri?: vscode.Uri) => {
    const picked = uri ? undefined : await vscode.window.showOpenDialog({
      title: vscode.l10n.t("Import Thread"),
      canSelectMany: false,
      filters: { [vscode.l10n.t("LangGraph thread")]: ["json"] },
    });
    const [source] = uri ? [uri] : (picked ?? []);
    if (!source) return;
    let file;
    try {
      file = parseThreadFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(source)));
    } catch (error) {
      return void vscode.window.showErrorMessage(vscode.l10n.t("Not imported: {0}", (error as Error).message));
    }
    try {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Importing the thread…") }, () => importThread(connection.gateway, file));
      deps.openThread(result.threadId);
      const notes = [
        result.differs.length ? vscode.l10n.t("its state differs from the exported one in {0}", result.differs.join(", ")) : undefined,
        file.head.interrupts.length
          ? vscode.l10n.t("the original waited for input at {0}; run the thread to reach that request again", file.head.interrupts.map((i) => i.node).join(", "))
          : undefined,
      ].filter(Boolean);
      const id = result.threadId.slice(0, 8);
      void vscode.window.showInformationMessage(
        notes.length ? vscode.l10n.t("Imported the thread as {0}: {1}", id, notes.join("; ")) : vscode.l10n.t("Imported the thread as {0}.", id),
      );
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t("Not imported: {0}", connection.describe(error, {}).message));
    }
  };

  return { exportCommand, importCommand };
}
