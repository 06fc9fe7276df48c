/**
 * Event log webview entry point (bundled by esbuild into `dist/eventLogWebview.js`). The page provides
 * `<div id="app">` (with the page's text in its `data-strings`), the stylesheets and this script (with a
 * CSP nonce); everything else is built here.
 */
import { acquireWebviewHostApi } from "../common/webviewHostApi";
import { isHostToEventLog, readEventLogPersistedState } from "../protocol/eventLogProtocol";
import { EventLogApp, type EventLogHostApi } from "./app";
import { loadPageText } from "./pageText";

const api: EventLogHostApi = acquireWebviewHostApi(readEventLogPersistedState);
const root = document.getElementById("app") ?? document.body.appendChild(document.createElement("div"));
loadPageText(root);
const app = new EventLogApp(root, api);

window.addEventListener("message", (event: MessageEvent<unknown>) => {
  if (isHostToEventLog(event.data)) app.handle(event.data);
});

api.postMessage({ type: "ready" });
