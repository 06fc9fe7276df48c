/**
 * Words that reach the user without a translation, found by where a string goes rather than by its shape:
 * from each place the user reads (a notification and its buttons, a tree item's label, description and
 * tooltip, a quick pick item, a status bar item, a panel's title, a command's title; in a webview page an
 * element's text, title, aria-label, placeholder or alt) back through variables, constants, object
 * properties, conditionals, template literals and the functions that return them, to the literals they
 * come from. There one word is already text (`"edited"`, `"UI"`), where the shape check needs two. A
 * translation call ends the trace, except for its arguments, which are put into the translated text.
 * Identifiers, command ids, context keys and protocol strings pass: they never reach such a place.
 */
import ts from "typescript";

export interface ShownWord {
  file: string;
  line: number;
  /** The literal, as written. */
  text: string;
  /** Where it is shown, as written. */
  shownAt: string;
}

/** Letters, once codicons (`$(plug)`), placeholders and URLs are left out. */
const hasWords = (text: string) => /\p{L}/u.test(text.replace(/\$\([\w~-]+\)/g, "").replace(/\$\{\}|\{\d+\}/g, "").replace(/https?:\/\/\S+/g, ""));

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join("${}");
  return undefined;
}

const calleeName = (call: ts.CallExpression | ts.NewExpression) => {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
};

/** LangGraph's reserved names (`__start__`, `__input__`): node names, shown as they are. */
const IDENTIFIER = /^__\w+__$/;

/** Calls that translate their first argument and put the others into it. */
const TRANSLATING = new Set(["t", "fill"]);

/** Host calls whose every argument is shown (an options object only through its shown keys). */
const HOST_SHOWN_ARGUMENTS = new Set(["showInformationMessage", "showWarningMessage", "showErrorMessage", "setStatusBarMessage"]);
/** Host calls with one shown argument, by position. */
const HOST_SHOWN_ARGUMENT = new Map([
  ["createWebviewPanel", 1],
  ["TreeItem", 0],
  ["MarkdownString", 0],
  ["appendText", 0],
  ["appendMarkdown", 0],
]);
/** Keys of the options objects the user reads (quick pick, input box, dialogs, progress, a modal's detail). */
const HOST_SHOWN_OPTIONS = new Set(["title", "placeHolder", "prompt", "openLabel", "saveLabel", "detail"]);
const HOST_OPTION_CALLS = new Set(["showQuickPick", "showInputBox", "withProgress", "showOpenDialog", "showSaveDialog", ...HOST_SHOWN_ARGUMENTS]);
/** VS Code types and the properties of theirs the user reads. */
const HOST_SHOWN_PROPERTIES = new Map([
  ["TreeItem", new Set(["label", "description", "tooltip"])],
  ["QuickPickItem", new Set(["label", "description", "detail"])],
  ["QuickPick", new Set(["title", "placeholder"])],
  ["InputBox", new Set(["title", "placeholder", "prompt"])],
  ["StatusBarItem", new Set(["text", "tooltip", "name"])],
  ["LanguageStatusItem", new Set(["text", "detail", "name"])],
  ["WebviewPanel", new Set(["title"])],
  ["Command", new Set(["title", "tooltip"])],
  ["MessageItem", new Set(["title"])],
  ["AccessibilityInformation", new Set(["label"])],
]);

/** Array and string methods whose result is made of the text of what they are called on. */
const PASS_THROUGH = new Set(["join", "filter", "concat", "slice", "trim", "toUpperCase", "toLowerCase", "padStart", "padEnd"]);

/** Page properties and attributes the user reads. */
const PAGE_SHOWN_PROPERTIES = new Set(["textContent", "title", "placeholder", "alt", "ariaLabel"]);
const PAGE_SHOWN_ATTRIBUTES = new Set(["title", "aria-label", "placeholder", "alt"]);
/** The pages' DOM helpers, with their shown argument: `iconButton(icon, label)`, `svg(tag, attrs, text)`. */
const PAGE_SHOWN_ARGUMENT = new Map([
  ["iconButton", 1],
  ["svg", 2],
]);

