/**
 * *Export Thread…* saves one line of a thread (the head line, or a branch picked when there are several;
 * *Export Line to Here…* from a checkpoint or branch row) to a workspace file; *Import Thread…* creates it
 * again on the deployment. What they do is a bundle of its own (`transferActions`), loaded on first use.
 */
import * as vscode from "vscode";
import type { ExportTarget, TransferActions, TransferCommandDeps } from "./transferActions";

export function registerTransferCommands(deps: TransferCommandDeps): vscode.Disposable[] {
  let actions: TransferActions | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./transferActions only here
  const load = () => (actions ??= (require("./transferActions") as typeof import("./transferActions")).createTransferActions(deps));
  const exportCommand = (target?: ExportTarget) => load().exportCommand(target);
  return [
    vscode.commands.registerCommand("langgraph.threads.export", exportCommand),
    vscode.commands.registerCommand("langgraph.timeline.exportLine", exportCommand),
    vscode.commands.registerCommand("langgraph.threads.import", (uri?: vscode.Uri) => load().importCommand(uri)),
  ];
}
