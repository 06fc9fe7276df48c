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

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function checkpointItem(row: CheckpointRow, assistantName: string | undefined, hasBranches: boolean): vscode.TreeItem {
  const origin = originOf(row);
  const step = row.step === undefined ? "step ?" : `step ${row.step}`;
  const item = new vscode.TreeItem(`${step} · ${origin}`, hasBranches ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  const added = row.messagesAdded ? `+${plural(row.messagesAdded, "message")}` : undefined;
  const time = row.createdAt ? new Date(row.createdAt).toLocaleTimeString() : undefined;
  item.description = [assistantName && labelText(assistantName), row.runId && `run ${row.runId.slice(0, 8)}`, added, time].filter(Boolean).join(" · ");
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
  line("Assistant", assistantName && labelText(assistantName));
  line("Run", row.runId);
  line("Created", row.createdAt && new Date(row.createdAt).toLocaleString());
  line("Messages", `${row.messageCount}${row.messagesAdded === undefined ? "" : ` (${row.messagesAdded >= 0 ? "+" : ""}${row.messagesAdded})`}`);
  line("Next", row.next.join(", ") || vscode.l10n.t("nothing (the run ended here)"));
  line(vscode.l10n.t("Waiting for input"), row.interrupts ? plural(row.interrupts, "request") : undefined);
  line("Checkpoint", row.id);
  item.tooltip = tooltip;
  item.command = { command: "langgraph.timeline.editState", title: vscode.l10n.t("Edit State"), arguments: [{ kind: "checkpoint", row }] };
  return item;
}

export function branchItem(line: CheckpointRow[], detached: boolean): vscode.TreeItem {
  const tip = line[0];
  const label = detached ? "Older branch" : tip.source === "update" || line.at(-1)?.source === "update" ? "Edited branch" : "Branch";
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `branch:${tip.id}`;
  item.description = `${plural(line.length, "checkpoint")}${tip.step === undefined ? "" : vscode.l10n.t(" · to step {0}", tip.step)}`;
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
