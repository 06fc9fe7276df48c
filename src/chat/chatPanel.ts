/**
 * One chat panel in the editor: a webview bound to one ChatSession. The webview is thrown away when
 * hidden (no retainContextWhenHidden); when it comes back it says `ready` and the host replays a snapshot.
 */
import * as vscode from "vscode";
import { isWebviewToHost, type HostToWebview, type WebviewToHost } from "../protocol/chatProtocol";
import { chatPanelHtml } from "./chatPanelHtml";
import type { ChatSession } from "./chatSession";

export const CHAT_VIEW_TYPE = "langgraph.chat";

export interface ChatPanelActions {
  openSettings(): void;
  setApiKey(): void;
  showLog(): void;
  insertCode(code: string): void;
}

export class ChatPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private ready = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly session: ChatSession,
    private readonly extensionUri: vscode.Uri,
    private readonly actions: ChatPanelActions,
  ) {
    panel.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, "dist"), vscode.Uri.joinPath(extensionUri, "media")],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, "media", "langgraph.svg");
    panel.webview.html = chatPanelHtml(panel.webview, (...p) => vscode.Uri.joinPath(extensionUri, ...p));
    this.updateTitle();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isWebviewToHost(message)) void this.handle(message);
      }),
      panel.onDidChangeViewState(() => {
        // A hidden webview is destroyed; it asks for a snapshot with `ready` when it is rebuilt.
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /**
   * Called by the session for every change (its token deltas already merged per burst); dropped while
   * the webview is not there to receive it.
   */
  post(message: HostToWebview): void {
    if (message.type === "thread" || message.type === "snapshot") this.updateTitle();
    if (this.ready && this.panel.visible) void this.panel.webview.postMessage(message);
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    this.session.dispose();
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    this.disposed.fire();
    this.disposed.dispose();
  }

  private updateTitle(): void {
    const { title, status } = this.session.thread;
    this.panel.title = title;
    void status;
  }

  private async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case "ready":
        this.ready = true;
        // snapshot() first posts the session's pending deltas, so none arrives after the snapshot.
        void this.panel.webview.postMessage(this.session.snapshot());
        return;
      case "send":
        return this.session.send(message.text, message.assistantId);
      case "stop":
        return this.session.stop();
      case "editMessage":
        return this.session.edit(message.id, message.text, message.assistantId);
      case "regenerate":
        return this.session.regenerate(message.id, message.assistantId);
      case "switchBranch":
        return this.session.switchBranch(message.id, message.direction);
      case "needAuthors":
        // From the webview: only strings, and no more than a window's worth.
        if (Array.isArray(message.ids)) return this.session.attributeEarlier(message.ids.filter((id): id is string => typeof id === "string").slice(0, 200));
        return;
      case "resume":
        return this.session.resume(message.response, message.assistantId);
      case "selectAssistant":
        return this.session.selectAssistant(message.assistantId);
      case "errorAction":
        if (message.action === "retry" || message.action === "reload") return this.session.retry();
        if (message.action === "openSettings") return this.actions.openSettings();
        if (message.action === "setApiKey") return this.actions.setApiKey();
        if (message.action === "showLog") return this.actions.showLog();
        return;
      case "openLink":
        return openLink(message.href);
      case "copyText":
        await vscode.env.clipboard.writeText(message.text);
        void vscode.window.setStatusBarMessage("Copied to clipboard", 2000);
        return;
      case "insertCode":
        return this.actions.insertCode(message.code);
    }
  }
}

/** Links from agent content open only after the user clicked them, and only for web and mail URLs. */
async function openLink(href: string): Promise<void> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(href, true);
  } catch {
    return;
  }
  if (!["http", "https", "mailto"].includes(uri.scheme)) {
    void vscode.window.showWarningMessage(`Blocked a link with the "${uri.scheme}" scheme from the chat.`);
    return;
  }
  await vscode.env.openExternal(uri);
}
