/** The parts `activate` builds, handed to every command factory (one context object, no globals). */
import type * as vscode from "vscode";
import type { AssistantDirectory } from "./state/assistantDirectory";
import type { ChatPanelManager } from "./chat/chatPanelManager";
import type { ApiKeyStore } from "./deployment/apiKeyStore";
import type { DeploymentConnection } from "./deployment/deploymentConnection";
import type { WorkspaceMemory } from "./state/workspaceMemory";
import type { ThreadTreeProvider } from "./threads/threadTreeProvider";

export interface ExtensionParts {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  connection: DeploymentConnection;
  keys: ApiKeyStore;
  assistants: AssistantDirectory;
  memory: WorkspaceMemory;
  threads: ThreadTreeProvider;
  chats: ChatPanelManager;
}
