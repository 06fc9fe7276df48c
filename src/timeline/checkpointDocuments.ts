/**
 * The state at a checkpoint as an editable JSON document. Reading fetches the state and points the
 * document at the graph's state schema (`$schema`), so VS Code's JSON support checks it as the user
 * types. Saving checks it again (JSON, schema, a run streaming on the thread), then writes only what
 * changed with `threads.updateState` from that checkpoint: a new checkpoint, forking the thread there.
 * A failed save throws, so the editor keeps the user's text, dirty.
 */
import * as vscode from "vscode";
import { DeploymentDocuments } from "../panels/deploymentDocuments";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import { CheckpointGoneError } from "../deployment/errorMapping";
import { parseCheckpointPath, schemaPath, type CheckpointTarget } from "./checkpointPaths";
import { CHECKPOINT_SCHEME } from "./checkpointScheme";
import { CheckpointEditor, SaveRefused } from "./checkpointEditor";
import { formatState } from "./stateEdit";

export interface StateSaved {
  threadId: string;
  /** The checkpoint that was edited, and the new one the edit made. */
  from: string;
  checkpointId: string;
  uri: vscode.Uri;
}

export interface CheckpointDocumentsDeps {
  connection: DeploymentConnection;
  /** Asked before saving while a run streams on the thread; true saves anyway. */
  confirmWhileBusy(threadId: string): Thenable<boolean>;
  saved(event: StateSaved): void;
}

export class CheckpointDocuments extends DeploymentDocuments {
  /** The node each document's save writes as, when the user picked one; else the checkpoint's writer. */
  private readonly asNodes = new Map<string, string>();
  /** Documents already told that their values go unchecked (the schema could not be read): once each. */
  private readonly warnedUnchecked = new Set<string>();
  private readonly editor: CheckpointEditor;

  constructor(private readonly deps: CheckpointDocumentsDeps) {
    super({ folders: "Checkpoints have no folders.", delete: "Checkpoints cannot be deleted.", rename: "Checkpoints cannot be renamed." });
    this.editor = new CheckpointEditor(deps.connection.gateway);
  }

  /** The next save of this document writes as `node`. */
  setAsNode(uri: vscode.Uri, node: string): void {
    this.asNodes.set(uri.toString(), node);
  }

  /** Settings or the deployment changed: schemas are read again. */
  reset(): void {
    this.editor.reset();
  }

  protected isDocument(uri: vscode.Uri): boolean {
    return parseCheckpointPath(uri.path) !== undefined;
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const target = parse(uri);
    const state = await this.fetch(() => this.editor.read(target.threadId, target.checkpointId), target);
    const text =
      target.kind === "schema"
        ? `${JSON.stringify((await this.editor.schemaAt(target.threadId, state.values)) ?? {}, null, 2)}\n`
        : formatState(state.values, vscode.Uri.from({ scheme: CHECKPOINT_SCHEME, path: schemaPath(target.threadId, target.checkpointId) }).toString());
    return new TextEncoder().encode(text);
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const target = parse(uri);
    if (target.kind === "schema") throw vscode.FileSystemError.NoPermissions(vscode.l10n.t("The state schema comes from the graph."));
    const { threadId, checkpointId } = target;
    const saved = await this.fetch(
      () =>
        this.editor.save({
          threadId,
          checkpointId,
          text: new TextDecoder().decode(content),
          asNode: this.asNodes.get(uri.toString()),
          confirmWhileBusy: () => this.deps.confirmWhileBusy(threadId),
          schemaUnavailable: (error) => this.warnUnchecked(uri, error),
        }),
      target,
    );
    this.touched(uri);
    if (saved) this.deps.saved({ threadId, from: checkpointId, checkpointId: saved, uri });
  }

  /** The save goes ahead without the schema: said once per document, with the reason. */
  private warnUnchecked(uri: vscode.Uri, error: unknown): void {
    const key = uri.toString();
    if (this.warnedUnchecked.has(key)) return;
    this.warnedUnchecked.add(key);
    const reason = this.deps.connection.describe(error, { operation: vscode.l10n.t("read the graph's state schema") }).message;
    void vscode.window.showWarningMessage(
      vscode.l10n.t("The graph's state schema could not be read, so this state is saved without checking its values against it. {0}", reason),
    );
  }

  /**
   * Runs a request for a document; a failure becomes the error VS Code shows for the read or the save
   * (the editor keeps the user's text, dirty).
   */
  private async fetch<T>(request: () => Promise<T>, target: CheckpointTarget): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof SaveRefused) throw vscode.FileSystemError.NoPermissions(error.message);
      const described = this.deps.connection.describe(error, { operation: vscode.l10n.t("use the checkpoint"), subject: vscode.l10n.t("Thread {0}", target.threadId.slice(0, 8)) });
      throw error instanceof CheckpointGoneError ? vscode.FileSystemError.FileNotFound(described.message) : vscode.FileSystemError.Unavailable(described.message);
    }
  }
}

function parse(uri: vscode.Uri): CheckpointTarget {
  const target = parseCheckpointPath(uri.path);
  if (!target) throw vscode.FileSystemError.FileNotFound(uri);
  return target;
}
