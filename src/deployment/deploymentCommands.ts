/**
 * Commands about the connection: the API key, switching deployments, testing the connection. A bundle of
 * its own (see esbuild.mjs), loaded by deploymentRegistrations.ts on first use.
 */
import * as vscode from "vscode";
import type { ApiKeyStore } from "./apiKeyStore";
import type { DeploymentConnection } from "./deploymentConnection";
import { SECTION } from "./deploymentSettings";
import { validateDeploymentUrl } from "./errorMapping";

export type DeploymentCommand =
  | "langgraph.setApiKey"
  | "langgraph.clearApiKey"
  | "langgraph.testConnection"
  | "langgraph.switchDeployment"
  | "langgraph.openSettings"
  | "langgraph.connection.menu";

export function deploymentCommandHandlers(connection: DeploymentConnection, keys: ApiKeyStore, log: vscode.LogOutputChannel): Record<DeploymentCommand, () => unknown> {
  const openSettings = () => vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.deploymentUrl`);

  const setApiKey = async () => {
    const url = connection.url;
    if (validateDeploymentUrl(url)) {
      void vscode.window.showErrorMessage(vscode.l10n.t("Set langgraph.deploymentUrl before its API key."), vscode.l10n.t("Open Settings")).then((a) => a && openSettings());
      return;
    }
    const key = await vscode.window.showInputBox({
      title: vscode.l10n.t("API key for {0}", url),
      prompt: vscode.l10n.t("Stored in VS Code's secret storage, only sent to this deployment."),
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t("The key cannot be empty.")),
    });
    if (key === undefined) return;
    await keys.set(url, key.trim());
    log.info(`API key stored for ${new URL(url).origin}`);
    await testConnection();
  };

  const clearApiKey = async () => {
    await keys.clear(connection.url);
    void vscode.window.showInformationMessage(vscode.l10n.t("Cleared the API key for {0}.", connection.url));
  };

  const testConnection = async () => {
    const state = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t("Connecting to {0}…", connection.url) },
      () => connection.check(),
    );
    if (state.kind === "connected") void vscode.window.showInformationMessage(vscode.l10n.t("Connected to {0}.", connection.url));
    else if (state.kind === "failed") void showFailure(state.error.message, state.error.actions);
  };

  const showFailure = async (message: string, actions: string[]) => {
    const labels: Record<string, string> = {
      openSettings: vscode.l10n.t("Open Settings"),
      setApiKey: vscode.l10n.t("Set API Key"),
      retry: vscode.l10n.t("Retry"),
      showLog: vscode.l10n.t("Show Log"),
    };
    const choice = await vscode.window.showErrorMessage(message, ...actions.map((a) => labels[a]).filter(Boolean));
    if (choice === labels.openSettings) await openSettings();
    else if (choice === labels.setApiKey) await setApiKey();
    else if (choice === labels.retry) await testConnection();
    else if (choice === labels.showLog) log.show();
  };

  const switchDeployment = async () => {
    const { deployments } = connection.settings;
    const items: (vscode.QuickPickItem & { url?: string })[] = deployments.map((d) => ({
      label: d.name,
      description: d.url,
      url: d.url,
      picked: d.url === connection.url,
    }));
    items.push({ label: `$(edit) ${vscode.l10n.t("Enter a URL…")}`, alwaysShow: true });
    const pick = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t("Switch LangGraph Deployment"),
      placeHolder: vscode.l10n.t("Current: {0}", connection.url || vscode.l10n.t("none")),
    });
    if (!pick) return;
    let url = pick.url;
    if (!url) {
      url = await vscode.window.showInputBox({
        title: vscode.l10n.t("LangGraph deployment URL"),
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
        { label: `$(debug-disconnect) ${vscode.l10n.t("Test Connection")}`, id: "test" },
        { label: `$(arrow-swap) ${vscode.l10n.t("Switch Deployment…")}`, id: "switch" },
        { label: `$(key) ${vscode.l10n.t("Set API Key…")}`, id: "key" },
        { label: `$(gear) ${vscode.l10n.t("Open Settings")}`, id: "settings" },
        { label: `$(output) ${vscode.l10n.t("Show Log")}`, id: "log" },
      ],
      { title: vscode.l10n.t("LangGraph: {0}", connection.url || vscode.l10n.t("no deployment")) },
    );
    if (pick?.id === "test") await testConnection();
    else if (pick?.id === "switch") await switchDeployment();
    else if (pick?.id === "key") await setApiKey();
    else if (pick?.id === "settings") await openSettings();
    else if (pick?.id === "log") log.show();
  };

  return {
    "langgraph.setApiKey": setApiKey,
    "langgraph.clearApiKey": clearApiKey,
    "langgraph.testConnection": testConnection,
    "langgraph.switchDeployment": switchDeployment,
    "langgraph.openSettings": openSettings,
    "langgraph.connection.menu": menu,
  };
}
