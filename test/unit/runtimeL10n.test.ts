import * as assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { getL10nJson } from "@vscode/l10n-dev";
import { runtimeLiterals } from "./runtimeStrings";

const root = join(__dirname, "..", "..");

/** Extension-host code: the files that can reach `vscode.l10n` (the webviews and the language server cannot). */
function hostSources(): { file: string; source: string }[] {
  return readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => ({ file: join("src", file), source: readFileSync(join(root, "src", file), "utf8") }))
    .filter(({ source }) => /from "vscode";/.test(source));
}

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

  it("l10n/bundle.l10n.json holds exactly the strings src passes to vscode.l10n.t (npm run l10n:export writes it)", async () => {
    const bundle = JSON.parse(readFileSync(join(root, "l10n", "bundle.l10n.json"), "utf8")) as Record<string, string>;
    const extracted = await getL10nJson(hostSources().map(({ source }) => ({ extension: ".ts", contents: source })));
    assert.ok(Object.keys(extracted).length > 100, `only ${Object.keys(extracted).length} strings extracted`);
    assert.deepEqual(Object.keys(bundle).sort(), Object.keys(extracted).sort(), "the bundle is out of date: run npm run l10n:export");
  });
});
