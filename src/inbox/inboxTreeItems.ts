/** How the Needs Input view's rows look: one per waiting thread, "Load more…", or one problem row. */
import * as vscode from "vscode";
import { labelText } from "../common/untrustedText";
import { shorten } from "../common/threadText";
import type { UserFacingError } from "../deployment/errorMapping";
import type { InboxEntry } from "./inboxModel";

export type InboxNode = { kind: "entry"; threadId: string } | { kind: "loadMore" } | { kind: "problem" };

/** Names shown in a row; the assistant's comes from the directory. */
export interface InboxRowText {
  assistant?: string;
  now?: number;
}

function age(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds)) return "";
  if (seconds < 60) return vscode.l10n.t("just now");
  if (seconds < 3600) return vscode.l10n.t("{0} min", Math.round(seconds / 60));
  if (seconds < 86400) return vscode.l10n.t("{0} h", Math.round(seconds / 3600));
  return vscode.l10n.t("{0} d", Math.round(seconds / 86400));
}

/**
 * The row's context value says which answers the request allows (`inbox:accept:ignore:respond`), a
 * value of another shape (`inbox:json`) or none at all (`inbox:paused`), so the menus offer only those.
 */
function contextOf(entry: InboxEntry): string {
  const request = entry.interrupt.request;
  if (!request) return entry.interrupt.valueJson ? "inbox:json" : "inbox:paused";
  const allowed = (["accept", "ignore", "respond", "edit"] as const).filter((k) => request.allow[k]);
  return ["inbox", ...allowed].join(":");
}

/** What the request asks, in one line: its description, else its action, else the raw value. */
function requestLine(entry: InboxEntry): string {
  const request = entry.interrupt.request;
  const text = request ? (request.description ?? request.action) : entry.interrupt.valueJson || vscode.l10n.t("Paused");
  return shorten(labelText(text), 80);
}

export function inboxEntryItem(entry: InboxEntry, text: InboxRowText): vscode.TreeItem {
  const title = labelText(entry.title);
  const item = new vscode.TreeItem(title, vscode.TreeItemCollapsibleState.None);
  item.id = `inbox:${entry.threadId}`;
  const who = [text.assistant && labelText(text.assistant), entry.graphId && entry.graphId !== text.assistant ? labelText(entry.graphId) : undefined].filter(Boolean).join(" · ");
  const when = age(entry.updatedAt, text.now ?? Date.now());
  item.description = [requestLine(entry), who, when].filter(Boolean).join(" — ");
  item.iconPath = new vscode.ThemeIcon("debug-pause", new vscode.ThemeColor("charts.yellow"));
  item.contextValue = contextOf(entry);
  item.accessibilityInformation = { label: vscode.l10n.t("{0}, needs input: {1}, {2}, {3}", title, requestLine(entry), who, when) };
  item.command = { command: "langgraph.inbox.open", title: vscode.l10n.t("Open"), arguments: [{ kind: "entry", threadId: entry.threadId }] };
  return item;
}

/** A row's tooltip: the whole request. Built when the row is hovered (`resolveTreeItem`), not with the row. */
export function inboxEntryTooltip(entry: InboxEntry, text: InboxRowText): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  tooltip.appendMarkdown("**").appendText(labelText(entry.title)).appendMarkdown("**\n\n");
  tooltip.appendText(requestLine(entry)).appendMarkdown("\n\n");
  tooltip.appendMarkdown(vscode.l10n.t("- Graph: ")).appendText(entry.graphId ?? vscode.l10n.t("unknown")).appendMarkdown("\n");
  tooltip.appendMarkdown(vscode.l10n.t("- Assistant: ")).appendText(text.assistant ?? vscode.l10n.t("unknown")).appendMarkdown("\n");
  tooltip.appendMarkdown(vscode.l10n.t("- Waiting since: ")).appendText(new Date(entry.updatedAt).toLocaleString()).appendMarkdown("\n");
  if (entry.interrupt.request) tooltip.appendMarkdown("\n").appendCodeblock(entry.interrupt.request.argsJson, "json");
  else if (entry.interrupt.valueJson) tooltip.appendMarkdown("\n").appendCodeblock(entry.interrupt.valueJson, "json");
  return tooltip;
}

export function inboxLoadMoreItem(): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t("Load more…"), vscode.TreeItemCollapsibleState.None);
  item.id = "inbox:loadMore";
  item.iconPath = new vscode.ThemeIcon("ellipsis");
  item.command = { command: "langgraph.inbox.loadMore", title: vscode.l10n.t("Load More") };
  return item;
}

/** The one row a failure turns the view into: what went wrong, and Retry on click. */
export function inboxProblemItem(error: UserFacingError): vscode.TreeItem {
  const item = new vscode.TreeItem(error.message, vscode.TreeItemCollapsibleState.None);
  item.id = "inbox:problem";
  item.description = vscode.l10n.t("Retry");
  item.tooltip = `${error.message}\n${vscode.l10n.t("Click to retry.")}`;
  item.iconPath = new vscode.ThemeIcon("warning", new vscode.ThemeColor("problemsWarningIcon.foreground"));
  item.contextValue = "inbox:problem";
  item.command = { command: "langgraph.inbox.refresh", title: vscode.l10n.t("Retry") };
  return item;
}
