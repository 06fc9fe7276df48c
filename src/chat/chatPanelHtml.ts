/**
 * The chat webview's page: agent output is shown here, so it may load nothing but the extension's own
 * files, and inline (`data:`) images, which the page shows only after checking their type and size.
 * Its own text comes with it, in the display language.
 */
import type * as vscode from "vscode";
import { chatPageStrings } from "../protocol/chatPageStrings";
import { webviewPage } from "../panels/webviewPage";

export function chatPanelHtml(webview: vscode.Webview, uriOf: (...path: string[]) => vscode.Uri): string {
  return webviewPage(webview, uriOf, { title: "LangGraph Chat", stylesheet: ["media", "chat.css"], script: ["dist", "webview.js"], extraImgSrc: ["data:"], strings: chatPageStrings() });
}
