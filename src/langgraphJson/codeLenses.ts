/** "Chat with" and "Threads of" above every graph; the host registers the commands. */
import { Range, type CodeLens } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ConfigModel } from "./configModel";
import { GraphCommands } from "./protocol";

export function graphCodeLenses(document: TextDocument, model: ConfigModel): CodeLens[] {
  return model.graphs.flatMap(({ graphId, keyNode }) => {
    const range = Range.create(document.positionAt(keyNode.offset), document.positionAt(keyNode.offset + keyNode.length));
    return [
      { range, command: { title: `Chat with ${graphId}`, command: GraphCommands.chat, arguments: [graphId] } },
      { range, command: { title: `Threads of ${graphId}`, command: GraphCommands.threads, arguments: [graphId] } },
    ];
  });
}
