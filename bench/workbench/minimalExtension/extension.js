// The baseline of `npm run bench:workbench`: a tree view whose rows come from memory and a webview that
// paints a fixed page and marks it, so VS Code's own cost of a view and a webview can be told from ours.
const vscode = require("vscode");

const ROWS = Array.from({ length: 50 }, (_, i) => `Minimal row ${i + 1}`);

exports.activate = (context) => {
  const tree = {
    getChildren: () => ROWS,
    getTreeItem: (label) => {
      const item = new vscode.TreeItem(label);
      item.command = { command: "benchMinimal.open", title: "Open", arguments: [label] };
      return item;
    },
  };
  context.subscriptions.push(
    vscode.window.createTreeView("benchMinimal.rows", { treeDataProvider: tree }),
    vscode.commands.registerCommand("benchMinimal.open", (label) => {
      const panel = vscode.window.createWebviewPanel("benchMinimal", String(label ?? "Minimal"), vscode.ViewColumn.Active, { enableScripts: true });
      const nonce = Math.random().toString(36).slice(2);
      panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}';">
</head><body><p id="text">Minimal webview: ${ROWS.length} rows</p>
<script nonce="${nonce}">
requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => performance.mark("minimal:painted");
  channel.port2.postMessage(undefined);
});
</script></body></html>`;
    }),
  );
};
