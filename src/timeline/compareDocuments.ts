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
      if (!state) return `// Checkpoint ${checkpoint} no longer exists on ${this.connection.url ?? "the deployment"}.\n`;
      return formatState(state.values);
    } catch (error) {
      return `// ${this.connection.describe(error, { operation: "read the state", subject: `Thread ${threadId.slice(0, 8)}` }).message}\n`;
    }
  }
}
