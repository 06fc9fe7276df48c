/** The connection in the status bar: where the extension points and whether it gets in. */
import * as vscode from "vscode";
import type { ConnectionState, DeploymentConnection } from "./deploymentConnection";

export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("langgraph.connection", vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connection: DeploymentConnection) {
    this.item.name = vscode.l10n.t("LangGraph Connection");
    this.item.command = "langgraph.connection.menu";
    this.subscription = connection.onDidChangeState((state) => this.render(state));
    this.render(connection.state);
    this.item.show();
  }

  /** What the status bar shows (read by the extension-host tests). */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private render(state: ConnectionState): void {
    const url = this.connection.url;
    const target = this.connection.target;
    this.item.backgroundColor = undefined;
    if (target.kind === "localStopped") {
      this.item.text = `$(debug-disconnect) ${vscode.l10n.t("LangGraph: disconnected")}`;
      this.item.tooltip = vscode.l10n.t("LangGraph: the local server stopped. Click to switch deployment, or start the local server again.");
      this.item.accessibilityInformation = { label: this.item.tooltip };
      return;
    }
    const host = target.kind === "local" ? vscode.l10n.t("LangGraph: local") : hostOf(url);
    switch (state.kind) {
      case "unchecked":
        this.item.text = `$(plug) ${host}`;
        this.item.tooltip = vscode.l10n.t("LangGraph: {0} (not checked yet). Click to test or switch.", url || vscode.l10n.t("no deployment"));
        break;
      case "checking":
        this.item.text = `$(sync~spin) ${host}`;
        this.item.tooltip = vscode.l10n.t("LangGraph: connecting to {0}…", url);
        break;
      case "connected":
        this.item.text = `$(pass-filled) ${host}`;
        this.item.tooltip = vscode.l10n.t("LangGraph: connected to {0}", url);
        break;
      case "failed": {
        const label: Record<string, string> = {
          noUrl: vscode.l10n.t("no URL"),
          invalidUrl: vscode.l10n.t("invalid URL"),
          unauthorized: vscode.l10n.t("unauthorized"),
          forbidden: vscode.l10n.t("forbidden"),
          unreachable: vscode.l10n.t("unreachable"),
        };
        this.item.text = `$(error) ${host}: ${label[state.error.kind] ?? vscode.l10n.t("error")}`;
        this.item.tooltip = vscode.l10n.t("LangGraph: {0}", state.error.message);
        this.item.backgroundColor = new vscode.ThemeColor("statusBarItem.errorBackground");
        break;
      }
    }
    this.item.accessibilityInformation = { label: String(this.item.tooltip) };
  }
}

function hostOf(url: string): string {
  if (!url) return vscode.l10n.t("LangGraph: no deployment");
  try {
    return vscode.l10n.t("LangGraph: {0}", new URL(url).host);
  } catch {
    return vscode.l10n.t("LangGraph: invalid URL");
  }
}
