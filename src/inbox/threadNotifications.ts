/**
 * Tells the user when a thread they care about stops: waits at an interrupt, fails, or finishes. Which
 * threads is a setting (pinned ones by default, or also the open ones, or none); never the thread
 * whose panel has focus, since the user sees it already. It hears every status the thread store
 * records (runs in panels, runs other clients started, the views' polls) and speaks only on the
 * change from busy to something else.
 */
import * as vscode from "vscode";
import { trustedSetting } from "../deployment/deploymentSettings";
import type { ThreadStatus } from "../deployment/types";
import type { ThreadStore } from "../state/threadStore";
import { labelText } from "../common/untrustedText";
import { shortId } from "../common/threadText";

type Scope = "off" | "pinned" | "openOrPinned";

export interface ThreadNotificationDeps {
  store: ThreadStore;
  isPinned(threadId: string): boolean;
  isOpen(threadId: string): boolean;
  /** Its panel is the focused editor of a focused window. */
  isFocused(threadId: string): boolean;
  open(threadId: string, title: string | undefined): void;
}

const MESSAGES: Partial<Record<ThreadStatus, (title: string) => string>> = {
  interrupted: (title) => `“${title}” is waiting for your input.`,
  error: (title) => `“${title}” stopped with an error.`,
  idle: (title) => `“${title}” finished.`,
};

export class ThreadNotifications implements vscode.Disposable {
  private readonly last = new Map<string, ThreadStatus>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: ThreadNotificationDeps) {
    this.subscription = deps.store.onDidChange((change) => {
      if (change.kind === "created") this.last.set(change.thread.thread_id, change.thread.status);
      else if (change.kind === "deleted") this.last.delete(change.threadId);
      else if (change.change.status) this.saw(change.threadId, change.change.status);
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private saw(threadId: string, status: ThreadStatus): void {
    const before = this.last.get(threadId);
    this.last.set(threadId, status);
    if (before !== "busy" || status === "busy") return;
    const scope = trustedSetting<Scope>("notifications.threads").value ?? "pinned";
    const wanted = scope !== "off" && (this.deps.isPinned(threadId) || (scope === "openOrPinned" && this.deps.isOpen(threadId)));
    const message = MESSAGES[status];
    if (!wanted || !message || this.deps.isFocused(threadId)) return;
    const title = this.deps.store.get(threadId)?.title;
    const text = message(labelText(title ?? `Thread ${shortId(threadId)}`));
    const show = status === "error" ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(text, "Open").then((choice) => {
      if (choice === "Open") this.deps.open(threadId, title);
    });
  }
}
