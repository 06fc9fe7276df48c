/**
 * Builds the extension's parts and wires them together. Nothing here talks to the deployment:
 * activation stays offline until a view or panel asks for data.
 */
import * as vscode from "vscode";
import { ActiveAssistantStatusBar } from "./assistants/activeAssistantStatusBar";
import { registerAssistantCommands } from "./assistants/assistantCommands";
import { AssistantDirectory } from "./state/assistantDirectory";
import { AssistantTreeProvider } from "./assistants/assistantTreeProvider";
import { CHAT_VIEW_TYPE } from "./chat/chatPanel";
import { registerGraphCommands } from "./graph/graphCommands";
import { GraphPanels } from "./graph/graphPanel";
import { ChatPanelManager } from "./chat/chatPanelManager";
import { insertAtCursor } from "./chat/insertAtCursor";
import { ApiKeyStore } from "./deployment/apiKeyStore";
import { ConnectionStatusBar } from "./deployment/connectionStatusBar";
import { registerDeploymentCommands } from "./deployment/deploymentCommands";
import { DeploymentConnection } from "./deployment/deploymentConnection";
import { threadStatusOf } from "./deployment/types";
import { startLangGraphJsonSupport } from "./langgraphJson/langgraphJsonSupport";
import type { ExtensionParts } from "./parts";
import type { WebviewPersistedState } from "./protocol/chatProtocol";
import { WorkspaceMemory } from "./state/workspaceMemory";
import { registerStateCommands } from "./threads/stateCommands";
import { registerThreadCommands } from "./threads/threadCommands";
import { ThreadTreeProvider } from "./threads/threadTreeProvider";

export interface LangGraphThreadsApi {
  parts: ExtensionParts;
  graphs: GraphPanels;
  assistantTree: AssistantTreeProvider;
}

export function activate(context: vscode.ExtensionContext): LangGraphThreadsApi {
  const log = vscode.window.createOutputChannel("LangGraph Threads", { log: true });
  const keys = new ApiKeyStore(context.secrets);
  const connection = new DeploymentConnection(keys, log);
  const assistants = new AssistantDirectory(connection.gateway);
  connection.onDidChangeClient(() => assistants.invalidate());
  const memory = new WorkspaceMemory(context.workspaceState);
  const threads = new ThreadTreeProvider(connection, assistants);

  let lastEditor = vscode.window.activeTextEditor;
  const graphs = new GraphPanels({ extensionUri: context.extensionUri, connection, assistants });
  const chats = new ChatPanelManager({
    graphs,
    extensionUri: context.extensionUri,
    connection,
    assistants,
    memory,
    actions: {
      openSettings: () => void vscode.commands.executeCommand("langgraph.openSettings"),
      setApiKey: () => void vscode.commands.executeCommand("langgraph.setApiKey"),
      showLog: () => log.show(),
      insertCode: (code) => insertAtCursor(lastEditor, code),
    },
    onThreadChanged: (thread, created) => {
      if (!thread.threadId) return;
      const now = new Date().toISOString();
      if (created) {
        threads.addThread({ thread_id: thread.threadId, created_at: now, updated_at: now, status: threadStatusOf(thread.status) ?? "idle", metadata: { title: thread.title } });
      } else {
        threads.applyChange(thread.threadId, { status: threadStatusOf(thread.status), updated_at: now, title: thread.title });
      }
    },
  });

  const parts: ExtensionParts = { context, log, connection, keys, assistants, memory, threads, chats };
  const threadView = vscode.window.createTreeView("langgraph.threads", { treeDataProvider: threads });
  threads.attach(threadView);
  const assistantTree = new AssistantTreeProvider(assistants, connection);
  const assistantView = vscode.window.createTreeView("langgraph.assistants", { treeDataProvider: assistantTree });
  assistantTree.attach(assistantView);

  context.subscriptions.push(
    log,
    keys,
    connection,
    threads,
    threadView,
    assistantTree,
    assistantView,
    chats,
    graphs,
    graphs.registerSerializer(),
    new ConnectionStatusBar(connection),
    new ActiveAssistantStatusBar(chats, assistants),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor) lastEditor = editor;
    }),
    vscode.window.registerWebviewPanelSerializer(CHAT_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: WebviewPersistedState | undefined) => {
        chats.restore(panel, state);
      },
    }),
    ...registerDeploymentCommands(connection, keys, log),
    ...registerThreadCommands(parts, threadView),
    ...registerAssistantCommands(parts, () => assistantTree.refresh()),
    ...registerStateCommands(parts),
    ...registerGraphCommands(parts, graphs),
  );
  void vscode.commands.executeCommand("setContext", "langgraph.connection", connection.url ? "unchecked" : "noUrl");
  startLangGraphJsonSupport(context, parts);
  return { parts, graphs, assistantTree };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
