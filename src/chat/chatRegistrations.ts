/** The chat's commands and run input documents as activation registers them; their code loads on first use. */
import type * as vscode from "vscode";
import { registerLazyParts } from "../panels/lazyParts";
import type { ChatPanelManager } from "./chatPanelManager";
import { EDIT_INPUT_COMMAND, INPUT_SCHEME, RUN_INPUT_COMMAND } from "./inputDocumentText";
import type { InputDocumentsDeps } from "./inputDocuments";

function chatCommandParts(): typeof import("./chatCommandParts") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./chatCommandParts only here
  return require("./chatCommandParts") as typeof import("./chatCommandParts");
}

export function registerAttachCommand(chats: ChatPanelManager): vscode.Disposable[] {
  return registerLazyParts({ commands: ["langgraph.chat.attachFile"] }, () => chatCommandParts().attachCommandParts(chats));
}

export function registerInputDocuments(deps: InputDocumentsDeps): vscode.Disposable[] {
  return registerLazyParts({ commands: [EDIT_INPUT_COMMAND, RUN_INPUT_COMMAND], fileSystems: [INPUT_SCHEME] }, () => chatCommandParts().inputDocumentParts(deps));
}
