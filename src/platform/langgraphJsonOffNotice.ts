/**
 * In the web worker host the langgraph.json language server cannot run (it is a Node process). Instead of
 * leaving the file silently without its checks, the first langgraph.json opened in the window says why,
 * once; the file is then edited with VS Code's own JSON support.
 */
import * as vscode from "vscode";

const isLangGraphJson = (document: vscode.TextDocument) => /(^|\/)langgraph\.json$/.test(document.uri.path);

export function explainLangGraphJsonOff(context: vscode.ExtensionContext): void {
  const tell = (document: vscode.TextDocument) => {
    if (!isLangGraphJson(document)) return;
    opened.dispose();
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        "The langgraph.json language server is off in VS Code for the Web: checking the file against LangGraph's schema and the graphs it points at needs a desktop VS Code, where it can run processes and read files on disk. Here the file is edited as plain JSON.",
      ),
    );
  };
  const opened = vscode.workspace.onDidOpenTextDocument(tell);
  context.subscriptions.push(opened);
  const open = vscode.workspace.textDocuments.find(isLangGraphJson);
  if (open) tell(open);
}
