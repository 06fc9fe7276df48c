/**
 * Switching, chatting with and managing assistants, from the palette, the view and code lenses: a bundle
 * of its own (see esbuild.mjs), loaded by assistantRegistrations.ts on first use.
 */
import * as vscode from "vscode";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import type { WorkspaceMemory } from "../state/workspaceMemory";
import { pickAssistant } from "./assistantPicker";
import { isGraphDefault, type AssistantDirectory } from "../state/assistantDirectory";
import type { AssistantNode } from "./assistantTreeProvider";
import { AssistantDocuments, assistantUri, newAssistantUri } from "./assistantDocuments";
import { ASSISTANT_SCHEME, asAssistantDocument } from "./assistantScheme";
import type { LoadedParts } from "../panels/lazyParts";

/** A chat as these commands use it: its thread, its assistant for the next message, and sending. */
export interface AssistantChat {
  readonly threadId?: string;
  readonly thread: { title: string };
  readonly selectedAssistantId?: string;
  selectAssistant(assistantId: string): void;
  send(text: string, assistantId: string): Promise<void>;
}

/** What the assistant commands need; extension.ts passes the real parts. */
export interface AssistantCommandDeps {
  assistants: AssistantDirectory;
  memory: Pick<WorkspaceMemory, "lastAssistant" | "setDefaultAssistant">;
  connection: DeploymentConnection;
  chats: {
    /** The focused chat, if any. */
    active(): AssistantChat | undefined;
    /** Every open chat. */
    all(): AssistantChat[];
    /** Opens (or reveals) a thread's chat; without an id, a new thread. */
    open(threadId?: string, options?: { assistantId?: string }): AssistantChat;
  };
  refreshView(): void;
}

