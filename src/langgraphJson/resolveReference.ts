/**
 * Checks one reference of a langgraph.json against the file system: does the file exist, does it
 * export the name. Produces the diagnostics, document links and definition target for it.
 */
import * as l10n from "@vscode/l10n";
import { promises as fs, type Stats } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { Diagnostic, DiagnosticSeverity, DocumentLink, Range } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ConfigReference } from "./configModel";
import { scanExports, sourceLanguage } from "./exports/exportIndex";
import type { NamePosition } from "./exports/types";
import { parseReference, type ParsedReference, type Segment } from "./referenceSyntax";

export interface ResolvedReference {
  reference: ConfigReference;
  parsed: ParsedReference;
  diagnostics: Diagnostic[];
  links: DocumentLink[];
  /** Where go-to-definition leads: the file, and the name in it when found. */
  target?: { file: string; position?: NamePosition };
  /** Paths whose creation, change or deletion can change this result. */
  watched: string[];
}

const SOURCE = "langgraph.json";
const MANIFESTS = ["pyproject.toml", "setup.py", "package.json", "requirements.txt"];
const GUESSED_EXTENSIONS = [".ts", ".mts", ".js", ".mjs", ".py"];

export async function resolveReference(document: TextDocument, configDir: string, reference: ConfigReference): Promise<ResolvedReference> {
  const parsed = parseReference(document, reference.node, reference.kind);
  const result: ResolvedReference = { reference, parsed, diagnostics: [], links: [], watched: [] };
  const range = (segment: Segment) => Range.create(document.positionAt(segment.start), document.positionAt(segment.end));
  const report = (segment: Segment, severity: DiagnosticSeverity, message: string) =>
    result.diagnostics.push({ range: range(segment), severity, message, source: SOURCE });
  const link = (segment: Segment, file: string, tooltip: string, position?: NamePosition) => {
    const fragment = position ? `#L${position.line + 1},${position.character + 1}` : "";
    result.links.push({ range: range(segment), target: pathToFileURL(file).href + fragment, tooltip });
  };

  const filePart = parsed.file;
  if (filePart.text === "") {
    report(parsed.whole, DiagnosticSeverity.Error, l10n.t("{0}: the path is empty.", reference.label));
    return result;
  }
  if (reference.kind === "import" && !looksLikeFilePath(filePart.text)) {
    report(filePart, DiagnosticSeverity.Information, l10n.t("\"{0}\" is a module path, not a file path; it is not checked.", filePart.text));
    return result;
  }

  const file = path.resolve(configDir, filePart.text);
  result.watched.push(file);
  const stats = await statOrUndefined(file);

  if (reference.kind === "dependency") {
    if (!stats) {
      report(filePart, DiagnosticSeverity.Error, l10n.t("Local dependency not found: {0}", filePart.text));
      return result;
    }
    // A directory links to what makes it installable, if anything does.
    const manifests = stats.isFile() ? [file] : MANIFESTS.map((name) => path.join(file, name));
    result.watched.push(...manifests);
    const manifest = await firstExisting(manifests);
    if (manifest) {
      link(filePart, manifest, `Open ${path.relative(configDir, manifest)}`);
      result.target = { file: manifest };
    }
    return result;
  }

  if (!stats) {
    const guesses = path.extname(file) ? [] : GUESSED_EXTENSIONS.map((ext) => file + ext);
    result.watched.push(...guesses);
    const guess = await firstExisting(guesses);
    if (guess) report(filePart, DiagnosticSeverity.Warning, l10n.t("File not found: {0}. Did you mean {1}{2}?", filePart.text, filePart.text, path.extname(guess)));
    else report(filePart, DiagnosticSeverity.Error, l10n.t("File not found: {0}", filePart.text));
    return result;
  }
  if (!stats.isFile()) {
    report(filePart, DiagnosticSeverity.Error, l10n.t("{0} is a directory, not a file.", filePart.text));
    return result;
  }
  link(filePart, file, `Open ${path.basename(file)}`);
  result.target = { file };
  if (reference.kind !== "import") return result;

  const language = sourceLanguage(file);
  const symbol = parsed.symbol;
  if (language === "python" && !symbol) {
    report(filePart, DiagnosticSeverity.Error, l10n.t("A Python reference needs an attribute after a colon, as \"{0}:graph\".", filePart.text));
    return result;
  }
  if (symbol && symbol.text === "") {
    report(parsed.whole, DiagnosticSeverity.Error, l10n.t("The name after \":\" is missing, as \"{0}:graph\".", filePart.text));
    return result;
  }
  if (!language) {
    report(filePart, DiagnosticSeverity.Information, l10n.t("Exports of {0} files are not checked.", path.extname(file) || "extension-less"));
    return result;
  }

  const name = symbol?.text ?? "default";
  const at = symbol ?? filePart;
  const scan = await scanExports(file);
  const position = scan?.names.get(name);
  if (position) {
    result.target = { file, position };
    if (symbol) link(symbol, file, l10n.t("Go to {0} in {1}", name, path.basename(file)), position);
    return result;
  }
  if (scan && scan.opaque.length > 0) {
    report(at, DiagnosticSeverity.Information, l10n.t("Could not confirm that {0} exports \"{1}\": it has {2}.", filePart.text, name, scan.opaque[0]));
    return result;
  }
  const known = [...(scan?.names.keys() ?? [])];
  const listed = known.length === 0 ? l10n.t("none found") : known.slice(0, 12).join(", ") + (known.length > 12 ? ", …" : "");
  report(
    at,
    DiagnosticSeverity.Warning,
    language === "python"
      ? l10n.t("\"{0}\" is not defined at module level in {1} (module-level names: {2}).", name, filePart.text, listed)
      : l10n.t("\"{0}\" is not exported by {1} (exports: {2}).", name, filePart.text, listed),
  );
  return result;
}

/** "./agent.py", "src/agent.ts" and "agent.py" are files; "my_package.agent" is a Python module. */
function looksLikeFilePath(value: string): boolean {
  return /[\\/]/.test(value) || value.startsWith(".") || sourceLanguage(value) !== undefined;
}

async function statOrUndefined(file: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(file);
  } catch {
    return undefined;
  }
}

async function firstExisting(files: string[]): Promise<string | undefined> {
  for (const file of files) if ((await statOrUndefined(file))?.isFile()) return file;
  return undefined;
}
