/**
 * Sending while a reply streams: ask how the server should handle it, once, unless the user made a
 * choice permanent in `langgraph.chat.multitaskStrategy`.
 */
import * as vscode from "vscode";
import type { MultitaskStrategy } from "../deployment/types";

type Choice = "ask" | MultitaskStrategy;

const options = (): { strategy: MultitaskStrategy; label: string; detail: string }[] => [
  { strategy: "enqueue", label: `$(list-ordered) ${vscode.l10n.t("Enqueue")}`, detail: vscode.l10n.t("Run after the current reply finishes.") },
  { strategy: "interrupt", label: `$(debug-stop) ${vscode.l10n.t("Interrupt")}`, detail: vscode.l10n.t("Stop the current run, keep what it wrote, and answer this instead.") },
  { strategy: "rollback", label: `$(discard) ${vscode.l10n.t("Roll back")}`, detail: vscode.l10n.t("Stop the current run, drop its work, and answer this instead.") },
  { strategy: "reject", label: `$(circle-slash) ${vscode.l10n.t("Reject")}`, detail: vscode.l10n.t("Let the server refuse this message while the thread is busy.") },
];

export async function askMultitaskStrategy(): Promise<MultitaskStrategy | undefined> {
  const configuration = vscode.workspace.getConfiguration("langgraph.chat");
  const setting = configuration.get<Choice>("multitaskStrategy", "ask");
  if (setting !== "ask") return setting;
  const remember: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon("pin"), tooltip: vscode.l10n.t("Always do this (langgraph.chat.multitaskStrategy)") };
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { strategy: MultitaskStrategy }>();
  quickPick.title = vscode.l10n.t("A reply is still streaming on this thread");
  quickPick.placeholder = vscode.l10n.t("What should happen to your new message?");
  quickPick.items = options().map((o) => ({ ...o, buttons: [remember] }));
  return new Promise((resolve) => {
    let settled = false;
    const finish = (strategy: MultitaskStrategy | undefined) => {
      if (settled) return;
      settled = true;
      resolve(strategy);
      quickPick.hide();
    };
    quickPick.onDidAccept(() => finish(quickPick.selectedItems[0]?.strategy));
    quickPick.onDidTriggerItemButton(async ({ item }) => {
      await configuration.update("multitaskStrategy", item.strategy, vscode.ConfigurationTarget.Global);
      finish(item.strategy);
    });
    quickPick.onDidHide(() => {
      finish(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
