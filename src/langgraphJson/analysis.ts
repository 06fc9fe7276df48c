/**
 * One analysis per open langgraph.json and version: the parsed JSON, its graphs and references, and the
 * references resolved against the disk. Resolution is redone when a file it looked at changes.
 */
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { JSONDocument, LanguageService } from "vscode-json-languageservice";
import { TextDocument } from "vscode-languageserver-textdocument";
import { readConfig, type ConfigModel } from "./configModel";
import { resolveReference, type ResolvedReference } from "./resolveReference";

export interface Analysis {
  version: number;
  jsonDocument: JSONDocument;
  model: ConfigModel;
  references: Promise<ResolvedReference[]>;
  watched: Set<string>;
}

export class Analyses {
  private readonly entries = new Map<string, Analysis>();

  constructor(private readonly json: LanguageService) {}

  get(document: TextDocument): Analysis {
    const cached = this.entries.get(document.uri);
    if (cached?.version === document.version) return cached;
    const jsonDocument = this.json.parseJSONDocument(document);
    const analysis: Analysis = {
      version: document.version,
      jsonDocument,
      model: readConfig(jsonDocument),
      references: Promise.resolve([]),
      watched: new Set(),
    };
    this.resolve(document, analysis);
    this.entries.set(document.uri, analysis);
    return analysis;
  }

  /** Re-resolves the references of the documents that depend on any of `files`; returns those documents. */
  invalidate(files: string[], documents: TextDocument[]): TextDocument[] {
    const affected = documents.filter((document) => {
      const analysis = this.entries.get(document.uri);
      return analysis?.version === document.version && files.some((file) => dependsOn(analysis, file));
    });
    for (const document of affected) this.resolve(document, this.entries.get(document.uri)!);
    return affected;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  private resolve(document: TextDocument, analysis: Analysis): void {
    const configDir = configDirectory(document.uri);
    // Open documents change in place; resolution awaits the disk, so it works on a copy of this version.
    const snapshot = TextDocument.create(document.uri, document.languageId, document.version, document.getText());
    analysis.references = configDir
      ? Promise.all(analysis.model.references.map((reference) => resolveReference(snapshot, configDir, reference)))
      : Promise.resolve([]);
    analysis.references.then(
      (resolved) => (analysis.watched = new Set(resolved.flatMap((r) => r.watched))),
      () => undefined,
    );
  }
}

/** A change to the file itself, or to a directory holding it (created, deleted, renamed). */
function dependsOn(analysis: Analysis, changed: string): boolean {
  if (analysis.watched.has(changed)) return true;
  const prefix = changed.endsWith(path.sep) ? changed : changed + path.sep;
  for (const file of analysis.watched) if (file.startsWith(prefix)) return true;
  return false;
}

function configDirectory(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  return path.dirname(fileURLToPath(uri));
}
