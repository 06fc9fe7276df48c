/**
 * Language server for langgraph.json: schema validation, completion and hover (JSON language service),
 * checks of the files and exports the config points at, links and definitions to them, code lenses per
 * graph, and hover on a graph ID listing its assistants (asked of the host, which owns the connection).
 */
import * as l10n from "@vscode/l10n";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  Range,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type Hover,
  type Location,
  type LocationLink,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { JSONDocument, LanguageService } from "vscode-json-languageservice";
import { Analyses } from "./analysis";
import { graphCodeLenses } from "./codeLenses";
import { graphHover } from "./graphHover";
import { createJsonService, LANGGRAPH_SCHEMA_URLS } from "./jsonService";
import { configureServerL10n } from "./serverL10n";

const VALIDATION_DELAY_MS = 150;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let json: LanguageService;
let analyses: Analyses;
let definitionLinks = false;
let watchFiles = false;

connection.onInitialize((params) => {
  configureServerL10n(params.initializationOptions);
  json = createJsonService(params.capabilities);
  analyses = new Analyses(json);
  definitionLinks = params.capabilities.textDocument?.definition?.linkSupport === true;
  watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['"', ":"] },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      documentLinkProvider: { resolveProvider: false },
      definitionProvider: true,
    },
  };
});

connection.onInitialized(() => {
  // Referenced files live anywhere under the workspace; changes are filtered against what each config uses.
  if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*" }] });
});

const pending = new Map<string, NodeJS.Timeout>();

function scheduleValidation(document: TextDocument): void {
  clearTimeout(pending.get(document.uri));
  pending.set(
    document.uri,
    setTimeout(() => {
      pending.delete(document.uri);
      validate(document).catch((error) => connection.console.error(l10n.t("Validating {0} failed: {1}", document.uri, String(error))));
    }, VALIDATION_DELAY_MS),
  );
}

async function validate(document: TextDocument): Promise<void> {
  const version = document.version;
  const analysis = analyses.get(document);
  const [schemaProblems, references] = await Promise.all([
    // Syntax errors and comments are left to the editor's own JSON support, which reports them already.
    json.doValidation(document, analysis.jsonDocument, { comments: "ignore", trailingCommas: "ignore" }),
    analysis.references,
  ]);
  const diagnostics: Diagnostic[] = [
    ...schemaProblems.filter((problem) => !isSyntaxError(problem)),
    ...schemaNotice(document, analysis.jsonDocument),
    ...references.flatMap((reference) => reference.diagnostics),
  ];
  // Documents are updated in place: a newer version has its own validation scheduled.
  if (document.version !== version || !documents.get(document.uri)) return;
  await connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
}

/** A `$schema` other than LangGraph's is not used; say so rather than silently ignore it. */
function schemaNotice(document: TextDocument, jsonDocument: JSONDocument): Diagnostic[] {
  const root = jsonDocument.root;
  const value = root?.type === "object" ? root.properties.find((p) => p.keyNode.value === "$schema")?.valueNode : undefined;
  if (value?.type !== "string" || LANGGRAPH_SCHEMA_URLS.includes(value.value)) return [];
  return [
    {
      range: Range.create(document.positionAt(value.offset), document.positionAt(value.offset + value.length)),
      severity: DiagnosticSeverity.Information,
      source: "langgraph.json",
      message: l10n.t("Validated against the bundled LangGraph schema; this $schema is not fetched."),
    },
  ];
}

/** Parser errors (codes 0x100-0x2FF in the JSON language service), as opposed to schema problems. */
function isSyntaxError({ code }: Diagnostic): boolean {
  return typeof code === "number" && code >= 0x100 && code < 0x300;
}

documents.onDidChangeContent(({ document }) => scheduleValidation(document));
documents.onDidClose(({ document }) => {
  clearTimeout(pending.get(document.uri));
  pending.delete(document.uri);
  analyses.delete(document.uri);
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  const files = changes.filter((change) => change.uri.startsWith("file:")).map((change) => fileURLToPath(change.uri));
  for (const document of analyses.invalidate(files, documents.all())) scheduleValidation(document);
});

connection.onCompletion(({ textDocument, position }) => {
  const document = documents.get(textDocument.uri);
  return document ? json.doComplete(document, position, analyses.get(document).jsonDocument) : null;
});

connection.onHover(({ textDocument, position }, token) => {
  const document = documents.get(textDocument.uri);
  if (!document) return null;
  const analysis = analyses.get(document);
  const offset = document.offsetAt(position);
  const graph = analysis.model.graphs.find(({ keyNode }) => offset >= keyNode.offset && offset <= keyNode.offset + keyNode.length);
  if (graph) return graphHover(connection, document, graph, token);
  return json.doHover(document, position, analysis.jsonDocument).then(asMarkdown);
});

/** The JSON service answers with deprecated MarkedStrings; clients prefer one markdown block. */
function asMarkdown(hover: Hover | null): Hover | null {
  if (!hover || !Array.isArray(hover.contents)) return hover;
  const value = hover.contents.map((part) => (typeof part === "string" ? part : `\`\`\`${part.language}\n${part.value}\n\`\`\``)).join("\n\n");
  return { ...hover, contents: { kind: "markdown", value } };
}

connection.onCodeLens(({ textDocument }) => {
  const document = documents.get(textDocument.uri);
  return document ? graphCodeLenses(document, analyses.get(document).model) : [];
});

connection.onDocumentLinks(async ({ textDocument }) => {
  const document = documents.get(textDocument.uri);
  if (!document) return [];
  return (await analyses.get(document).references).flatMap((reference) => reference.links);
});

connection.onDefinition(async ({ textDocument, position }): Promise<LocationLink[] | Location[]> => {
  const document = documents.get(textDocument.uri);
  if (!document) return [];
  const offset = document.offsetAt(position);
  const references = await analyses.get(document).references;
  const hit = references.find(({ parsed }) => offset >= parsed.whole.start && offset <= parsed.whole.end);
  if (!hit?.target) return [];
  const { file, position: name } = hit.target;
  const targetUri = pathToFileURL(file).href;
  const targetSelectionRange = name ? Range.create(name.line, name.character, name.line, name.character + name.length) : Range.create(0, 0, 0, 0);
  const targetRange = name ? Range.create(name.line, 0, name.line, name.character + name.length) : targetSelectionRange;
  if (!definitionLinks) return [{ uri: targetUri, range: targetSelectionRange }];
  const originSelectionRange = Range.create(document.positionAt(hit.parsed.whole.start), document.positionAt(hit.parsed.whole.end));
  return [{ originSelectionRange, targetUri, targetRange, targetSelectionRange }];
});

documents.listen(connection);
connection.listen();
