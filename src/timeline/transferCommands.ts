/** *Export Thread…* saves a thread to a workspace file; *Import Thread…* creates it again on the deployment. */
import * as vscode from "vscode";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import type { ThreadStore } from "../state/threadStore";
import { formatThreadFile, parseThreadFile } from "./threadFile";
import { exportThread, importThread } from "./threadTransfer";

export interface TransferCommandDeps {
  connection: DeploymentConnection;
  store: Pick<ThreadStore, "get">;
  activeChatThread(): string | undefined;
  /** Shows the imported thread (its chat panel) and lists it in the Threads view. */
  openThread(threadId: string): void;
}

const FILE_SUFFIX = ".langgraph-thread.json";

export function registerTransferCommands(deps: TransferCommandDeps): vscode.Disposable[] {
  const { connection, store } = deps;

  const exportCommand = async (node?: { kind: "thread"; threadId: string }) => {
    const threadId = node?.threadId ?? deps.activeChatThread();
    if (!threadId) return void vscode.window.showInformationMessage("Open a thread first.");
    const title = store.get(threadId)?.title ?? threadId.slice(0, 8);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${title.replace(/[^\w.-]+/g, "-").slice(0, 40) || "thread"}${FILE_SUFFIX}`;
    const target = await vscode.window.showSaveDialog({
      title: `Export ${title}`,
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { "LangGraph thread": ["json"] },
    });
    if (!target) return;
    try {
      const file = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Exporting ${title}…` }, () =>
        exportThread(connection.gateway, threadId, connection.url),
      );
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(formatThreadFile(file)));
      void vscode.window.showInformationMessage(`Exported ${title}: ${file.supersteps.length} steps to ${vscode.workspace.asRelativePath(target)}.`);
    } catch (error) {
      void vscode.window.showErrorMessage(connection.describe(error, { operation: "export the thread", subject: `Thread ${threadId.slice(0, 8)}` }).message);
    }
  };

  const importCommand = async (uri?: vscode.Uri) => {
    const [source] = uri ? [uri] : ((await vscode.window.showOpenDialog({ title: "Import Thread", canSelectMany: false, filters: { "LangGraph thread": ["json"] } })) ?? []);
    if (!source) return;
    let file;
    try {
      file = parseThreadFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(source)));
    } catch (error) {
      return void vscode.window.showErrorMessage(`Not imported: ${(error as Error).message}`);
    }
    try {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "Importing the thread…" }, () => importThread(connection.gateway, file));
      deps.openThread(result.threadId);
      const notes = [
        result.differs.length ? `its state differs from the exported one in ${result.differs.join(", ")}` : undefined,
        file.head.interrupts.length ? `the original waited for input at ${file.head.interrupts.map((i) => i.node).join(", ")}; run the thread to reach that request again` : undefined,
      ].filter(Boolean);
      void vscode.window.showInformationMessage(`Imported the thread as ${result.threadId.slice(0, 8)}${notes.length ? `: ${notes.join("; ")}` : "."}`);
    } catch (error) {
      void vscode.window.showErrorMessage(`Not imported: ${connection.describe(error, {}).message}`);
    }
  };

  return [vscode.commands.registerCommand("langgraph.threads.export", exportCommand), vscode.commands.registerCommand("langgraph.threads.import", importCommand)];
}
