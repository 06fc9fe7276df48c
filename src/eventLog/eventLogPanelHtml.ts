/** The event log webview's page, with its own text in the display language. */
import type * as vscode from "vscode";
import { webviewPage } from "../panels/webviewPage";
import { eventLogPageStrings } from "../protocol/eventLogPageStrings";

export function eventLogPanelHtml(webview: vscode.Webview, uriOf: (...path: string[]) => vscode.Uri): string {
  return webviewPage(webview, uriOf, {
    title: "LangGraph Event Log",
    stylesheet: ["media", "eventLog.css"],
    script: ["dist", "eventLogWebview.js"],
    strings: eventLogPageStrings(),
  });
}
