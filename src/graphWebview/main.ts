/**
 * Graph panel webview entry point (bundled by esbuild into `dist/graphWebview.js`).
 *
 * The host page only provides `<div id="app"></div>`, the codicon and graph stylesheets and this script
 * (with a CSP nonce); everything visible is built here. No inline scripts or styles.
 */
import { isHostToGraphWebview } from "../protocol/graphProtocol";
import { GraphApp } from "./app";
import { acquireGraphHostApi } from "./vscodeApi";

const api = acquireGraphHostApi();
const root = document.getElementById("app") ?? document.body.appendChild(document.createElement("div"));
const app = new GraphApp(root, api);

window.addEventListener("message", (event: MessageEvent<unknown>) => {
  if (isHostToGraphWebview(event.data)) app.handle(event.data);
});

api.postMessage({ type: "ready" });
