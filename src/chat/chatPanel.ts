/**
 * One chat panel in the editor: a webview bound to one ChatSession, hosted by the panel host (page,
 * validation of the webview's messages, snapshot on `ready`). The webview is thrown away when hidden
 * (no retainContextWhenHidden); when it comes back it says `ready` and gets a snapshot.
 */
import * as vscode from "vscode";
import type { Attachment, HostToWebview, WebviewToHost } from "../protocol/chatProtocol";
import { validateWebviewToHost } from "../protocol/chatMessageSchemas";
import { PanelHost } from "../panels/panelHost";
import { chatPanelHtml } from "./chatPanelHtml";
import type { ChatSession } from "./chatSession";
import { attachmentBytes } from "./attachmentContent";
import { attachmentLimitKB, readAttachment, tooLarge, workspaceFile } from "./fileAttachments";
import { EDIT_INPUT_COMMAND } from "./inputDocumentText";
import { attachmentLimitKBFor } from "../common/messageImages";

export interface ChatPanelActions {
  openSettings(): void;
  setApiKey(): void;
  showLog(): void;
  insertCode(code: string): void;
  /** Asks which assistant runs from a checkpoint (the panel's own marked); undefined when dismissed. */
  pickAssistant(title: string, currentId: string | undefined): Promise<string | undefined>;
}

export class ChatPanel implements vscode.Disposable {
  private readonly host: PanelHost<WebviewToHost, HostToWebview>;
  readonly onDidDispose: vscode.Event<void>;
  /** Names the panel while it has no thread (its run input document's path, for one). */
  readonly key = crypto.randomUUID();
  /** Files attached from outside while the webview was away: they come with its next snapshot. */
  private unsentAttachments: Attachment[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly session: ChatSession,
    extensionUri: vscode.Uri,
    private readonly actions: ChatPanelActions,
    log: vscode.LogOutputChannel,
  ) {
    this.host = new PanelHost(panel, {
      extensionUri,
      log,
      name: "chat panel",
      html: chatPanelHtml,
      validate: validateWebviewToHost,
      // snapshot() first posts the session's pending deltas, so none arrives after the snapshot.
      snapshot: () => this.snapshot(),
      handle: (message) => this.handle(message),
    });
    this.onDidDispose = this.host.onDidDispose;
    this.host.onDidDispose(() => session.dispose());
    this.updateTitle();
  }

  /**
   * Called by the session for every change (its token deltas already merged per burst); dropped while
   * the webview is not there to receive it.
   */
  post(message: HostToWebview): void {
    if (message.type === "thread" || message.type === "snapshot") this.updateTitle();
    this.host.post(message);
  }

  reveal(): void {
    this.host.reveal();
  }

  /** Files for the composer (attached from the Explorer); kept for the next snapshot if the webview is away. */
  attach(attachments: Attachment[]): void {
    if (attachments.length === 0) return;
    if (!this.host.post({ type: "attach", attachments })) this.unsentAttachments.push(...attachments);
  }

  private snapshot(): HostToWebview {
    const snapshot = this.session.snapshot();
    if (snapshot.type !== "snapshot") return snapshot;
    const attachments = this.unsentAttachments;
    this.unsentAttachments = [];
    return { ...snapshot, attachmentLimitKB: attachmentLimitKB(), ...(attachments.length ? { attachments } : {}) };
  }

  /** The webview refuses files over the limit; a message that still carries one is given back, not sent. */
  private async send(message: Extract<WebviewToHost, { type: "send" }>): Promise<void> {
    const attachments = message.attachments ?? [];
    const limitKB = attachmentLimitKB();
    const over = attachments.find((attachment) => attachmentBytes(attachment) > attachmentLimitKBFor(attachment.kind === "image", limitKB) * 1024);
    if (!over) return this.session.send(message.text, message.assistantId, attachments);
    this.post({ type: "restoreDraft", text: message.text, attachments });
    void vscode.window.showWarningMessage(tooLarge(over.name, attachmentBytes(over), limitKB, over.kind === "image"));
  }

  /** Explorer files dropped on the composer: only files of the open workspace folders are read. */
  private async attachFiles(uris: string[]): Promise<void> {
    const files = uris.map((text) => ({ text, uri: workspaceFile(text) }));
    const outside = files.filter((file) => !file.uri);
    if (outside.length) void vscode.window.showWarningMessage(vscode.l10n.t("Only files of the open workspace folders can be attached by dropping them."));
    const read = await Promise.all(files.flatMap((file) => (file.uri ? [readAttachment(file.uri)] : [])));
    for (const result of read) if (!result.ok) void vscode.window.showWarningMessage(result.reason);
    this.attach(read.flatMap((result) => (result.ok ? [result.attachment] : [])));
  }

  dispose(): void {
    this.host.dispose();
  }

  private updateTitle(): void {
    this.host.title = this.session.thread.title;
  }

  private async handle(message: Exclude<WebviewToHost, { type: "ready" }>): Promise<void> {
    switch (message.type) {
      case "send":
        return this.send(message);
      case "attachFiles":
        return this.attachFiles(message.uris);
      case "runInput":
        return this.session.runInput(message.input, message.assistantId);
      case "editInput":
        return void vscode.commands.executeCommand(EDIT_INPUT_COMMAND, this, message.input);
      case "stop":
        return this.session.stop();
      case "editMessage":
        return this.session.edit(message.id, message.text, message.assistantId);
      case "regenerate":
        return this.session.regenerate(message.id, message.assistantId);
      case "rerunFromMessage": {
        const assistantId = await this.actions.pickAssistant(vscode.l10n.t("Re-run from This Message"), this.session.selectedAssistantId);
        return assistantId ? this.session.rerunFromMessage(message.id, assistantId) : undefined;
      }
      case "switchBranch":
        return this.session.switchBranch(message.id, message.direction);
      case "needAuthors":
        // The schema admits only strings, and no more than a window's worth.
        return this.session.attributeEarlier(message.ids);
      case "resume":
        return this.session.resume(message.response, message.assistantId);
      case "selectAssistant":
        return this.session.selectAssistant(message.assistantId);
      case "assistantPickerOpened":
        return this.session.revalidateAssistants();
      case "snapshotPainted":
        return this.session.paint.painted();
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
        void vscode.window.setStatusBarMessage(vscode.l10n.t("Copied to clipboard"), 2000);
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
    void vscode.window.showWarningMessage(vscode.l10n.t('Blocked a link with the "{0}" scheme from the chat.', uri.scheme));
    return;
  }
  await vscode.env.openExternal(uri);
}
