/**
 * The chat webview's page. Scripts run only with this page's nonce; everything else (styles, fonts,
 * images) may come from the extension's own folder and nowhere else — agent output can't load anything.
 */
import { randomBytes } from "node:crypto";
import type * as vscode from "vscode";

export function chatPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, uriOf: (...path: string[]) => vscode.Uri): string {
  const nonce = randomBytes(16).toString("base64");
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
  const codicons = webview.asWebviewUri(uriOf("dist", "codicons", "codicon.css"));
  const styles = webview.asWebviewUri(uriOf("media", "chat.css"));
  const script = webview.asWebviewUri(uriOf("dist", "webview.js"));
  void extensionUri;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${codicons}">
<link rel="stylesheet" href="${styles}">
<title>LangGraph Chat</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
