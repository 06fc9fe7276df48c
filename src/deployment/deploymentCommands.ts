/** Commands about the connection: the API key, switching deployments, testing the connection. */
import * as vscode from "vscode";
import type { ApiKeyStore } from "./apiKeyStore";
import type { DeploymentConnection } from "./deploymentConnection";
import { SECTION } from "./deploymentSettings";
import { validateDeploymentUrl } from "./errorMapping";

export function registerDeploymentCommands(connection: DeploymentConnection, keys: ApiKeyStore, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const openSettings = () => vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.deploymentUrl`);

  const setApiKey = async () => {
    const url = connection.url;
    if (validateDeploymentUrl(url)) {
      void vscode.window.showErrorMessage("Set langgraph.deploymentUrl before its API key.", "Open Settings").then((a) => a && openSettings());
      return;
    }
    const key = await vscode.window.showInputBox({
      title: `API key for ${url}`,
      prompt: "Stored in VS Code's secret storage, only sent to this deployment.",
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : "The key cannot be empty."),
    });
    if (key === undefined) return;
    await keys.set(url, key.trim());
    log.info(`API key stored for ${new URL(url).origin}`);
    await testConnection();
  };

  const clearApiKey = async () => {
    await keys.clear(connection.url);
    void vscode.window.showInformationMessage(`Cleared the API key for ${connection.url}.`);
  };

  const testConnection = async () => {
    const state = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Connecting to ${connection.url}…` },
      () => connection.check(),
    );
    if (state.kind === "connected") void vscode.window.showInformationMessage(`Connected to ${connection.url}.`);
    else if (state.kind === "failed") void showFailure(state.error.message, state.error.actions);
  };

  const showFailure = async (message: string, actions: string[]) => {
    const labels: Record<string, string> = { openSettings: "Open Settings", setApiKey: "Set API Key", retry: "Retry", showLog: "Show Log" };
    const choice = await vscode.window.showErrorMessage(message, ...actions.map((a) => labels[a]).filter(Boolean));
    if (choice === "Open Settings") await openSettings();
    else if (choice === "Set API Key") await setApiKey();
    else if (choice === "Retry") await testConnection();
    else if (choice === "Show Log") log.show();
  };

  const switchDeployment = async () => {
    const { deployments } = connection.settings;
    const items: (vscode.QuickPickItem & { url?: string })[] = deployments.map((d) => ({
      label: d.name,
      description: d.url,
      url: d.url,
      picked: d.url === connection.url,
    }));
    items.push({ label: "$(edit) Enter a URL…", alwaysShow: true });
    const pick = await vscode.window.showQuickPick(items, { title: "Switch LangGraph Deployment", placeHolder: `Current: ${connection.url || "none"}` });
    if (!pick) return;
    let url = pick.url;
    if (!url) {
      url = await vscode.window.showInputBox({
        title: "LangGraph deployment URL",
        value: connection.url,
        validateInput: (value) => validateDeploymentUrl(value)?.message,
      });
    }
    if (!url) return;
    await vscode.workspace.getConfiguration(SECTION).update("deploymentUrl", url.trim(), vscode.ConfigurationTarget.Global);
    connection.useConfigured();
  };

  const menu = async () => {
    const pick = await vscode.window.showQuickPick(
      [
        { label: "$(debug-disconnect) Test Connection", id: "test" },
        { label: "$(arrow-swap) Switch Deployment…", id: "switch" },
        { label: "$(key) Set API Key…", id: "key" },
        { label: "$(gear) Open Settings", id: "settings" },
        { label: "$(output) Show Log", id: "log" },
      ],
      { title: `LangGraph: ${connection.url || "no deployment"}` },
    );
    if (pick?.id === "test") await testConnection();
    else if (pick?.id === "switch") await switchDeployment();
    else if (pick?.id === "key") await setApiKey();
    else if (pick?.id === "settings") await openSettings();
    else if (pick?.id === "log") log.show();
  };

  return [
    vscode.commands.registerCommand("langgraph.setApiKey", setApiKey),
    vscode.commands.registerCommand("langgraph.clearApiKey", clearApiKey),
    vscode.commands.registerCommand("langgraph.testConnection", testConnection),
    vscode.commands.registerCommand("langgraph.switchDeployment", switchDeployment),
    vscode.commands.registerCommand("langgraph.openSettings", openSettings),
    vscode.commands.registerCommand("langgraph.showLog", () => log.show()),
    vscode.commands.registerCommand("langgraph.connection.menu", menu),
  ];
}
