/** The focused chat panel's assistant in the status bar; clicking it switches. */
import * as vscode from "vscode";
import type { ChatPanelManager } from "../chat/chatPanelManager";
import type { AssistantDirectory } from "../state/assistantDirectory";

export class ActiveAssistantStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("langgraph.activeAssistant", vscode.StatusBarAlignment.Left, 49);
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly chats: ChatPanelManager,
    private readonly directory: AssistantDirectory,
  ) {
    this.item.name = "LangGraph Assistant";
    this.item.command = "langgraph.switchAssistant";
    this.subscription = chats.onDidChangeActive(() => this.render());
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
    this.item.tooltip = `Next message goes to ${ref.name}${ref.graphId ? ` (${ref.graphId})` : ""}. Click to switch.`;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
