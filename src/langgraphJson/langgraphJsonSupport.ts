/** Starts the langgraph.json language server once such a file is opened, backed by the deployment's assistants. */
import * as vscode from "vscode";
import { mapError } from "../deployment/errorMapping";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { AssistantSummary } from "./protocol";

/** What the language support needs; extension.ts passes the real parts. */
export interface LangGraphJsonDeps {
  log: vscode.LogOutputChannel;
  assistants: Pick<AssistantDirectory, "list">;
}

export function startLangGraphJsonSupport(context: vscode.ExtensionContext, parts: LangGraphJsonDeps): void {
  let started = false;
  const startIfNeeded = (document: vscode.TextDocument) => {
    if (started || document.uri.scheme !== "file" || !document.uri.path.endsWith("/langgraph.json")) return;
    started = true;
    opened.dispose();
    // The language client library is loaded only now: most sessions never open a langgraph.json.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./client only here
    const { startLangGraphJsonClient } = require("./client") as typeof import("./client");
    startLangGraphJsonClient(context, { log: parts.log, assistantsForGraph: (graphId) => assistantsForGraph(parts, graphId) }).catch((error) =>
      parts.log.error(`The langgraph.json language server did not start: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  // The server is a separate process: only worth starting when someone looks at a langgraph.json.
  const opened = vscode.workspace.onDidOpenTextDocument(startIfNeeded);
  context.subscriptions.push(opened);
  vscode.workspace.textDocuments.forEach(startIfNeeded);
}

async function assistantsForGraph(parts: LangGraphJsonDeps, graphId: string): Promise<AssistantSummary[]> {
  try {
    const all = await parts.assistants.list();
    return all
      .filter((assistant) => assistant.graph_id === graphId)
      .map(({ assistant_id, name, description, version }) => ({ assistant_id, name: name || graphId, description, version }));
  } catch (error) {
    throw new Error(mapError(error).message, { cause: error });
  }
}
