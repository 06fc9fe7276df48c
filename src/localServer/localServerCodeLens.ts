/** "Start Local Server" (or where it runs, and "Stop") at the top of a langgraph.json. */
import * as vscode from "vscode";
import type { LocalServer } from "./localServer";

export class LocalServerCodeLens implements vscode.CodeLensProvider {
  constructor(private readonly server: Pick<LocalServer, "url" | "running" | "onDidChange">) {}

  get onDidChangeCodeLenses(): vscode.Event<void> {
    return this.server.onDidChange;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const url = this.server.url;
    if (url) {
      return [
        new vscode.CodeLens(top, { title: vscode.l10n.t("$(server-process) Local server at {0}", url), command: "workbench.view.extension.langgraph" }),
        new vscode.CodeLens(top, { title: vscode.l10n.t("Stop"), command: "langgraph.stopLocalServer" }),
      ];
    }
    if (this.server.running) return [new vscode.CodeLens(top, { title: vscode.l10n.t("$(sync~spin) Starting the local server…"), command: "" })];
    return [new vscode.CodeLens(top, { title: vscode.l10n.t("$(play) Start Local Server"), command: "langgraph.startLocalServer", arguments: [document.uri] })];
  }
}
