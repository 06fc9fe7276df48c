/** The address and language of a checkpoint's state document, which the host needs before any is opened. */
import * as vscode from "vscode";
import { withDocumentLanguage } from "../panels/deploymentDocuments";
import { parseCheckpointPath, statePath } from "./checkpointPaths";

export const CHECKPOINT_SCHEME = "langgraph-checkpoint";
/** JSON to VS Code's JSON support, a language of its own so auto save stays off: every save forks the thread. */
const CHECKPOINT_LANGUAGE = "langgraph-checkpoint";

export function checkpointUri(threadId: string, checkpointId: string, title: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CHECKPOINT_SCHEME, path: statePath(threadId, checkpointId, title) });
}

export async function asCheckpointDocument(document: vscode.TextDocument): Promise<vscode.TextDocument> {
  // The schema documents VS Code's JSON support reads are not edited: they keep their language.
  if (document.uri.scheme === CHECKPOINT_SCHEME && parseCheckpointPath(document.uri.path)?.kind !== "state") return document;
  return withDocumentLanguage(document, CHECKPOINT_SCHEME, CHECKPOINT_LANGUAGE);
}
