/**
 * Chat panel webview entry point (bundled by esbuild into `dist/webview.js`).
 *
 * The host page only provides `<div id="app">` (with the page's text in its `data-strings`), the codicon
 * and chat stylesheets and this script (with a CSP nonce); everything visible is built here, inside
 * `#app`. No inline scripts or styles.
 */
import type { HostToWebview } from "../protocol/chatProtocol";
import { ChatApp } from "./app";
import { loadPageText } from "./pageText";
import { markNextPaint } from "./perfMarks";
import { acquireHostApi } from "./vscodeApi";

const api = acquireHostApi();
const root = document.getElementById("app") ?? document.body.appendChild(document.createElement("div"));
loadPageText(root);
const app = new ChatApp(root, api);

window.addEventListener("message", (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) app.handle(event.data);
});

api.postMessage({ type: "ready" });
app.composer.focus();
markNextPaint("first-paint");

function isHostMessage(value: unknown): value is HostToWebview {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}
