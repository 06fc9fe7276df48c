/**
 * Read-only JSON documents of a thread's state: `langgraph-state:/<thread>.json` for the current state,
 * `langgraph-state:/<thread>/<checkpoint>.json` for the state at one checkpoint.
 */
import * as vscode from "vscode";
import type { DeploymentConnection } from "../deployment/deploymentConnection";

export const STATE_SCHEME = "langgraph-state";

export function stateUri(threadId: string, checkpointId?: string): vscode.Uri {
  return vscode.Uri.from({ scheme: STATE_SCHEME, path: checkpointId ? `/${threadId}/${checkpointId}.json` : `/${threadId}.json` });
}

export class ThreadStateDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly connection: DeploymentConnection) {}

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const match = uri.path.match(/^\/([^/]+?)(?:\/([^/]+))?\.json$/);
    if (!match) return "";
    const [, threadId, checkpointId] = match;
    try {
      const state = await this.connection.gateway.getStateJson(threadId, checkpointId);
      return `${JSON.stringify(state, null, 2)}\n`;
    } catch (error) {
      const mapped = this.connection.describe(error, { operation: vscode.l10n.t("read the thread's state"), subject: vscode.l10n.t("Thread {0}", threadId.slice(0, 8)) });
      return `${JSON.stringify({ error: mapped.message }, null, 2)}\n`;
    }
  }
}
