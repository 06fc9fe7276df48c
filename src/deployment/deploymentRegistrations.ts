/** The connection's commands as activation registers them; their code (deploymentCommands.ts) loads on first use. */
import * as vscode from "vscode";
import type { ApiKeyStore } from "./apiKeyStore";
import type { DeploymentConnection } from "./deploymentConnection";
import type { DeploymentCommand } from "./deploymentCommands";

const COMMANDS: readonly DeploymentCommand[] = ["langgraph.setApiKey", "langgraph.clearApiKey", "langgraph.testConnection", "langgraph.switchDeployment", "langgraph.openSettings", "langgraph.connection.menu"];

export function registerDeploymentCommands(connection: DeploymentConnection, keys: ApiKeyStore, log: vscode.LogOutputChannel): vscode.Disposable[] {
  let handlers: Record<DeploymentCommand, () => unknown> | undefined;
  const load = () =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./deploymentCommands only here
    (handlers ??= (require("./deploymentCommands") as typeof import("./deploymentCommands")).deploymentCommandHandlers(connection, keys, log));
  return [
    ...COMMANDS.map((id) => vscode.commands.registerCommand(id, () => load()[id]())),
    vscode.commands.registerCommand("langgraph.showLog", () => log.show()),
  ];
}
