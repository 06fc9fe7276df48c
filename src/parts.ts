/**
 * The parts `activate` builds, returned to the extension-host tests. No feature imports this: each
 * command factory declares the narrow deps it needs, and extension.ts passes them.
 */
import type * as vscode from "vscode";
import type { AssistantDirectory } from "./state/assistantDirectory";
import type { ChatPanelManager } from "./chat";
import type { ApiKeyStore } from "./deployment/apiKeyStore";
import type { DeploymentConnection } from "./deployment/deploymentConnection";
import type { ThreadStore } from "./state/threadStore";
import type { WorkspaceMemory } from "./state/workspaceMemory";
import type { ThreadTreeProvider } from "./threads";

export interface ExtensionParts {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  connection: DeploymentConnection;
  keys: ApiKeyStore;
  assistants: AssistantDirectory;
  memory: WorkspaceMemory;
  store: ThreadStore;
  threads: ThreadTreeProvider;
  chats: ChatPanelManager;
}
