/**
 * The graph webview's page; images may also be `blob:` URLs: the PNG export draws the SVG through one.
 * Its own text comes with it, in the display language.
 */
import type * as vscode from "vscode";
import { webviewPage } from "../panels/webviewPage";
import { graphPageStrings } from "../protocol/graphPageStrings";

export function graphPanelHtml(webview: vscode.Webview, uriOf: (...path: string[]) => vscode.Uri): string {
  return webviewPage(webview, uriOf, {
    title: "LangGraph Graph",
    stylesheet: ["media", "graph.css"],
    script: ["dist", "graphWebview.js"],
    extraImgSrc: ["blob:"],
    strings: graphPageStrings(),
  });
}
