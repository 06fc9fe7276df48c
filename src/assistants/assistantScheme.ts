/** The address and language of an assistant's document, which the host needs before any is opened. */
import type * as vscode from "vscode";
import { withDocumentLanguage } from "../panels/deploymentDocuments";

export const ASSISTANT_SCHEME = "langgraph-assistant";
/** Every save creates an assistant or a new version: its own language keeps auto save off. */
const ASSISTANT_LANGUAGE = "langgraph-assistant";

export function asAssistantDocument(document: vscode.TextDocument): Promise<vscode.TextDocument> {
  return withDocumentLanguage(document, ASSISTANT_SCHEME, ASSISTANT_LANGUAGE);
}