export function assistantCommandParts(deps: AssistantCommandDeps): LoadedParts {
  const { chats, assistants, memory, connection } = deps;
  const refreshView = () => deps.refreshView();
  const fail = (error: unknown, operation: string) => void vscode.window.showErrorMessage(connection.describe(error, { operation }).message);

  /**
   * Sets the assistant for the next message in the focused panel, or the default for new threads.
   * An assistant id argument (from a keybinding's `args`) skips the picker.
   */
  const switchAssistant = async (assistantId?: unknown) => {
    const panel = chats.active();
    try {
      const chosen =
        typeof assistantId === "string"
          ? await assistants.get(assistantId)
          : await pickAssistant(assistants, {
              title: panel ? vscode.l10n.t("Switch Assistant for “{0}”", panel.thread.title) : vscode.l10n.t("Default Assistant for New Threads"),
              currentId: panel?.selectedAssistantId ?? memory.lastAssistant(undefined),
            });
      if (!chosen) {
        if (typeof assistantId === "string") void vscode.window.showErrorMessage(vscode.l10n.t("No assistant with id {0} on {1}.", assistantId, connection.url));
        return;
      }
      if (panel) panel.selectAssistant(chosen.assistant_id);
      else {
        memory.setDefaultAssistant(chosen.assistant_id);
        void vscode.window.setStatusBarMessage(vscode.l10n.t("New threads will start with {0}", chosen.name), 3000);
      }
    } catch (error) {
      fail(error, vscode.l10n.t("list assistants"));
    }
  };

  const newThreadWith = async () => {
    try {
      const chosen = await pickAssistant(assistants, { title: vscode.l10n.t("New Thread with Assistant") });
      if (chosen) chats.open(undefined, { assistantId: chosen.assistant_id });
    } catch (error) {
      fail(error, vscode.l10n.t("list assistants"));
    }
  };

  const chatWithGraph = async (graphId?: string) => {
    if (typeof graphId !== "string") return newThreadWith();
    try {
      const assistant = await assistants.defaultFor(graphId);
      if (!assistant) {
        void vscode.window.showErrorMessage(vscode.l10n.t("The deployment at {0} has no assistant for graph “{1}”.", connection.url, graphId));
        return;
      }
      chats.open(undefined, { assistantId: assistant.assistant_id });
    } catch (error) {
      fail(error, vscode.l10n.t("find the graph's assistant"));
    }
  };

  const deleteAssistant = async (node?: AssistantNode) => {
    if (node?.kind !== "assistant") return;
    if (isGraphDefault(node.assistant)) {
      void vscode.window.showWarningMessage(vscode.l10n.t("A graph's default assistant cannot be deleted."));
      return;
    }
    const remove = vscode.l10n.t("Delete");
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t("Delete assistant “{0}”?", node.assistant.name),
      { modal: true, detail: vscode.l10n.t("Threads it wrote in keep their messages.") },
      remove,
    );
    if (choice !== remove) return;
    try {
      await connection.gateway.deleteAssistant(node.assistant.assistant_id);
      refreshView();
    } catch (error) {
      fail(error, vscode.l10n.t("delete the assistant"));
    }
  };

  /** The editor's selection, with its file and language, as the next message of a thread. */
  const sendSelection = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) {
      void vscode.window.showInformationMessage(vscode.l10n.t("Select some code to send."));
      return;
    }
    const code = editor.document.getText(editor.selection);
    const file = vscode.workspace.asRelativePath(editor.document.uri);
    const fence = code.includes("```") ? "````" : "```";
    const text = `${file} (lines ${editor.selection.start.line + 1}–${editor.selection.end.line + 1}):\n\n${fence}${editor.document.languageId}\n${code}\n${fence}`;
    const open = chats.all().filter((p) => p.threadId);
    type Target = vscode.QuickPickItem & { threadId?: string };
    const targets: Target[] = [
      { label: `$(add) ${vscode.l10n.t("New Thread")}` },
      ...open.map((p) => ({ label: p.thread.title, description: p.threadId, threadId: p.threadId })),
    ];
    const target = open.length ? await vscode.window.showQuickPick(targets, { title: vscode.l10n.t("Send Selection to Thread") }) : targets[0];
    if (!target) return;
    try {
      const panel = chats.open(target.threadId);
      const assistant = await pickAssistant(assistants, { title: vscode.l10n.t("Send to Assistant"), currentId: panel.selectedAssistantId });
      if (!assistant) return;
      await panel.send(text, assistant.assistant_id);
    } catch (error) {
      fail(error, vscode.l10n.t("send the selection"));
    }
  };

  const openDocument = async (uri: vscode.Uri) => {
    const document = await asAssistantDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.window.showTextDocument(document, { preview: false });
  };

  /**
   * A tab shows the assistant's name: after a create from an editor (the "new" tab) or a rename, the
   * tab is replaced by the assistant's own document, so the next save updates it. Only once VS Code has
   * finished that save, since closing a tab mid-save fails the save. A save from no editor opens nothing.
   */
  const documents = new AssistantDocuments(connection, assistants, (assistant, created, uri) => {
    refreshView();
    void vscode.window.showInformationMessage(created ? vscode.l10n.t("Assistant created.") : vscode.l10n.t("Assistant saved."));
    const own = assistantUri(assistant.assistant_id, assistant.name);
    if (own.toString() === uri.toString()) return;
    const editing = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!editing) return;
    const replace = async () => {
      saved.dispose();
      clearTimeout(fallback);
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      const showing = tabs.filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
      // A tab the user closed meanwhile is not brought back.
      if (!showing.length) return;
      await vscode.window.tabGroups.close(showing);
      await openDocument(own);
    };
    const saved = vscode.workspace.onDidSaveTextDocument((document) => {
      if (document === editing) void replace();
    });
    // Saved through the file system API while the document was open: no save event follows. Unsaved
    // edits in that tab are the user's: it stays.
    const fallback = setTimeout(() => {
      if (editing.isDirty) saved.dispose();
      else void replace();
    }, 5000);
  });

  const createAssistant = async (node?: AssistantNode) => {
    let graphId = node?.kind === "graph" ? node.graphId : node?.kind === "assistant" ? node.assistant.graph_id : undefined;
    if (!graphId) {
      try {
        const graphs = [...new Set((await assistants.list()).map((a) => a.graph_id))];
        graphId = await vscode.window.showQuickPick(graphs, { title: vscode.l10n.t("Create Assistant from Graph") });
      } catch (error) {
        return fail(error, vscode.l10n.t("list graphs"));
      }
    }
    if (graphId) await openDocument(newAssistantUri(graphId));
  };

  const editAssistant = async (node?: AssistantNode) => {
    const assistant = node?.kind === "assistant" ? node.assistant : await pickAssistant(assistants, { title: vscode.l10n.t("Edit Assistant Config") }).catch(() => undefined);
    if (assistant) await openDocument(assistantUri(assistant.assistant_id, assistant.name));
  };

  /** `version` given (a keybinding, a script) skips the pick. */
  const setActiveVersion = async (node?: AssistantNode, version?: unknown) => {
    if (node?.kind !== "assistant") return;
    try {
      const { gateway } = connection;
      const pick =
        typeof version === "number"
          ? { version }
          : await vscode.window.showQuickPick(
              (await gateway.assistantVersions(node.assistant.assistant_id, 100)).map((v) => ({
                label: v.version === node.assistant.version ? vscode.l10n.t("v{0} (active)", v.version) : `v${v.version}`,
                description: new Date(v.created_at).toLocaleString(),
                detail: JSON.stringify(v.config?.configurable ?? {}),
                version: v.version,
              })),
              { title: vscode.l10n.t("Versions of {0}", node.assistant.name) },
            );
      if (!pick) return;
      await gateway.setAssistantVersion(node.assistant.assistant_id, pick.version);
      documents.changedOnServer(node.assistant.assistant_id);
      refreshView();
    } catch (error) {
      fail(error, vscode.l10n.t("change the assistant's version"));
    }
  };

  return {
    commands: {
      "langgraph.assistants.create": createAssistant,
      "langgraph.assistants.edit": editAssistant,
      "langgraph.assistants.setVersion": setActiveVersion,
      "langgraph.switchAssistant": switchAssistant,
      "langgraph.newThreadWithAssistant": newThreadWith,
      "langgraph.chatWithGraph": chatWithGraph,
      "langgraph.sendSelection": sendSelection,
      "langgraph.assistants.chat": (node?: AssistantNode) => {
        if (node?.kind === "assistant") chats.open(undefined, { assistantId: node.assistant.assistant_id });
        else if (node?.kind === "graph") return chatWithGraph(node.graphId);
        else return newThreadWith();
      },
      "langgraph.assistants.copyId": async (node?: AssistantNode) => {
        if (node?.kind !== "assistant") return;
        await vscode.env.clipboard.writeText(node.assistant.assistant_id);
        void vscode.window.setStatusBarMessage(vscode.l10n.t("Copied assistant id {0}", node.assistant.assistant_id), 3000);
      },
      "langgraph.assistants.delete": deleteAssistant,
    },
    fileSystems: { [ASSISTANT_SCHEME]: documents },
  };
}
