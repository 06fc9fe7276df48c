/** Start Local Server as extension.ts sees it: the command pair, the code lens and the context key. */
import * as vscode from "vscode";
import { LocalServer } from "./localServer";
import type { LocalServerDeps, StartResult } from "./serverState";
import { LocalServerCodeLens } from "./localServerCodeLens";

export type { LocalServer, StartResult };

export function registerLocalServer(deps: LocalServerDeps): { server: LocalServer; disposables: vscode.Disposable[] } {
  const server = new LocalServer(deps);
  void vscode.commands.executeCommand("setContext", "langgraph.localServer.running", false);
  // The welcome view offers the start only where there is something to start.
  void vscode.workspace.findFiles("**/langgraph.json", "**/node_modules/**", 1).then((found) =>
    vscode.commands.executeCommand("setContext", "langgraph.localServer.available", found.length > 0),
  );
  return {
    server,
    disposables: [
      server,
      // The command's result is the outcome (the user reads it as a notification; tests read it here).
      vscode.commands.registerCommand("langgraph.startLocalServer", (uri?: unknown) => server.start(uri instanceof vscode.Uri ? uri : undefined)),
      vscode.commands.registerCommand("langgraph.stopLocalServer", () => {
        if (!server.stop()) void vscode.window.showInformationMessage(vscode.l10n.t("No local LangGraph server is running."));
      }),
      vscode.languages.registerCodeLensProvider({ scheme: "file", pattern: "**/langgraph.json" }, new LocalServerCodeLens(server)),
    ],
  };
}
