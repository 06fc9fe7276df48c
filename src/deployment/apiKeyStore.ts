/**
 * API keys live only in SecretStorage, one per deployment origin: a key set for one server is never
 * sent to another, even when a workspace points the extension elsewhere.
 */
import * as vscode from "vscode";

export class ApiKeyStore {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) this.changed.fire();
    });
  }

  get(url: string): Thenable<string | undefined> {
    return this.secrets.get(secretKey(url));
  }

  set(url: string, key: string): Thenable<void> {
    return this.secrets.store(secretKey(url), key);
  }

  clear(url: string): Thenable<void> {
    return this.secrets.delete(secretKey(url));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

const PREFIX = "langgraph.apiKey:";

function secretKey(url: string): string {
  try {
    return PREFIX + new URL(url).origin;
  } catch {
    return PREFIX + url;
  }
}
