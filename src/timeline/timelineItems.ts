/** How the timeline's rows look: step and origin, then assistant, run, time and messages added. */
import * as vscode from "vscode";
import { labelText } from "../common/untrustedText";
import { originOf, type CheckpointRow } from "./checkpointLines";

export type TimelineNode =
  | { kind: "checkpoint"; row: CheckpointRow; threadId: string }
  | { kind: "branch"; line: CheckpointRow[]; threadId: string; detached: boolean }
  | { kind: "loadMore" }
  | { kind: "message"; text: string };

const ICONS: Record<string, string> = { input: "arrow-right", update: "edit", fork: "git-branch" };

const messages = (n: number) => (n === 1 ? vscode.l10n.t("1 message") : vscode.l10n.t("{0} messages", n));
const requests = (n: number) => (n === 1 ? vscode.l10n.t("1 request") : vscode.l10n.t("{0} requests", n));
const checkpoints = (n: number) => (n === 1 ? vscode.l10n.t("1 checkpoint") : vscode.l10n.t("{0} checkpoints", n));

export function checkpointItem(row: CheckpointRow, assistantName: string | undefined, hasBranches: boolean): vscode.TreeItem {
  const origin = originOf(row);
  const step = vscode.l10n.t("step {0}", row.step ?? "?");
  const item = new vscode.TreeItem(`${step} · ${origin}`, hasBranches ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  const added = row.messagesAdded ? `+${messages(row.messagesAdded)}` : undefined;
  const time = row.createdAt ? new Date(row.createdAt).toLocaleTimeString() : undefined;
  item.description = [assistantName && labelText(assistantName), row.runId && vscode.l10n.t("run {0}", row.runId.slice(0, 8)), added, time].filter(Boolean).join(" · ");
  const icon = row.interrupts ? "debug-pause" : (ICONS[row.source ?? ""] ?? "circle-small-filled");
  item.iconPath = new vscode.ThemeIcon(icon);
  item.contextValue = `checkpoint${row.next.length ? ".runnable" : ""}${row.source === "update" ? ".edited" : ""}`;
  item.accessibilityInformation = { label: `${step}, ${origin}${item.description ? `, ${item.description}` : ""}` };
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  tooltip.appendMarkdown(`**`).appendText(`${step} · ${row.source ?? "?"}`).appendMarkdown(`**\n\n`);
  const line = (name: string, value: string | undefined) => value && tooltip.appendMarkdown(`- ${name}: `).appendText(value).appendMarkdown(`\n`);
  line(vscode.l10n.t("Written by"), row.writers.join(", ") || undefined);
  line(vscode.l10n.t("Assistant"), assistantName && labelText(assistantName));
  line(vscode.l10n.t("Run"), row.runId);
  line(vscode.l10n.t("Created"), row.createdAt && new Date(row.createdAt).toLocaleString());
  line(vscode.l10n.t("Messages"), `${row.messageCount}${row.messagesAdded === undefined ? "" : ` (${row.messagesAdded >= 0 ? "+" : ""}${row.messagesAdded})`}`);
  line(vscode.l10n.t("Next"), row.next.join(", ") || vscode.l10n.t("nothing (the run ended here)"));
  line(vscode.l10n.t("Waiting for input"), row.interrupts ? requests(row.interrupts) : undefined);
  line(vscode.l10n.t("Checkpoint"), row.id);
  item.tooltip = tooltip;
  item.command = { command: "langgraph.timeline.editState", title: vscode.l10n.t("Edit State"), arguments: [{ kind: "checkpoint", row }] };
  return item;
}

export function branchItem(line: CheckpointRow[], detached: boolean): vscode.TreeItem {
  const tip = line[0];
  const label = detached ? vscode.l10n.t("Older branch") : tip.source === "update" || line.at(-1)?.source === "update" ? vscode.l10n.t("Edited branch") : vscode.l10n.t("Branch");
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `branch:${tip.id}`;
  item.description = `${checkpoints(line.length)}${tip.step === undefined ? "" : vscode.l10n.t(" · to step {0}", tip.step)}`;
  item.iconPath = new vscode.ThemeIcon("git-branch");
  item.contextValue = "timelineBranch";
  return item;
}

export function loadMoreItem(): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t("Load older checkpoints…"), vscode.TreeItemCollapsibleState.None);
  item.id = "timeline:loadMore";
  item.iconPath = new vscode.ThemeIcon("fold-down");
  item.command = { command: "langgraph.timeline.loadMore", title: vscode.l10n.t("Load Older Checkpoints") };
  return item;
}

export function messageItem(text: string): vscode.TreeItem {
  const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon("info");
  return item;
}