export interface ShownWordsOptions {
  /** Whether a file is webview page code (its DOM is the place shown) rather than host code. */
  isPage(fileName: string): boolean;
}

export function shownWords(program: ts.Program, files: readonly string[], options: ShownWordsOptions): ShownWord[] {
  const checker = program.getTypeChecker();
  const found = new Map<ts.Node, ShownWord>();

  const vscodeTypeNames = (type: ts.Type, seen = new Set<ts.Type>()): string[] => {
    // `this` in a class is a type parameter constrained by the class.
    if (type.isTypeParameter()) type = checker.getBaseConstraintOfType(type) ?? type;
    if (seen.has(type)) return [];
    seen.add(type);
    if (type.isUnion() || type.isIntersection()) return type.types.flatMap((member) => vscodeTypeNames(member, seen));
    const symbol = type.getSymbol() ?? type.aliasSymbol;
    const names: string[] = [];
    const declaration = symbol?.declarations?.[0];
    if (symbol && declaration?.getSourceFile().fileName.includes("@types/vscode")) names.push(symbol.getName());
    if (type.isClassOrInterface()) for (const base of checker.getBaseTypes(type)) names.push(...vscodeTypeNames(base, seen));
    return names;
  };
  const shownPropertiesOf = (type: ts.Type) => vscodeTypeNames(type).flatMap((name) => [...(HOST_SHOWN_PROPERTIES.get(name) ?? [])]);

  /** The literals an expression's text can come from. */
  const sources = (expression: ts.Node, shownAt: ts.Node, depth: number, seen: Set<ts.Node>): void => {
    if (depth > 16 || seen.has(expression)) return;
    seen.add(expression);
    const next = (node: ts.Node | undefined) => node && sources(node, shownAt, depth + 1, seen);
    const text = literalText(expression);
    if (text !== undefined) {
      if (hasWords(text) && !IDENTIFIER.test(text) && !found.has(expression)) {
        const file = expression.getSourceFile();
        found.set(expression, {
          file: file.fileName,
          line: file.getLineAndCharacterOfPosition(expression.getStart(file)).line + 1,
          text: expression.getText(file),
          shownAt: shownAt.getText(shownAt.getSourceFile()).split("\n")[0].slice(0, 120),
        });
      }
      if (ts.isTemplateExpression(expression)) for (const span of expression.templateSpans) next(span.expression);
      return;
    }
    if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isNonNullExpression(expression) || ts.isSatisfiesExpression(expression)) {
      return next(expression.expression);
    }
    if (ts.isConditionalExpression(expression)) {
      next(expression.whenTrue);
      return next(expression.whenFalse);
    }
    if (ts.isBinaryExpression(expression) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(expression.operatorToken.kind)) {
      next(expression.left);
      return next(expression.right);
    }
    if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return next(expression.right);
    if (ts.isCallExpression(expression)) {
      const name = calleeName(expression);
      if (name && TRANSLATING.has(name)) {
        for (const argument of expression.arguments.slice(1)) next(argument);
        return;
      }
      if (name && PASS_THROUGH.has(name) && ts.isPropertyAccessExpression(expression.expression)) return next(expression.expression.expression);
      for (const declaration of declarationsOf(expression.expression)) {
        const body = functionBody(declaration);
        if (!body) continue;
        const returned: ts.Expression[] = [];
        if (!ts.isBlock(body)) returned.push(body);
        else forEachReturn(body, (value) => returned.push(value));
        for (const value of returned) next(value);
        // A helper that returns (a form of) its argument, like `labelText(text)`: the argument's text is shown.
        parametersOf(declaration).forEach((parameter, index) => {
          if (returned.some((value) => passesOn(value, parameter))) next(expression.arguments[index]);
        });
      }
      return;
    }
    if (ts.isArrayLiteralExpression(expression)) {
      for (const element of expression.elements) next(ts.isSpreadElement(element) ? element.expression : element);
      return;
    }
    if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) {
      for (const declaration of declarationsOf(expression)) {
        if (ts.isVariableDeclaration(declaration) && declaration.initializer && !functionBody(declaration)) next(declaration.initializer);
        else if (ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) next(declaration.initializer);
        else if (ts.isShorthandPropertyAssignment(declaration)) next(declaration.name);
        // A property of an interface (a message the host sends a page): what is written into it, anywhere.
        else if (ts.isPropertySignature(declaration)) for (const written of writersOf(declaration)) next(written);
      }
      return;
    }
    if (ts.isElementAccessExpression(expression)) {
      // A table indexed by a key (`LABELS[status]`): every value in it can be the text.
      for (const declaration of declarationsOf(expression.expression)) {
        const initializer = ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
        const table = initializer && (ts.isAsExpression(initializer) || ts.isSatisfiesExpression(initializer) ? initializer.expression : initializer);
        if (table && ts.isObjectLiteralExpression(table)) {
          for (const property of table.properties) if (ts.isPropertyAssignment(property)) next(property.initializer);
        }
      }
    }
  };

  const declarationsOf = (node: ts.Expression): ts.Declaration[] => {
    let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return (symbol?.declarations ?? []).filter((declaration) => files.includes(declaration.getSourceFile().fileName));
  };

  let writers: Map<ts.Declaration, ts.Expression[]> | undefined;
  /** The values object literals and assignments in `files` write into the property `declaration`. */
  const writersOf = (declaration: ts.Declaration): ts.Expression[] => {
    if (!writers) {
      const map = new Map<ts.Declaration, ts.Expression[]>();
      writers = map;
      const add = (symbol: ts.Symbol | undefined, value: ts.Expression) => {
        for (const target of symbol?.declarations ?? []) map.set(target, [...(map.get(target) ?? []), value]);
      };
      const visit = (node: ts.Node) => {
        if (ts.isObjectLiteralExpression(node)) {
          const contextual = checker.getContextualType(node);
          const members = contextual ? (contextual.isUnion() ? contextual.types : [contextual]) : [];
          for (const property of node.properties) {
            if (!(ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) || !ts.isIdentifier(property.name)) continue;
            const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
            for (const member of members) add(member.getProperty(property.name.text), value);
          }
        }
        if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
          add(checker.getSymbolAtLocation(node.left.name), node.right);
        }
        ts.forEachChild(node, visit);
      };
      for (const fileName of files) {
        const file = program.getSourceFile(fileName);
        if (file) visit(file);
      }
    }
    return writers.get(declaration) ?? [];
  };

  /**
   * Whether `expression` is (a form of) the parameter `parameter`: the parameter itself, a method called on
   * it (`text.trim()`), a template or choice holding it, or a local made from it. Not a value looked up
   * with it (`data[key]`) or passed on to another call.
   */
  const passesOn = (expression: ts.Node, parameter: ts.ParameterDeclaration, depth = 0): boolean => {
    if (depth > 6) return false;
    const on = (node: ts.Node | undefined) => !!node && passesOn(node, parameter, depth + 1);
    if (ts.isIdentifier(expression)) {
      const declarations = declarationsOf(expression);
      return declarations.includes(parameter) || declarations.some((d) => ts.isVariableDeclaration(d) && on(d.initializer));
    }
    if (ts.isCallExpression(expression)) return ts.isPropertyAccessExpression(expression.expression) && on(expression.expression.expression);
    if (ts.isPropertyAccessExpression(expression) || ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isNonNullExpression(expression)) {
      return on(expression.expression);
    }
    if (ts.isConditionalExpression(expression)) return on(expression.whenTrue) || on(expression.whenFalse);
    if (ts.isBinaryExpression(expression)) return on(expression.left) || on(expression.right);
    if (ts.isTemplateExpression(expression)) return expression.templateSpans.some((span) => on(span.expression));
    return false;
  };

  const shown = (value: ts.Node | undefined, at: ts.Node) => value && sources(value, at, 0, new Set());

  for (const fileName of files) {
    const file = program.getSourceFile(fileName);
    if (!file) continue;
    const page = options.isPage(fileName);
    const visit = (node: ts.Node) => {
      if (page) visitPage(node);
      else visitHost(node);
      ts.forEachChild(node, visit);
    };
    const visitHost = (node: ts.Node) => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const name = calleeName(node);
        const args = node.arguments ?? [];
        if (name && HOST_SHOWN_ARGUMENTS.has(name)) for (const argument of args) if (!ts.isObjectLiteralExpression(argument)) shown(argument, node);
        const index = name ? HOST_SHOWN_ARGUMENT.get(name) : undefined;
        if (index !== undefined) shown(args[index], node);
        if (name && HOST_OPTION_CALLS.has(name)) {
          for (const argument of args) {
            if (!ts.isObjectLiteralExpression(argument)) continue;
            for (const property of argument.properties) {
              if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && HOST_SHOWN_OPTIONS.has(property.name.text)) shown(property.initializer, property);
            }
          }
        }
      }
      // `super(label)` in a tree item's subclass.
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) {
        const type = checker.getTypeAtLocation(node.expression);
        if (vscodeTypeNames(type).includes("TreeItem")) shown(node.arguments[0], node);
      }
      // `item.description = …`, `this.tooltip = …` on a VS Code type whose property is shown.
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
        if (shownPropertiesOf(checker.getTypeAtLocation(node.left.expression)).includes(node.left.name.text)) shown(node.right, node);
      }
      // `{ label: …, description: … }` where a quick pick item, a command or a message item is expected.
      if (ts.isObjectLiteralExpression(node)) {
        const contextual = checker.getContextualType(node);
        const keys = contextual ? shownPropertiesOf(contextual) : [];
        for (const property of node.properties) {
          if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && keys.includes(property.name.text)) shown(property.initializer, property);
        }
      }
    };
    const visitPage = (node: ts.Node) => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && PAGE_SHOWN_PROPERTIES.has(node.left.name.text)) {
        // An element's property (not a field of the page's own classes that has the same name).
        if (/Element$/.test(checker.getTypeAtLocation(node.left.expression).getSymbol()?.getName() ?? "")) shown(node.right, node);
      }
      if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        const [first, second] = node.arguments;
        if (name === "setAttribute" && first && ts.isStringLiteral(first) && PAGE_SHOWN_ATTRIBUTES.has(first.text)) shown(second, node);
        const index = name ? PAGE_SHOWN_ARGUMENT.get(name) : undefined;
        if (index !== undefined) shown(node.arguments[index], node);
      }
      // The element helpers' `{ text, attrs: { title, "aria-label", placeholder, alt } }`.
      if (ts.isPropertyAssignment(node)) {
        const key = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : "";
        const inAttrs = ts.isObjectLiteralExpression(node.parent) && ts.isPropertyAssignment(node.parent.parent) && node.parent.parent.name.getText() === "attrs";
        if (key === "text" || (inAttrs && PAGE_SHOWN_ATTRIBUTES.has(key))) shown(node.initializer, node);
      }
    };
    visit(file);
  }
  return [...found.values()];
}

function parametersOf(declaration: ts.Declaration): readonly ts.ParameterDeclaration[] {
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return declaration.parameters;
  const initializer = ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) ? declaration.initializer : undefined;
  return initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) ? initializer.parameters : [];
}

function functionBody(declaration: ts.Declaration): ts.ConciseBody | undefined {
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return declaration.body;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer && (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))) {
    return declaration.initializer.body;
  }
  if (ts.isPropertyAssignment(declaration) && (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))) return declaration.initializer.body;
  return undefined;
}

/** The values a function body returns (not those of functions nested in it). */
function forEachReturn(body: ts.Block, each: (value: ts.Expression) => void): void {
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) each(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
}
