/** *Insert at Cursor* on a chat code block: into the editor the user was last in, else a new document. */
import * as vscode from "vscode";

export async function insertAtCursor(editor: vscode.TextEditor | undefined, code: string): Promise<void> {
  const target = editor && !editor.document.isClosed ? editor : vscode.window.visibleTextEditors[0];
  if (!target) {
    const document = await vscode.workspace.openTextDocument({ content: code });
    await vscode.window.showTextDocument(document);
    return;
  }
  await target.edit((edit) => edit.replace(target.selection, code));
  await vscode.window.showTextDocument(target.document, target.viewColumn);
}
