/**
 * User-visible string literals in extension-host code that do not go through `vscode.l10n.t`: the
 * messages of notifications and their buttons, the titles, prompts and placeholders of quick picks and
 * input boxes, dialogs' titles and labels, progress titles, status bar items' and tree items' text. Read from the TypeScript syntax tree, so a literal is found however the
 * call is written; a value computed elsewhere (a variable, a call) is not a literal and passes.
 */
import ts from "typescript";

export interface RuntimeLiteral {
  line: number;
  where: string;
  text: string;
}

/** Calls whose every string argument is shown (a notification's message and its buttons, a status bar message). */
const SHOWN_ARGUMENTS = new Set(["showInformationMessage", "showWarningMessage", "showErrorMessage", "setStatusBarMessage"]);
/** Calls whose options object has shown keys. */
const OPTION_CALLS = new Set(["showQuickPick", "showInputBox", "withProgress", "showOpenDialog", "showSaveDialog"]);
/** Keys of an options object that are shown. */
const SHOWN_KEYS = new Set(["title", "placeHolder", "prompt", "openLabel", "saveLabel"]);
/** Objects whose shown properties are assigned one by one, by the call that creates them. */
const WIDGET_KEYS = new Map([
  ["createQuickPick", new Set(["title", "placeholder"])],
  ["createInputBox", new Set(["title", "placeholder", "prompt"])],
  ["createStatusBarItem", new Set(["text", "tooltip", "name"])],
  ["TreeItem", new Set(["label", "description", "tooltip"])],
]);

/** Words, once icons (`$(plug)`) are left out: `$(plug) ${host}` shows no text of its own. */
const hasWords = (text: string) => /\p{L}/u.test(text.replace(/\$\([\w~-]+\)/g, ""));

function isLiteralText(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return isLiteralText(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return hasWords(node.text);
  if (ts.isTemplateExpression(node)) return hasWords([node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" "));
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return isLiteralText(node.left) || isLiteralText(node.right);
  if (ts.isConditionalExpression(node)) return isLiteralText(node.whenTrue) || isLiteralText(node.whenFalse);
  return false;
}

function calledName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isIdentifier(callee)) return callee.text;
  return undefined;
}

export function runtimeLiterals(fileName: string, source: string): RuntimeLiteral[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: RuntimeLiteral[] = [];
  /** A created widget as its assignments name it (`pick`, `this.item`), with its shown keys. */
  const widgets = new Map<string, Set<string>>();
  const createdWidget = (initializer: ts.Expression | undefined) => {
    const name = initializer && (ts.isCallExpression(initializer) || ts.isNewExpression(initializer)) ? calledName(initializer) : undefined;
    return name ? WIDGET_KEYS.get(name) : undefined;
  };
  const report = (node: ts.Node, where: string) =>
    found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, where, text: node.getText(file) });
  const checkOptions = (options: ts.Expression, where: string) => {
    if (!ts.isObjectLiteralExpression(options)) return;
    for (const property of options.properties) {
      if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && SHOWN_KEYS.has(property.name.text) && isLiteralText(property.initializer)) {
        report(property.initializer, `${where} ${property.name.text}`);
      }
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const name = calledName(node);
      if (name && SHOWN_ARGUMENTS.has(name)) {
        for (const argument of node.arguments) if (isLiteralText(argument)) report(argument, name);
      } else if (name && OPTION_CALLS.has(name)) {
        for (const argument of node.arguments) checkOptions(argument, name);
      }
    }
    // A tree item's label is its first argument.
    if (ts.isNewExpression(node) && calledName(node) === "TreeItem" && node.arguments?.[0] && isLiteralText(node.arguments[0])) {
      report(node.arguments[0], "TreeItem");
    }
    if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && ts.isIdentifier(node.name)) {
      const keys = createdWidget(node.initializer);
      if (keys) widgets.set(ts.isPropertyDeclaration(node) ? `this.${node.name.text}` : node.name.text, keys);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const widget = node.left.expression.getText(file);
      if (widgets.get(widget)?.has(node.left.name.text) && isLiteralText(node.right)) report(node.right, `${widget}.${node.left.name.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
