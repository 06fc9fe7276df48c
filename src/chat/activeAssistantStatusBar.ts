/**
 * The focused chat panel's assistant in the status bar; clicking it switches. The tooltip names the
 * thread, so it follows the thread store when the thread is renamed elsewhere.
 */
import * as vscode from "vscode";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { ThreadStore } from "../state/threadStore";
import type { ChatPanelManager } from "./chatPanelManager";

export class ActiveAssistantStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("langgraph.activeAssistant", vscode.StatusBarAlignment.Left, 49);
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly chats: Pick<ChatPanelManager, "active" | "onDidChangeActive">,
    private readonly directory: AssistantDirectory,
    store: ThreadStore,
  ) {
    this.item.name = vscode.l10n.t("LangGraph Assistant");
    this.item.command = "langgraph.switchAssistant";
    this.subscriptions = [
      chats.onDidChangeActive(() => this.render()),
      store.onDidChange((change) => {
        if (change.kind === "updated" && change.threadId === this.chats.active?.session.threadId) this.render();
      }),
    ];
    this.render();
  }

  render(): void {
    const session = this.chats.active?.session;
    const id = session?.selectedAssistantId;
    if (!session || !id) {
      this.item.hide();
      return;
    }
    const ref = this.directory.ref(id);
    this.item.text = `$(hubot) ${ref.name}`;
    this.item.tooltip = vscode.l10n.t(
      "Next message in “{0}” goes to {1}. Click to switch.",
      session.thread.title,
      ref.graphId ? `${ref.name} (${ref.graphId})` : ref.name,
    );
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
