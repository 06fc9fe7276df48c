/**
 * Prose in modules that cannot import `vscode` (the deployment layer, the launch plan, the debug adapter,
 * the language server, …): there a sentence reaches the user as an error, a phrase inside one, a hover or a
 * debug console line, so any string literal that reads as words must go through `l10n.t` (`@vscode/l10n`).
 * Read from the TypeScript syntax tree. Text that is not shown passes: keys and kinds (one word), module
 * names, text compared or matched against, log-only `detail`, and the messages of errors that the error
 * mapping turns into its own sentence.
 */
import ts from "typescript";

export interface ProseLiteral {
  line: number;
  text: string;
}

/** Words of letters, once code spans, URLs and placeholders are taken out (two make prose). */
function wordCount(text: string): number {
  const words = text
    .replace(/`[^`]*`/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/\$\{[^}]*\}|\{\d+\}/g, " ")
    .split(/\s+/)
    .filter((word) => /^\(?\p{L}([\p{L}'’-]*\p{L})?[.,:;!?…)]*$/u.test(word));
  return words.length;
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join("${}");
  return undefined;
}

/** Calls whose arguments are never shown: translation itself, matching, comparing, logging. */
const QUIET_CALLS = /^(t|test|match|matchAll|includes|startsWith|endsWith|indexOf|split|replace|replaceAll|debug|trace|log|require|appendLine|rebuild|querySelector|querySelectorAll|closest)$/;
/** Properties (and variables) whose values are never shown; `reason` is a debug protocol value, like "breakpoint". */
const QUIET_KEYS = new Set(["detail", "kind", "type", "command", "installCommand", "label", "id", "reason"]);
/** Properties whose values are always shown, so that one word (`Thread ${id}`) is already text. */
const SHOWN_KEYS = new Set(["message", "operation", "subject", "tooltip"]);

const keyOf = (name: ts.Node) => (ts.isIdentifier(name) ? name.text : undefined);

function quietPlace(node: ts.Node, file: ts.SourceFile): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent)) return true;
    if (ts.isCallExpression(parent) && parent.arguments.includes(child as ts.Expression)) {
      const callee = parent.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : "";
      if (QUIET_CALLS.test(name)) return true;
      // A log line (`log.info`, `this.deps.log.warn`): the log is for reports, in English.
      if (ts.isPropertyAccessExpression(callee) && /(^|\.)log$/i.test(callee.expression.getText(file))) return true;
      // An error class's own message: the error mapping says it to the user in its own words.
      if (callee.kind === ts.SyntaxKind.SuperKeyword) return true;
    }
    if (ts.isPropertyAssignment(parent) && (parent.name === child || QUIET_KEYS.has(keyOf(parent.name) ?? ""))) return true;
    if (ts.isBinaryExpression(parent) && /^(===|!==|==|!=)$/.test(parent.operatorToken.getText(file))) return true;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && QUIET_KEYS.has(keyOf(parent.left) ?? "")) return true;
    if (ts.isVariableDeclaration(parent) && QUIET_KEYS.has(keyOf(parent.name) ?? "")) return true;
    if (ts.isCaseClause(parent) || ts.isElementAccessExpression(parent)) return true;
    // A statement ends the expression the literal is part of.
    if (ts.isStatement(parent) || ts.isClassElement(parent)) return false;
  }
  return false;
}

/** Whether the literal is (a part of) the value of a property that is always shown. */
function shownKey(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isPropertyAssignment(parent)) return SHOWN_KEYS.has(keyOf(parent.name) ?? "");
    if (ts.isStatement(parent) || ts.isCallExpression(parent)) return false;
  }
  return false;
}

/**
 * `l10n.t` calls that run as a module loads: before activation configures the bundle, so they would
 * always say the English text. Such text is built in a function instead.
 */
export function moduleLevelTranslations(fileName: string, source: string): ProseLiteral[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: ProseLiteral[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isCallExpression(node) && node.expression.getText(file) === "l10n.t") {
      found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: node.getText(file) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

export function proseLiterals(fileName: string, source: string): ProseLiteral[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: ProseLiteral[] = [];
  const visit = (node: ts.Node) => {
    const text = literalText(node);
    const words = text === undefined ? 0 : wordCount(text);
    if ((words >= 2 || (words === 1 && shownKey(node))) && !quietPlace(node, file)) {
      found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: node.getText(file) });
    }
    // The spans of a template are checked with it, as one text.
    if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
    else for (const span of node.templateSpans) visit(span.expression);
  };
  visit(file);
  return found;
}
