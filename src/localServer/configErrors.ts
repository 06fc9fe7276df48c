/** The errors the langgraph.json language server reports for a file, waiting briefly for its first report. */
import * as vscode from "vscode";

const FIRST_REPORT_MS = 5000;

export async function langgraphJsonErrors(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  const errors = () => vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  if (errors().length > 0) return errors();
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return errors();
  // Opening the file starts the language server (it starts on the first langgraph.json opened) and
  // has it validate this one; a valid file is reported with no diagnostics, or not at all.
  const reported = new Promise<void>((resolve) => {
    const timer = setTimeout(done, FIRST_REPORT_MS);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) done();
    });
    function done() {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    }
  });
  await vscode.workspace.openTextDocument(uri);
  await reported;
  return errors();
}
