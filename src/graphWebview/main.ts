/**
 * Graph panel webview entry point (bundled by esbuild into `dist/graphWebview.js`).
 *
 * The host page only provides `<div id="app">` (with the page's text in its `data-strings`), the codicon
 * and graph stylesheets and this script (with a CSP nonce); everything visible is built here. No inline
 * scripts or styles.
 */
import { isHostToGraphWebview } from "../protocol/graphProtocol";
import { GraphApp } from "./app";
import { loadPageText } from "./pageText";
import { acquireGraphHostApi } from "./vscodeApi";

const api = acquireGraphHostApi();
const root = document.getElementById("app") ?? document.body.appendChild(document.createElement("div"));
loadPageText(root);
const app = new GraphApp(root, api);

window.addEventListener("message", (event: MessageEvent<unknown>) => {
  if (isHostToGraphWebview(event.data)) app.handle(event.data);
});

api.postMessage({ type: "ready" });
