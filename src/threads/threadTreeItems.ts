/** How one thread looks in the tree: title, status icon in theme colours, relative time; its tooltip on hover. */
import * as vscode from "vscode";
import { statusText } from "../common/threadText";
import type { ThreadSummary } from "../deployment/types";

export type ThreadNode = { kind: "thread"; threadId: string } | { kind: "loadMore" } | { kind: "pinned" };

const STATUS_ICONS: Record<string, [string, string | undefined]> = {
  idle: ["comment-discussion", undefined],
  busy: ["sync~spin", "charts.blue"],
  interrupted: ["debug-pause", "charts.yellow"],
  error: ["error", "errorForeground"],
};

function relativeTime(iso: string | undefined, now = Date.now()): string {
  if (!iso) return "";
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return "";
  if (seconds < 45) return vscode.l10n.t("just now");
  const units: [number, (count: number) => string][] = [
    [604800, (count) => vscode.l10n.t("{0}w ago", count)],
    [86400, (count) => vscode.l10n.t("{0}d ago", count)],
    [3600, (count) => vscode.l10n.t("{0}h ago", count)],
  ];
  for (const [size, say] of units) if (seconds >= size) return say(Math.round(seconds / size));
  return vscode.l10n.t("{0} min ago", Math.round(seconds / 60));
}

export interface ThreadItemText {
  title: string;
  /** Name of the last assistant (or graph) that ran on the thread. */
  lastAgent?: string;
}

export function threadTreeItem(thread: ThreadSummary, text: ThreadItemText): vscode.TreeItem {
  const item = new vscode.TreeItem(text.title, vscode.TreeItemCollapsibleState.None);
  item.id = thread.thread_id;
  const status = thread.status ?? "idle";
  item.description = [relativeTime(thread.updated_at), text.lastAgent].filter(Boolean).join(" · ");
  const [icon, color] = STATUS_ICONS[status] ?? ["comment", undefined];
  item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
  item.contextValue = `thread.${status}`;
  item.accessibilityInformation = { label: vscode.l10n.t("{0}, {1}, updated {2}", text.title, statusText(status), relativeTime(thread.updated_at)) };
  item.command = { command: "langgraph.threads.open", title: vscode.l10n.t("Open in Chat"), arguments: [{ kind: "thread", threadId: thread.thread_id }] };
  return item;
}

/**
 * A row's tooltip: its id, status, times and metadata. Built when the row is hovered (`resolveTreeItem`),
 * not with the row: two localised dates and the metadata's JSON for each of a page's rows held its first paint.
 */
export function threadTooltip(thread: ThreadSummary, title: string): vscode.MarkdownString {
  const status = thread.status ?? "idle";
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  tooltip.appendMarkdown(`**`).appendText(title).appendMarkdown(`**\n\n`);
  tooltip.appendMarkdown(vscode.l10n.t("- ID: ")).appendText(thread.thread_id).appendMarkdown(`\n`);
  tooltip.appendMarkdown(vscode.l10n.t("- Status: ")).appendText(statusText(status)).appendMarkdown(`\n`);
  tooltip.appendMarkdown(vscode.l10n.t("- Created: ")).appendText(new Date(thread.created_at).toLocaleString()).appendMarkdown(`\n`);
  tooltip.appendMarkdown(vscode.l10n.t("- Updated: ")).appendText(new Date(thread.updated_at).toLocaleString()).appendMarkdown(`\n`);
  const metadata = thread.metadata ?? {};
  if (Object.keys(metadata).length) tooltip.appendMarkdown(`\n`).appendCodeblock(JSON.stringify(metadata, null, 2), "json");
  return tooltip;
}

/** The group at the top of the tree that holds the pinned threads. */
export function pinnedGroupItem(count: number): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t("Pinned"), vscode.TreeItemCollapsibleState.Expanded);
  item.id = "langgraph.pinned";
  item.description = String(count);
  item.iconPath = new vscode.ThemeIcon("pinned");
  item.contextValue = "pinnedGroup";
  return item;
}

export function loadMoreItem(): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t("Load more…"), vscode.TreeItemCollapsibleState.None);
  item.id = "langgraph.loadMore";
  item.iconPath = new vscode.ThemeIcon("ellipsis");
  item.contextValue = "loadMore";
  item.command = { command: "langgraph.threads.loadMore", title: vscode.l10n.t("Load More Threads") };
  return item;
}
