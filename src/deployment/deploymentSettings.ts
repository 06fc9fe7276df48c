/** Reads the connection settings, honouring workspace trust. */
import * as vscode from "vscode";

export const SECTION = "langgraph";

interface NamedDeployment {
  name: string;
  url: string;
}

export interface DeploymentSettings {
  url: string;
  /** Where the URL came from: a URL from a cloned repository's settings deserves suspicion. */
  source: "default" | "user" | "workspace" | "local";
  timeoutMs: number;
  deployments: NamedDeployment[];
}

/**
 * A setting's value, ignoring workspace and folder values in an untrusted workspace: a repository the
 * user just cloned must not point the extension at its own server.
 */
export function trustedSetting<T>(key: string): { value: T | undefined; source: DeploymentSettings["source"] } {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<T>(key);
  if (!inspected) return { value: undefined, source: "default" };
  if (vscode.workspace.isTrusted) {
    if (inspected.workspaceFolderValue !== undefined) return { value: inspected.workspaceFolderValue, source: "workspace" };
    if (inspected.workspaceValue !== undefined) return { value: inspected.workspaceValue, source: "workspace" };
  }
  if (inspected.globalValue !== undefined) return { value: inspected.globalValue, source: "user" };
  return { value: inspected.defaultValue, source: "default" };
}

export function readDeploymentSettings(): DeploymentSettings {
  const url = trustedSetting<string>("deploymentUrl");
  const timeout = trustedSetting<number>("requestTimeoutSeconds").value ?? 30;
  const deployments = (trustedSetting<NamedDeployment[]>("deployments").value ?? []).filter(
    (d) => typeof d?.name === "string" && typeof d?.url === "string",
  );
  return { url: (url.value ?? "").trim(), source: url.source, timeoutMs: Math.max(1, timeout) * 1000, deployments };
}

export function affectsDeployment(event: vscode.ConfigurationChangeEvent): boolean {
  return ["deploymentUrl", "requestTimeoutSeconds", "deployments"].some((key) => event.affectsConfiguration(`${SECTION}.${key}`));
}
