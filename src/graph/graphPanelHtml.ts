/**
 * The graph webview's page. Scripts run only with this page's nonce; styles and fonts come from the
 * extension's own folder. Images may also be `blob:` URLs the page made itself: the PNG export draws
 * the serialised SVG through one. Nothing remote can load.
 */
import { randomBytes } from "node:crypto";
import type * as vscode from "vscode";

export function graphPanelHtml(webview: vscode.Webview, uriOf: (...path: string[]) => vscode.Uri): string {
  const nonce = randomBytes(16).toString("base64");
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} blob:`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
  const codicons = webview.asWebviewUri(uriOf("dist", "codicons", "codicon.css"));
  const styles = webview.asWebviewUri(uriOf("media", "graph.css"));
  const script = webview.asWebviewUri(uriOf("dist", "graphWebview.js"));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${codicons}">
<link rel="stylesheet" href="${styles}">
<title>LangGraph Graph</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
