/**
 * The run input of a graph that is not a chat, edited in VS Code's JSON editor: one document per panel
 * (its thread) and assistant, which VS Code's JSON support checks as the user types against the
 * graph's input schema (`$schema` points at it). It starts from the form's text, else the last input
 * run with the assistant, else a skeleton of the schema. Run (the editor's title button, Ctrl/Cmd+Enter)
 * checks it with the form's own check and runs it in the panel, through the panel's run path; a refused
 * input is named and the document left as it is. Saving keeps the input as the assistant's last.
 */
import * as vscode from "vscode";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import { DeploymentDocuments } from "../panels/deploymentDocuments";
import type { ChatPanel } from "./chatPanel";
import type { ChatPanelManager } from "./chatPanelManager";
import {
  EDIT_INPUT_COMMAND,
  INPUT_SCHEME,
  RUN_INPUT_COMMAND,
  editorSchema,
  inputOfDocument,
  openingDocument,
  inputPath,
  inputSchemaPath,
  parseInputPath,
  type InputTarget,
} from "./inputDocumentText";
import { takesMessages } from "./runInput";
import type { LoadedParts } from "../panels/lazyParts";

export interface InputDocumentsDeps {
  chats: ChatPanelManager;
  assistants: AssistantDirectory;
  connection: DeploymentConnection;
}

type Owner = Extract<InputTarget, { kind: "input" }>["owner"];

class InputDocuments extends DeploymentDocuments {
  /** The form's text a document starts from, until the document is saved. */
  private readonly starts = new Map<string, string>();

  constructor(private readonly deps: InputDocumentsDeps) {
    super({
      folders: vscode.l10n.t("Run inputs have no folders."),
      delete: vscode.l10n.t("Run inputs cannot be deleted."),
      rename: vscode.l10n.t("Run inputs cannot be renamed."),
    });
  }

  protected isDocument(uri: vscode.Uri): boolean {
    return parseInputPath(uri.path) !== undefined;
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const target = parse(uri);
    const inputSchema = await this.inputSchema(target.assistantId);
    if (target.kind === "schema") return new TextEncoder().encode(`${JSON.stringify(editorSchema(inputSchema), null, 2)}\n`);
    const schemaUri = vscode.Uri.from({ scheme: INPUT_SCHEME, path: inputSchemaPath(target.assistantId) }).toString();
    const opening = { start: this.starts.get(uri.toString()), last: this.deps.chats.lastInput(target.assistantId) };
    return new TextEncoder().encode(openingDocument(inputSchema, schemaUri, opening));
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const target = parse(uri);
    if (target.kind === "schema") throw vscode.FileSystemError.NoPermissions(vscode.l10n.t("The input schema comes from the graph."));
    this.deps.chats.rememberInput(target.assistantId, inputOfDocument(new TextDecoder().decode(content)));
    this.starts.delete(uri.toString());
    this.touched(uri);
    return Promise.resolve();
  }

  /**
   * Opens the run input of the panel's assistant beside the panel (the focused panel by default),
   * starting from `start` (the form's text) when given. Undefined when the assistant's graph is a chat.
   */
  async open(panel = this.deps.chats.active, start?: string): Promise<vscode.TextEditor | undefined> {
    const assistantId = panel?.session.selectedAssistantId;
    if (!panel || !assistantId) {
      void vscode.window.showInformationMessage(vscode.l10n.t("Open a chat panel whose assistant runs a graph that is not a chat first."));
      return undefined;
    }
    let inputSchema: unknown;
    try {
      inputSchema = await this.inputSchema(assistantId);
    } catch (error) {
      void vscode.window.showErrorMessage((error as Error).message);
      return undefined;
    }
    if (takesMessages(inputSchema)) {
      void vscode.window.showInformationMessage(vscode.l10n.t("This assistant's graph takes chat messages: write to it in the chat panel."));
      return undefined;
    }
    const assistant = await this.deps.assistants.get(assistantId);
    const path = inputPath({ threadId: panel.session.threadId, panelKey: panel.key }, assistantId, assistant?.name || assistant?.graph_id || "input");
    const uri = vscode.Uri.from({ scheme: INPUT_SCHEME, path });
    if (start !== undefined && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.starts.set(uri.toString(), start);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  /**
   * Runs a run input document (the active editor's by default) in its panel. Returns whether it ran:
   * an input that is not JSON or does not fit the schema is refused with the reasons, nothing is sent,
   * and the document stays as it is.
   */
  async run(target?: vscode.Uri): Promise<boolean> {
    const document = target ? await vscode.workspace.openTextDocument(target) : vscode.window.activeTextEditor?.document;
    const parsed = document?.uri.scheme === INPUT_SCHEME ? parseInputPath(document.uri.path) : undefined;
    if (!document || parsed?.kind !== "input") {
      void vscode.window.showInformationMessage(vscode.l10n.t("Open a run input in the JSON editor first (Edit in JSON Editor in a chat panel's run form)."));
      return false;
    }
    const panel = this.panelOf(parsed.owner);
    panel.panel.reveal(panel.panel.viewColumn, true);
    const errors = await new Promise<string[]>((resolve) => {
      // `told` answers as soon as the input is checked; the run itself goes on in the panel.
      panel.session.runInput(inputOfDocument(document.getText()), parsed.assistantId, resolve).then(
        () => resolve([vscode.l10n.t("The input was not run.")]),
        (error: unknown) => resolve([String(error)]),
      );
    });
    if (errors.length) {
      const more = errors.length > 3 ? vscode.l10n.t(" (and {0} more)", errors.length - 3) : "";
      void vscode.window.showErrorMessage(vscode.l10n.t("Not run: {0}{1}", errors.slice(0, 3).join("; "), more));
      return false;
    }
    if (document.isDirty) await document.save();
    return true;
  }

  /** The panel a document runs in: its thread's (opened if closed), or the new panel it came from. */
  private panelOf(owner: Owner): ChatPanel {
    const { chats } = this.deps;
    if ("threadId" in owner) return chats.find(owner.threadId) ?? chats.open(owner.threadId);
    return chats.all.find((panel) => panel.key === owner.panelKey) ?? chats.open();
  }

  /** The graph's input schema; a failure says why, in the words the deployment's errors use. */
  private async inputSchema(assistantId: string): Promise<unknown> {
    try {
      return (await this.deps.chats.graphSchemas(assistantId)).input_schema;
    } catch (error) {
      const described = this.deps.connection.describe(error, { operation: vscode.l10n.t("read the graph's input schema") });
      throw vscode.FileSystemError.Unavailable(described.message);
    }
  }
}

function parse(uri: vscode.Uri): InputTarget {
  const target = parseInputPath(uri.path);
  if (!target) throw vscode.FileSystemError.FileNotFound(uri);
  return target;
}

/** The run input documents and their two commands: Edit in JSON Editor (from a panel) and Run. */
export function inputDocumentParts(deps: InputDocumentsDeps): LoadedParts {
  const documents = new InputDocuments(deps);
  return {
    commands: {
      [EDIT_INPUT_COMMAND]: (panel?: unknown, start?: unknown) => documents.open(deps.chats.all.find((open) => open === panel), typeof start === "string" ? start : undefined),
      [RUN_INPUT_COMMAND]: (uri?: unknown) => documents.run(uri instanceof vscode.Uri ? uri : undefined),
    },
    fileSystems: { [INPUT_SCHEME]: documents },
    disposables: [documents],
  };
}
