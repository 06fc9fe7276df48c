import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { LangGraphThreadsApi } from "../../src/extension";
import { activateExtension, until } from "./host";

const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

type Panel = LangGraphThreadsApi["parts"]["chats"]["all"][number];
type Posted = { type: string; attachments?: unknown[] };

/** Everything the host posts to a panel's real webview, recorded on the way (the webview still gets it). */
function recordPosts(panel: Panel): Posted[] {
  const posted: Posted[] = [];
  const webview = panel.panel.webview;
  const deliver = webview.postMessage.bind(webview);
  webview.postMessage = (message: unknown) => {
    posted.push(message as Posted);
    return deliver(message);
  };
  return posted;
}

/** The files the composer was handed: sent at once, or with the snapshot the webview gets when it is ready. */
const attached = (posted: Posted[]) => posted.flatMap((message) => ((message.type === "attach" || message.type === "snapshot") && message.attachments ? message.attachments : []));

describe("Attach to LangGraph Chat (the Explorer's command) in a real VS Code", () => {
  let api: LangGraphThreadsApi;
  let folder: vscode.Uri;
  before(async () => {
    api = await activateExtension();
    folder = vscode.workspace.workspaceFolders![0].uri;
  });
  afterEach(async () => {
    for (const panel of api.parts.chats.all) panel.panel.dispose();
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("run with a file Uri, as the Explorer's menu does, puts a text file inline and an image as an image in the focused panel's composer", async () => {
    const notes = vscode.Uri.joinPath(folder, "attach-notes.md");
    const dot = vscode.Uri.joinPath(folder, "attach-dot.png");
    await vscode.workspace.fs.writeFile(notes, new TextEncoder().encode("# Notes\nfrom the Explorer"));
    await vscode.workspace.fs.writeFile(dot, Buffer.from(PNG_BASE64, "base64"));

    const other = api.parts.chats.open();
    const focused = api.parts.chats.open();
    const posted = recordPosts(focused);
    const postedToOther = recordPosts(other);
    await until(() => api.parts.chats.active === focused, "the second panel to be focused");

    // The Explorer's context menu calls the command with the clicked file and the selection.
    await vscode.commands.executeCommand("langgraph.chat.attachFile", notes, [notes, dot]);
    const files = await until(() => attached(posted).length === 2 && attached(posted), "the composer to get the files");
    assert.deepEqual(files, [
      { kind: "text", name: "attach-notes.md", text: "# Notes\nfrom the Explorer" },
      { kind: "image", name: "attach-dot.png", dataUrl: `data:image/png;base64,${PNG_BASE64}` },
    ]);
    assert.deepEqual(attached(postedToOther), [], "the panel not in focus gets nothing");

    // One clicked file alone (no selection) is attached too.
    await vscode.commands.executeCommand("langgraph.chat.attachFile", notes);
    await until(() => attached(posted).length === 3, "the single file");
    await vscode.workspace.fs.delete(notes);
    await vscode.workspace.fs.delete(dot);
  });
});
