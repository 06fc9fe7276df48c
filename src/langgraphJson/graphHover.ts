/** Hover on a graph ID: the assistants the connected deployment has for it, asked of the host. */
import * as l10n from "@vscode/l10n";
import { Range, type CancellationToken, type Connection, type Hover } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { GraphEntry } from "./configModel";
import { AssistantsForGraphRequest, type AssistantsForGraphResult } from "./protocol";

export async function graphHover(connection: Connection, document: TextDocument, graph: GraphEntry, token: CancellationToken): Promise<Hover> {
  let result: AssistantsForGraphResult;
  try {
    result = await connection.sendRequest(AssistantsForGraphRequest, { graphId: graph.graphId, configUri: document.uri }, token);
  } catch (error) {
    result = { error: error instanceof Error ? error.message : String(error) };
  }
  const { keyNode } = graph;
  return {
    contents: { kind: "markdown", value: formatAssistants(graph.graphId, result) },
    range: Range.create(document.positionAt(keyNode.offset), document.positionAt(keyNode.offset + keyNode.length)),
  };
}

function formatAssistants(graphId: string, result: AssistantsForGraphResult): string {
  const title = `**Graph \`${graphId.replace(/`/g, "'")}\`**`;
  if ("error" in result) return l10n.t("{0}: could not list its assistants: {1}", title, escapeMarkdown(result.error));
  const { assistants } = result;
  if (assistants.length === 0) return l10n.t("{0}: no assistants on the connected deployment.", title);
  const lines = assistants.map((assistant) => {
    const details = [`\`${assistant.assistant_id}\``];
    if (assistant.version !== undefined) details.push(`v${assistant.version}`);
    const description = assistant.description ? ` — ${escapeMarkdown(assistant.description)}` : "";
    return `- **${escapeMarkdown(assistant.name)}** · ${details.join(" · ")}${description}`;
  });
  const count = assistants.length === 1 ? "1 assistant" : `${assistants.length} assistants`;
  return l10n.t("{0}: {1} on the connected deployment\n\n{2}", title, count, lines.join("\n"));
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, "\\$&").replace(/\s*\n\s*/g, " ");
}
