/**
 * Read-only JSON of a thread's state for VS Code's diff editor: `langgraph-compare:/<thread>/<checkpoint>.json`
 * (or `/<thread>/head.json` for the thread's current state). Keys are sorted at every depth, so a diff shows
 * what changed, not where the server happened to put a key.
 */
import * as vscode from "vscode";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import { formatState } from "./stateEdit";

export const COMPARE_SCHEME = "langgraph-compare";
const HEAD = "head";

export function compareUri(threadId: string, checkpointId?: string): vscode.Uri {
  return vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${threadId}/${checkpointId ?? HEAD}.json` });
}

export class CompareDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly connection: DeploymentConnection) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const match = uri.path.match(/^\/([^/]+)\/([^/]+)\.json$/);
    if (!match) return "";
    const [, threadId, checkpoint] = match;
    const { gateway } = this.connection;
    try {
      const state = checkpoint === HEAD ? await gateway.getState(threadId) : await gateway.getCheckpoint(threadId, checkpoint);
      if (!state) return vscode.l10n.t("// Checkpoint {0} no longer exists on {1}.\n", checkpoint, this.connection.url ?? vscode.l10n.t("the deployment"));
      return formatState(state.values);
    } catch (error) {
      return `// ${this.connection.describe(error, { operation: vscode.l10n.t("read the state"), subject: vscode.l10n.t("Thread {0}", threadId.slice(0, 8)) }).message}\n`;
    }
  }
}
