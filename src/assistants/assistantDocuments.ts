/**
 * Assistants as editor tabs: `langgraph-assistant:/<id>.json` edits one, `langgraph-assistant:/new/<graph>.json`
 * creates one. Saving validates the JSON and writes it with `assistants.update` / `assistants.create`.
 */
import * as vscode from "vscode";
import { DeploymentDocuments } from "../panels/deploymentDocuments";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import type { AssistantDirectory } from "../state/assistantDirectory";
import { draftOf, formatDraft, newDraft, parseDraft } from "./assistantDraft";
import { assistantPath, newAssistantPath, parseAssistantPath, type AssistantTarget } from "./assistantPaths";
import { ASSISTANT_SCHEME } from "./assistantScheme";

/** The document that edits an assistant, titled by its name when it is known. */
export function assistantUri(assistantId: string, name?: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ASSISTANT_SCHEME, path: assistantPath(assistantId, name) });
}

export function newAssistantUri(graphId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ASSISTANT_SCHEME, path: newAssistantPath(graphId) });
}

export class AssistantDocuments extends DeploymentDocuments {
  constructor(
    private readonly connection: DeploymentConnection,
    private readonly directory: AssistantDirectory,
    private readonly onSaved: (assistant: { assistant_id: string; name: string }, created: boolean, uri: vscode.Uri) => void,
  ) {
    super({
      folders: "Assistants have no folders.",
      delete: "Delete assistants from the Assistants view.",
      rename: "Rename an assistant by editing its name.",
    });
  }

  protected isDocument(uri: vscode.Uri): boolean {
    return parseAssistantPath(uri.path) !== undefined;
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const target = parse(uri);
    let text: string;
    if (target.kind === "new") {
      text = formatDraft(newDraft(target.graphId));
    } else {
      const assistant = await this.connection.gateway.getAssistant(target.assistantId);
      if (!assistant) throw vscode.FileSystemError.FileNotFound(uri);
      text = formatDraft(draftOf(assistant));
    }
    const bytes = new TextEncoder().encode(text);
    return bytes;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const target = parse(uri);
    let draft;
    try {
      draft = parseDraft(new TextDecoder().decode(content));
    } catch (error) {
      // Shown by VS Code as the reason the save failed; the editor keeps the user's text.
      throw vscode.FileSystemError.NoPermissions((error as Error).message);
    }
    const { gateway } = this.connection;
    try {
      if (target.kind === "new") {
        const created = await gateway.createAssistant(target.graphId, draft);
        this.directory.invalidate();
        this.onSaved(created, true, uri);
      } else {
        const updated = await gateway.updateAssistant(target.assistantId, draft);
        this.directory.invalidate();
        this.onSaved(updated, false, uri);
      }
    } catch (error) {
      throw vscode.FileSystemError.Unavailable(this.connection.describe(error, { operation: vscode.l10n.t("save the assistant") }).message);
    }
    this.touched(uri);
    // An open document with unsaved edits is its editor saving (or holds the user's edits): telling
    // VS Code it changed mid-save makes the save report failure. Any other open copy should reload.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!open?.isDirty) this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** The assistant changed on the server by other means (a version made active): open editors reload. */
  changedOnServer(assistantId: string): void {
    const edits = (uri: vscode.Uri) => {
      const target = uri.scheme === ASSISTANT_SCHEME ? parseAssistantPath(uri.path) : undefined;
      return target?.kind === "existing" && target.assistantId === assistantId;
    };
    const uris = vscode.workspace.textDocuments.map((d) => d.uri).filter(edits);
    for (const uri of uris) this.touched(uri);
    if (uris.length) this.changed.fire(uris.map((uri) => ({ type: vscode.FileChangeType.Changed, uri })));
  }

}

function parse(uri: vscode.Uri): AssistantTarget {
  const target = parseAssistantPath(uri.path);
  if (!target) throw vscode.FileSystemError.FileNotFound(uri);
  return target;
}
