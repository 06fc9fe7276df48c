/** Starts the langgraph.json language server and answers its questions about the connected deployment. */
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { AssistantsForGraphRequest, type AssistantSummary } from "./protocol";
import type { LangGraphJsonInitOptions } from "./serverL10n";

export interface LangGraphJsonClientDeps {
  /**
   * The assistants of the connected deployment for a graph. Reject with a message worth showing in a
   * hover (e.g. "Not connected to a deployment") when they cannot be listed.
   */
  assistantsForGraph(graphId: string, configUri: string): Promise<AssistantSummary[]>;
  log: vscode.LogOutputChannel;
}

export async function startLangGraphJsonClient(context: vscode.ExtensionContext, deps: LangGraphJsonClientDeps): Promise<LanguageClient> {
  const server = { module: context.asAbsolutePath("dist/langgraphJsonServer.js"), transport: TransportKind.ipc };
  const serverOptions: ServerOptions = { run: server, debug: server };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", pattern: "**/langgraph.json" }],
    outputChannel: deps.log,
    // The server translates its diagnostics and hovers with the same bundle as the extension.
    initializationOptions: { l10nBundle: vscode.l10n.bundle } satisfies LangGraphJsonInitOptions,
  };
  const client = new LanguageClient("langgraphJson", "langgraph.json", serverOptions, clientOptions);
  client.onRequest(AssistantsForGraphRequest, async ({ graphId, configUri }) => {
    try {
      return { assistants: await deps.assistantsForGraph(graphId, configUri) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });
  context.subscriptions.push(client);
  await client.start();
  return client;
}
