/** The assistant commands and documents as activation registers them; their code loads on first use. */
import * as vscode from "vscode";
import { registerLazyParts } from "../panels/lazyParts";
import type { AssistantCommandDeps } from "./assistantCommands";
import { ASSISTANT_SCHEME, asAssistantDocument } from "./assistantScheme";

export function registerAssistantCommands(deps: AssistantCommandDeps): vscode.Disposable[] {
  return [
    ...registerLazyParts(
      {
        commands: [
          "langgraph.assistants.create",
          "langgraph.assistants.edit",
          "langgraph.assistants.setVersion",
          "langgraph.switchAssistant",
          "langgraph.newThreadWithAssistant",
          "langgraph.chatWithGraph",
          "langgraph.sendSelection",
          "langgraph.assistants.chat",
          "langgraph.assistants.copyId",
          "langgraph.assistants.delete",
        ],
        fileSystems: [ASSISTANT_SCHEME],
      },
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./assistantCommands only here
      () => (require("./assistantCommands") as typeof import("./assistantCommands")).assistantCommandParts(deps),
    ),
    // Tabs restored after a reload, `vscode.open` and other extensions open them as plain JSON.
    vscode.workspace.onDidOpenTextDocument((document) => void asAssistantDocument(document)),
    vscode.commands.registerCommand("langgraph.assistants.refresh", () => deps.refreshView()),
  ];
}
