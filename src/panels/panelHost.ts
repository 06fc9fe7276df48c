/**
 * The one host of the extension's webview panels (chat and graph): sets up the page (options, CSP
 * html, icon), validates every message from the webview before its owner acts on it, replays a
 * snapshot when the webview says `ready` (a hidden webview is destroyed and rebuilt), and catches and
 * logs what a handler throws instead of leaving an unhandled rejection. Owners are thin: they supply a
 * page, a validator, a snapshot and a handler.
 */
import * as vscode from "vscode";
import type { Validated } from "../protocol/messageValidation";

export interface PanelHostOptions<In extends { type: string }, Out> {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** Names the panel in the log, e.g. "chat panel". */
  name: string;
  /** The page: the only place the webview's scripts and styles come from. */
  html(webview: vscode.Webview, uriOf: (...path: string[]) => vscode.Uri): string;
  validate(value: unknown): Validated<In>;
  /** Everything the webview shows, replayed after it says `ready`. */
  snapshot(): Out;
  /** Every valid message but `ready`. */
  handle(message: Exclude<In, { type: "ready" }>): Promise<void> | void;
}

export class PanelHost<In extends { type: string }, Out> implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private ready = false;
  private isDisposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly options: PanelHostOptions<In, Out>,
  ) {
    const { extensionUri } = options;
    panel.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, "dist"), vscode.Uri.joinPath(extensionUri, "media")],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, "media", "langgraph.svg");
    panel.webview.html = options.html(panel.webview, (...path) => vscode.Uri.joinPath(extensionUri, ...path));
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is destroyed; it asks for a snapshot with `ready` when it is rebuilt.
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  set title(title: string) {
    if (!this.isDisposed) this.panel.title = title;
  }

  /** Delivered only while the webview is there to receive it (then true); it gets a snapshot when it comes back. */
  post(message: Out): boolean {
    if (!this.ready || !this.panel.visible) return false;
    this.deliver(message);
    return true;
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    this.disposed.fire();
    this.disposed.dispose();
  }

  /** Validated first: the webview shows untrusted content, so nothing it sends is acted on unchecked. */
  receive(value: unknown): void {
    const validated = this.options.validate(value);
    if (!validated.ok) {
      this.options.log.warn(`The ${this.options.name} dropped an invalid message ${validated.reason}`);
      return;
    }
    const message = validated.message;
    if (!isAction(message)) {
      this.ready = true;
      this.deliver(this.options.snapshot());
      return;
    }
    void (async () => this.options.handle(message))().catch((error: unknown) => {
      this.options.log.error(`The ${this.options.name} failed to handle “${message.type}”: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    });
  }

  private deliver(message: Out): void {
    this.panel.webview.postMessage(message).then(undefined, (error: unknown) => {
      this.options.log.warn(`The ${this.options.name} could not post a message: ${String(error)}`);
    });
  }
}

/** Every message but `ready` asks the owner for something. */
function isAction<In extends { type: string }>(message: In): message is Exclude<In, { type: "ready" }> {
  return message.type !== "ready";
}

/** Brings panels of `viewType` back after a window reload, from the state their webview saved. */
export function registerPanelSerializer(viewType: string, restore: (panel: vscode.WebviewPanel, state: unknown) => void): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(viewType, {
    deserializeWebviewPanel: async (panel, state: unknown) => restore(panel, state),
  });
}
