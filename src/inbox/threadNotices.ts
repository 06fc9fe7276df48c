/** Shows a thread notice as a VS Code notification with *Open*; failures as warnings. */
import * as vscode from "vscode";
import { labelText } from "../common/untrustedText";
import { shortId } from "../common/threadText";
import { trustedSetting } from "../deployment/deploymentSettings";
import type { PollTiming } from "../common/backoffPoller";
import type { NotificationScope, ThreadNotice } from "./threadNotifications";

export function notificationScope(): NotificationScope {
  return trustedSetting<NotificationScope>("notifications.threads").value ?? "pinned";
}

/** Watched threads are read at the Threads view's interval (with the same backoff while nothing changes). */
export function notificationTiming(): PollTiming {
  return { intervalMs: (trustedSetting<number>("threads.pollIntervalSeconds").value ?? 5) * 1000 };
}

export function showThreadNotice(notice: ThreadNotice, open: (threadId: string, title: string | undefined) => void): void {
  // The title is the thread's metadata, which any client may write: shown as plain text.
  const title = labelText(notice.title ?? vscode.l10n.t("Thread {0}", shortId(notice.threadId)));
  const openLabel = vscode.l10n.t("Open");
  const shown =
    notice.kind === "error"
      ? vscode.window.showWarningMessage(vscode.l10n.t("“{0}” stopped with an error.", title), openLabel)
      : vscode.window.showInformationMessage(
          notice.kind === "interrupted" ? vscode.l10n.t("“{0}” is waiting for your input.", title) : vscode.l10n.t("“{0}” finished.", title),
          openLabel,
        );
  void shown.then((choice) => {
    if (choice === openLabel) open(notice.threadId, notice.title);
  });
}
