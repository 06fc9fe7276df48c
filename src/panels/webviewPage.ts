/**
 * The page every webview of the extension loads. Scripts run only with this page's nonce; styles and
 * fonts come from the extension's own folder; nothing remote can load, whatever the content shown.
 */
import type * as vscode from "vscode";

export interface WebviewPageOptions {
  title: string;
  /** The page's own stylesheet: path segments under the extension, after the codicons and media/base.css. */
  stylesheet: string[];
  /** Script path segments under the extension. */
  script: string[];
  /** Extra image sources beyond the extension's folder (e.g. `blob:` for an export the page draws). */
  extraImgSrc?: string[];
  /** The page's own text in the display language, handed to its script as `data-strings` on `#app`. */
  strings?: Record<string, string>;
}

/** Text for an attribute value in double quotes: a translation may hold any character. */
function attributeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function webviewPage(webview: vscode.Webview, uriOf: (...path: string[]) => vscode.Uri, options: WebviewPageOptions): string {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    ["img-src", webview.cspSource, ...(options.extraImgSrc ?? [])].join(" "),
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
  const codicons = webview.asWebviewUri(uriOf("dist", "codicons", "codicon.css"));
  // The rules every page shares come first, so the page's own stylesheet can refine them.
  const baseStyles = webview.asWebviewUri(uriOf("media", "base.css"));
  const styles = webview.asWebviewUri(uriOf(...options.stylesheet));
  const script = webview.asWebviewUri(uriOf(...options.script));
  const strings = options.strings ? ` data-strings="${attributeText(JSON.stringify(options.strings))}"` : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${codicons.toString()}">
<link rel="stylesheet" href="${baseStyles.toString()}">
<link rel="stylesheet" href="${styles.toString()}">
<title>${options.title}</title>
</head>
<body>
<div id="app"${strings}></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
