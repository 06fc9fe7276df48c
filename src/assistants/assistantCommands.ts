/** Switching, chatting with and managing assistants, from the palette, the view and code lenses. */
import * as vscode from "vscode";
import type { ExtensionParts } from "../parts";
import { pickAssistant } from "./assistantPicker";
import { isGraphDefault } from "./assistantDirectory";
import type { AssistantNode } from "./assistantTreeProvider";

export function registerAssistantCommands(parts: ExtensionParts, refreshView: () => void): vscode.Disposable[] {
  const { chats, assistants, memory, connection } = parts;
  const fail = (error: unknown, operation: string) => void vscode.window.showErrorMessage(connection.describe(error, { operation }).message);

  /** Sets the assistant for the next message in the focused panel, or the default for new threads. */
  const switchAssistant = async () => {
    const panel = chats.active;
    try {
      const chosen = await pickAssistant(assistants, {
        title: panel ? `Switch Assistant for “${panel.session.thread.title}”` : "Default Assistant for New Threads",
        currentId: panel?.session.selectedAssistantId ?? memory.lastAssistant(undefined),
      });
      if (!chosen) return;
      if (panel) panel.session.selectAssistant(chosen.assistant_id);
      else {
        memory.setDefaultAssistant(chosen.assistant_id);
        void vscode.window.setStatusBarMessage(`New threads will start with ${chosen.name}`, 3000);
      }
    } catch (error) {
      fail(error, "list assistants");
    }
  };

  const newThreadWith = async () => {
    try {
      const chosen = await pickAssistant(assistants, { title: "New Thread with Assistant" });
      if (chosen) chats.open(undefined, { assistantId: chosen.assistant_id });
    } catch (error) {
      fail(error, "list assistants");
    }
  };

  const chatWithGraph = async (graphId?: string) => {
    if (typeof graphId !== "string") return newThreadWith();
    try {
      const assistant = await assistants.defaultFor(graphId);
      if (!assistant) {
        void vscode.window.showErrorMessage(`The deployment at ${connection.url} has no assistant for graph “${graphId}”.`);
        return;
      }
      chats.open(undefined, { assistantId: assistant.assistant_id });
    } catch (error) {
      fail(error, "find the graph's assistant");
    }
  };

  const deleteAssistant = async (node?: AssistantNode) => {
    if (node?.kind !== "assistant") return;
    if (isGraphDefault(node.assistant)) {
      void vscode.window.showWarningMessage("A graph's default assistant cannot be deleted.");
      return;
    }
    const choice = await vscode.window.showWarningMessage(`Delete assistant “${node.assistant.name}”?`, { modal: true, detail: "Threads it wrote in keep their messages." }, "Delete");
    if (choice !== "Delete") return;
    try {
      const client = await connection.client();
      await client.assistants.delete(node.assistant.assistant_id);
      refreshView();
    } catch (error) {
      fail(error, "delete the assistant");
    }
  };

  /** The editor's selection, with its file and language, as the next message of a thread. */
  const sendSelection = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) {
      void vscode.window.showInformationMessage("Select some code to send.");
      return;
    }
    const code = editor.document.getText(editor.selection);
    const file = vscode.workspace.asRelativePath(editor.document.uri);
    const fence = code.includes("```") ? "````" : "```";
    const text = `${file} (lines ${editor.selection.start.line + 1}–${editor.selection.end.line + 1}):\n\n${fence}${editor.document.languageId}\n${code}\n${fence}`;
    const open = chats.all.filter((p) => p.session.threadId);
    type Target = vscode.QuickPickItem & { threadId?: string };
    const targets: Target[] = [
      { label: "$(add) New Thread" },
      ...open.map((p) => ({ label: p.session.thread.title, description: p.session.threadId, threadId: p.session.threadId })),
    ];
    const target = open.length ? await vscode.window.showQuickPick(targets, { title: "Send Selection to Thread" }) : targets[0];
    if (!target) return;
    try {
      const panel = chats.open(target.threadId);
      const assistant = await pickAssistant(assistants, { title: "Send to Assistant", currentId: panel.session.selectedAssistantId });
      if (!assistant) return;
      await panel.session.send(text, assistant.assistant_id);
    } catch (error) {
      fail(error, "send the selection");
    }
  };

  return [
    vscode.commands.registerCommand("langgraph.switchAssistant", switchAssistant),
    vscode.commands.registerCommand("langgraph.newThreadWithAssistant", newThreadWith),
    vscode.commands.registerCommand("langgraph.chatWithGraph", chatWithGraph),
    vscode.commands.registerCommand("langgraph.sendSelection", sendSelection),
    vscode.commands.registerCommand("langgraph.assistants.refresh", refreshView),
    vscode.commands.registerCommand("langgraph.assistants.chat", (node?: AssistantNode) => {
      if (node?.kind === "assistant") chats.open(undefined, { assistantId: node.assistant.assistant_id });
      else if (node?.kind === "graph") return chatWithGraph(node.graphId);
      else return newThreadWith();
    }),
    vscode.commands.registerCommand("langgraph.assistants.copyId", async (node?: AssistantNode) => {
      if (node?.kind !== "assistant") return;
      await vscode.env.clipboard.writeText(node.assistant.assistant_id);
      void vscode.window.setStatusBarMessage(`Copied assistant id ${node.assistant.assistant_id}`, 3000);
    }),
    vscode.commands.registerCommand("langgraph.assistants.delete", deleteAssistant),
  ];
}
