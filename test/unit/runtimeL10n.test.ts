import * as assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { getL10nJson } from "@vscode/l10n-dev";
import ts from "typescript";
import { STREAM_MODE_NAMES } from "../../src/common/streamModes";
import { moduleLevelTranslations, proseLiterals } from "./proseStrings";
import { runtimeLiterals } from "./runtimeStrings";
import { shownWords } from "./shownWords";

const root = join(__dirname, "..", "..");

function sources(): { file: string; source: string }[] {
  return readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => ({ file: join("src", file), source: readFileSync(join(root, "src", file), "utf8") }));
}

/** Extension-host code: the files that can reach `vscode.l10n` (the webviews and the language server cannot). */
function hostSources(): { file: string; source: string }[] {
  return sources().filter(({ source }) => /from "vscode";/.test(source));
}

/** Code that runs in the extension host, the debug adapter or the language server (not in a webview). */
function hostAndServerSources(): { file: string; source: string }[] {
  return sources().filter(({ file }) => !/^src[\\/](webview|graphWebview|eventLogWebview)[\\/]/.test(file));
}

/** A webview page's module, by its absolute path. */
const WEBVIEW_FILE = /[\\/]src[\\/](webview|graphWebview|eventLogWebview)[\\/]/;

/** The project's compiler options (tsconfig.json), for a program the checks can ask types of. */
function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), (path) => readFileSync(path, "utf8"));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root).options;
}

/** Code that runs in a host or server but cannot import vscode: it translates with `@vscode/l10n`. */
function vscodeFreeSources(): { file: string; source: string }[] {
  return hostAndServerSources().filter(({ source }) => !/from "vscode";/.test(source));
}

/** Literals that read as words but are not prose, each with its reason. */
const NOT_PROSE = new Set([
  // The Python CLI's install command, shown as it must be typed.
  `'pip install -U "langgraph-cli[inmem]"'`,
  // The product's name, on its output channel.
  '"LangGraph Threads"',
  // Panels' names in the log's lines.
  '"chat panel"',
  '"graph panel"',
  '"event log"',
  // Webview pages' <title>, which VS Code does not show (the panel's own title is translated).
  '"LangGraph Chat"',
  '"LangGraph Graph"',
  '"LangGraph Event Log"',
]);

