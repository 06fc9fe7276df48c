/** LangGraph: Show Event Log, from a chat panel's title bar or the palette (the focused chat's thread). */
import * as vscode from "vscode";
import type { EventLogPanels } from "./eventLogPanel";

const SHOW_EVENT_LOG_COMMAND = "langgraph.eventLog.show";

export interface EventLogCommandDeps {
  panels: Pick<EventLogPanels, "show">;
  /** The focused chat panel's thread and title, if a chat with a thread is focused. */
  activeChat(): { threadId?: string; title?: string } | undefined;
}

export function registerEventLogCommands(deps: EventLogCommandDeps): vscode.Disposable[] {
  const show = (arg?: unknown) => {
    const given = typeof arg === "string" && arg ? arg : undefined;
    const chat = deps.activeChat();
    const threadId = given ?? chat?.threadId;
    if (!threadId) {
      void vscode.window.showInformationMessage(vscode.l10n.t("Open a thread's chat panel to see the events of its runs."));
      return;
    }
    deps.panels.show(threadId, (threadId === chat?.threadId ? chat.title : undefined) ?? threadId.slice(0, 8));
  };
  return [vscode.commands.registerCommand(SHOW_EVENT_LOG_COMMAND, show)];
}
