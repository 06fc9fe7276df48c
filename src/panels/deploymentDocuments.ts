/**
 * What the editable JSON documents backed by the deployment (assistants, the state at a checkpoint)
 * share as file systems: a document is a file and everything else a folder with nothing in it; nothing
 * is created, deleted or renamed through the file system; and a document's mtime changes only when its
 * provider says so, since an editor refuses to save a file that looks changed since it read it (the size
 * is always 0 for the same reason: a read fetches afresh and may differ from what the last stat saw).
 */
import * as vscode from "vscode";

/** What a provider tells the user when the file system is asked for what its documents cannot do. */
export interface DocumentRefusals {
  folders: string;
  delete: string;
  rename: string;
}

export abstract class DeploymentDocuments implements vscode.FileSystemProvider, vscode.Disposable {
  protected readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly mtimes = new Map<string, number>();

  constructor(private readonly refusals: DocumentRefusals) {}

  /** Whether the path names a document (a file), not a folder on the way to one. */
  protected abstract isDocument(uri: vscode.Uri): boolean;
  abstract readFile(uri: vscode.Uri): Promise<Uint8Array>;
  abstract writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void>;

  /** The document now holds what the server holds: editors may read it again without a conflict. */
  protected touched(uri: vscode.Uri): void {
    this.mtimes.set(uri.toString(), Date.now());
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    // Writing a file checks its parent first: what is not a document is a folder.
    const type = this.isDocument(uri) ? vscode.FileType.File : vscode.FileType.Directory;
    const key = uri.toString();
    let mtime = this.mtimes.get(key);
    if (mtime === undefined) this.mtimes.set(key, (mtime = Date.now()));
    return { type, ctime: 0, mtime, size: 0 };
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions(this.refusals.folders);
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions(this.refusals.delete);
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions(this.refusals.rename);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/**
 * Gives a document of `scheme` the language `language`: JSON to VS Code's JSON support, but a language
 * of its own so `files.autoSave` can be off for it alone, since every save is a request to the server.
 * Changing a language reopens the document, so only when needed.
 */
export async function withDocumentLanguage(document: vscode.TextDocument, scheme: string, language: string): Promise<vscode.TextDocument> {
  if (document.uri.scheme !== scheme || document.languageId === language) return document;
  return vscode.languages.setTextDocumentLanguage(document, language);
}