/** A list of CSS classes (`"button button--secondary"`): lower-case words, one of them hyphenated. */
const CSS_CLASSES = /^(["'`])(?=[^]*-)[a-z0-9-]+( [a-z0-9-]+)*\1$/;

/** Literals in the webview pages that read as words but are not shown. */
const NOT_PAGE_PROSE = new Set([
  // An aria-relevant value.
  '"additions text"',
  // The message of a failed file read, never shown (the read's refusal is).
  "`could not read ${file.name}`",
  // SVG path data for an edge.
  "`M${fixed(first.x)},${fixed(first.y)} L${fixed(rest[0].x)},${fixed(rest[0].y)}`",
]);

/** Words that reach the user as they are written, each with its reason. */
const SHOWN_AS_WRITTEN = new Set([
  // The stream modes' names in the event log: the API's words, as the user picks them in code.
  ...STREAM_MODE_NAMES.map((mode) => `"${mode}"`),
  // The local server's command line, shown as it runs.
  '"langgraph dev"',
  "`${manager} run ${script}`",
  '"npm"',
  '"pnpm"',
  '"yarn"',
  '"bun"',
  '"npx @langchain/langgraph-cli dev"',
  // A thread's status as the API names it: the tree and the chat page say the statuses they know in words
  // of their own, and one the server adds later as it names it.
  '"idle"',
  '"busy"',
  // A checkpoint's source as the API names it: the timeline says the sources it knows in words of its own.
  '"update"',
]);

describe("runtime strings are localizable", () => {
  it("no user-visible literal in a notification, status bar, tree item, quick pick, input box, dialog or progress title", () => {
    const sources = hostSources();
    assert.ok(sources.length > 50, `only ${sources.length} extension-host files found`);
    const literals = sources.flatMap(({ file, source }) => runtimeLiterals(file, source).map((l) => `${file}:${l.line} ${l.where}: ${l.text}`));
    assert.deepEqual(literals, [], "literals shown to the user (wrap them in vscode.l10n.t)");
  });

  it("the check finds a literal wherever one is shown, and lets vscode.l10n.t and icon-only text through", () => {
    const source = `
      vscode.window.showInformationMessage("Saved.");
      vscode.window.showErrorMessage(vscode.l10n.t("Failed: {0}", reason), "Retry");
      window.showWarningMessage(\`Delete \${name}?\`, { modal: true }, vscode.l10n.t("Delete"));
      vscode.window.setStatusBarMessage(done ? "Copied" : vscode.l10n.t("Not copied"), 2000);
      vscode.window.showQuickPick(items, { title: "Pick one", placeHolder: vscode.l10n.t("Type to filter") });
      vscode.window.showInputBox({ title: vscode.l10n.t("Name"), prompt: "Who" + "?" });
      vscode.window.withProgress({ location, title: \`Loading \${what}…\` }, run);
      vscode.window.showSaveDialog({ saveLabel: "Export" });
      const pick = vscode.window.createQuickPick();
      pick.title = "Checkpoints";
      pick.placeholder = vscode.l10n.t("Pick a checkpoint");
      other.title = "not a widget";
      vscode.window.showErrorMessage(error.message);
      class Bar {
        private readonly item = vscode.window.createStatusBarItem("id");
        render() {
          this.item.text = \`$(plug) \${host}\`;
          this.item.tooltip = \`$(plug) Connected to \${url}\`;
          this.item.name = vscode.l10n.t("Connection");
        }
      }
      const more = new vscode.TreeItem("Load more…", collapsed);
      more.description = vscode.l10n.t("Retry");
      more.tooltip = \`\${error.message}\\nClick to retry.\`;
      new vscode.TreeItem(error.message);
    `;
    assert.deepEqual(
      runtimeLiterals("sample.ts", source).map(({ line, where, text }) => `${line} ${where}: ${text}`),
      [
        '2 showInformationMessage: "Saved."',
        '3 showErrorMessage: "Retry"',
        "4 showWarningMessage: `Delete ${name}?`",
        '5 setStatusBarMessage: done ? "Copied" : vscode.l10n.t("Not copied")',
        '6 showQuickPick title: "Pick one"',
        '7 showInputBox prompt: "Who" + "?"',
        "8 withProgress title: `Loading ${what}…`",
        '9 showSaveDialog saveLabel: "Export"',
        '11 pick.title: "Checkpoints"',
        "19 this.item.tooltip: `$(plug) Connected to ${url}`",
        '23 TreeItem: "Load more…"',
        "25 more.tooltip: `${error.message}\\nClick to retry.`",
      ],
    );
  });

  it("no prose literal anywhere in the host, the debug adapter or the language server (errors, operation phrases, tree items, chat replies, the launch plan)", () => {
    const files = hostAndServerSources();
    assert.ok(files.some(({ file }) => file.endsWith("errorMapping.ts")) && files.some(({ file }) => file.endsWith("threadTreeItems.ts")), "the host modules were not found");
    const literals = files.flatMap(({ file, source }) =>
      proseLiterals(file, source)
        .filter((l) => !NOT_PROSE.has(l.text))
        .map((l) => `${file}:${l.line} ${l.text}`),
    );
    assert.deepEqual(literals, [], "prose the user can see (wrap it in vscode.l10n.t, or l10n.t from @vscode/l10n where vscode cannot be imported)");
  });

  for (const [folder, table, module] of [
    ["webview", "chatPageStrings", "composer.ts"],
    ["graphWebview", "graphPageStrings", "nodePanel.ts"],
    ["eventLogWebview", "eventLogPageStrings", "rowWindow.ts"],
  ]) {
    it(`no prose literal in the ${folder} page: its text comes from the table the host builds (src/protocol/${table}.ts)`, () => {
      const files = sources().filter(({ file }) => file.startsWith(join("src", folder, "")));
      assert.ok(files.some(({ file }) => file.endsWith(module)), `the ${folder} page's modules were not found`);
      const literals = files.flatMap(({ file, source }) =>
        proseLiterals(file, source)
          .filter((l) => !CSS_CLASSES.test(l.text) && !NOT_PAGE_PROSE.has(l.text))
          .map((l) => `${file}:${l.line} ${l.text}`),
      );
      assert.deepEqual(literals, [], `prose the page shows (add it to ${table} and read it with pageText())`);
    });
  }

  it("no word reaches a place the user reads untranslated, traced back from that place: one word (a status, an origin, a label) is already text", function () {
    this.timeout(120_000);
    const files = sources().map(({ file }) => join(root, file));
    const program = ts.createProgram(files, compilerOptions());
    const words = shownWords(program, files, { isPage: (file) => WEBVIEW_FILE.test(file) }).filter((w) => !SHOWN_AS_WRITTEN.has(w.text));
    assert.ok(files.length > 200, `only ${files.length} source files found`);
    assert.deepEqual(
      words.map((w) => `${w.file.slice(root.length + 1)}:${w.line} ${w.text}  (shown by ${w.shownAt})`),
      [],
      "words shown to the user (wrap them in vscode.l10n.t or l10n.t; in a page, add them to its table)",
    );
  });

  it("the trace finds one word by where it goes, through constants, properties, functions and templates, and lets ids, keys and protocol strings through", function () {
    this.timeout(60_000);
    const host = `
      import * as vscode from "vscode";
      const SOURCE_WORDS = { update: "edited", fork: vscode.l10n.t("fork") };
      function originOf(source: string): string {
        if (source === "input") return "input";
        return SOURCE_WORDS[source as "update"] ?? "checkpoint";
      }
      class Row extends vscode.TreeItem {
        constructor(source: string) {
          super(\`step 1 · \${originOf(source)}\`);
          this.id = "row:1";
          this.contextValue = "checkpoint.edited";
          this.description = [source === "x" ? "default" : undefined, vscode.l10n.t("v{0}", 2)].filter(Boolean).join(" · ");
        }
      }
      export function register(): vscode.Disposable[] {
        const item = new Row("update");
        item.tooltip = vscode.l10n.t("Written by {0}", "unknown");
        const picks: vscode.QuickPickItem[] = [{ label: "Retry", description: vscode.l10n.t("Again") }];
        void vscode.commands.executeCommand("setContext", "langgraph.connection", "local");
        void vscode.window.showQuickPick(picks, { title: vscode.l10n.t("Pick one"), placeHolder: vscode.l10n.t("Type to filter") });
        return [vscode.commands.registerCommand("langgraph.threads.open", () => vscode.window.showWarningMessage("Stopped"))];
      }
      export interface RowView { mode: string; summary: string }
      export const row = (n: number): RowView => ({ mode: "values", summary: n ? \`step \${n}\` : vscode.l10n.t("done") });
    `;
    const page = `
      declare function el(tag: string, options: { className?: string; text?: string; attrs?: Record<string, string> }): HTMLElement;
      declare function pageText(): { ui: string };
      export function author(ui: boolean, node: HTMLElement): HTMLElement {
        node.textContent = ui ? "UI" : pageText().ui;
        node.setAttribute("data-mode", "values");
        node.setAttribute("aria-label", "Close");
        node.dataset.kind = "message";
        return el("span", { className: "author-name", text: "Author", attrs: { role: "status", title: pageText().ui } });
      }
      const clean = (text: string) => text.trim();
      export function rowElement(row: import("../virtualHost").RowView, node: HTMLElement): void {
        node.title = clean(\`\${row.mode}: shown\`);
        node.textContent = row.summary;
      }
    `;
    const virtual = new Map([
      [join(root, "src", "virtualHost.ts"), host],
      [join(root, "src", "webview", "virtualPage.ts"), page],
    ]);
    const options = compilerOptions();
    const compilerHost = ts.createCompilerHost(options);
    const getSourceFile = compilerHost.getSourceFile.bind(compilerHost);
    compilerHost.getSourceFile = (name, language, ...rest) => {
      const text = virtual.get(name);
      return text === undefined ? getSourceFile(name, language, ...rest) : ts.createSourceFile(name, text, language);
    };
    const fileExists = compilerHost.fileExists.bind(compilerHost);
    compilerHost.fileExists = (name) => virtual.has(name) || fileExists(name);
    const files = [...virtual.keys()];
    const program = ts.createProgram(files, options, compilerHost);
    const found = shownWords(program, files, { isPage: (file) => WEBVIEW_FILE.test(file) }).map((w) => `${w.file.endsWith("virtualPage.ts") ? "page" : "host"}:${w.line} ${w.text}`);
    assert.deepEqual(found.sort(), [
      "host:10 `step 1 · ${originOf(source)}`",
      'host:13 "default"',
      'host:18 "unknown"',
      'host:19 "Retry"',
      'host:22 "Stopped"',
      'host:25 "values"',
      "host:25 `step ${n}`",
      'host:3 "edited"',
      'host:5 "input"',
      'host:6 "checkpoint"',
      "page:13 `${row.mode}: shown`",
      'page:5 "UI"',
      'page:7 "Close"',
      'page:9 "Author"',
    ]);
  });

  it("no l10n.t call runs as a module loads, before activation has configured the bundle", () => {
    const early = vscodeFreeSources().flatMap(({ file, source }) => moduleLevelTranslations(file, source).map((l) => `${file}:${l.line} ${l.text}`));
    assert.deepEqual(early, [], "translated at load time (build the text in a function)");
  });

  it("the prose check finds a sentence or a shown phrase wherever it is written, and lets keys, matching, logs and l10n.t through", () => {
    const source = `
      import * as l10n from "@vscode/l10n";
      const LIMIT = l10n.t("the server stops a run only between nodes");
      export function describe(url: string, error: Error) {
        if (error.message === "socket hang up") return { kind: "streamDropped", detail: "the socket closed early" };
        if (/fetch failed/.test(error.message)) return make("unreachable", \`Cannot reach \${url}. Is the server running?\`);
        const subject = { operation: "load threads", subject: \`Thread \${id}\` };
        log.debug("Rebuilding the client for the new key");
        throw new Error(l10n.t("Could not {0}: {1}", subject.operation, error.message));
      }
      class Gone extends Error {
        constructor() { super("The checkpoint does not exist"); }
      }
      const reason = stopped ? "breakpoint" : "function breakpoint";
      const shown = done ? l10n.t("Done") : "Not done yet";
    `;
    assert.deepEqual(
      proseLiterals("sample.ts", source).map(({ line, text }) => `${line} ${text}`),
      ["6 `Cannot reach ${url}. Is the server running?`", '7 "load threads"', "7 `Thread ${id}`", '15 "Not done yet"'],
    );
    assert.deepEqual(
      moduleLevelTranslations("sample.ts", source).map(({ line }) => line),
      [3, 15],
    );
  });

  it("l10n/bundle.l10n.json holds exactly the strings src passes to vscode.l10n.t and @vscode/l10n's l10n.t (npm run l10n:export writes it)", async () => {
    const bundle = JSON.parse(readFileSync(join(root, "l10n", "bundle.l10n.json"), "utf8")) as Record<string, string>;
    const translated = sources().filter(({ source }) => /from "(vscode|@vscode\/l10n)";/.test(source));
    const extracted = await getL10nJson(translated.map(({ source }) => ({ extension: ".ts", contents: source })));
    assert.ok(Object.keys(extracted).length > 100, `only ${Object.keys(extracted).length} strings extracted`);
    assert.deepEqual(Object.keys(bundle).sort(), Object.keys(extracted).sort(), "the bundle is out of date: run npm run l10n:export");
  });
});
