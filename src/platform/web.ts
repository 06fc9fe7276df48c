/**
 * The web worker extension host (vscode.dev, github.dev, a browser workbench): threads, chat,
 * assistants, graphs, checkpoints and the event log talk to the deployment with `fetch` and run here.
 * What needs a process or the files on disk is off, and its commands say so instead of failing.
 */
import * as vscode from "vscode";
import { explainLangGraphJsonOff } from "./langgraphJsonOffNotice";
import type { Platform } from "./platform";

function notInBrowser(what: string): void {
  void vscode.window.showInformationMessage(
    vscode.l10n.t("{0} is not available in VS Code for the Web: it needs a desktop VS Code, where it can run processes and read files on disk.", what),
  );
}

export const platform: Platform = {
  registerLocalServer: () => ({
    server: undefined,
    disposables: [
      vscode.commands.registerCommand("langgraph.startLocalServer", () => {
        notInBrowser(vscode.l10n.t("Starting a local LangGraph server"));
        return { ok: false, message: vscode.l10n.t("Starting a local LangGraph server needs a desktop VS Code.") };
      }),
      vscode.commands.registerCommand("langgraph.stopLocalServer", () => notInBrowser(vscode.l10n.t("A local LangGraph server"))),
    ],
  }),
  // langgraph.json keeps VS Code's own JSON support; the language server (graph references, hovers) needs Node.
  startLangGraphJsonSupport: (context) => explainLangGraphJsonOff(context),
  registerDebugger: () => [
    vscode.debug.registerDebugConfigurationProvider("langgraph", {
      resolveDebugConfiguration: () => {
        notInBrowser(vscode.l10n.t("Debugging a LangGraph run"));
        // Undefined cancels the launch without VS Code's own "no debug adapter" error.
        return undefined;
      },
    }),
  ],
};
