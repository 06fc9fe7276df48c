/** `/threads` and `/thread`: recent threads of the deployment, listed with links or picked. */
import * as vscode from "vscode";
import type { ThreadSummary } from "../deployment/types";
import { shortId, statusText, titleOf } from "../common/threadText";
import { labelText } from "../common/untrustedText";
import type { Conversation } from "./conversation";
import { openThreadLink, type Reply } from "./reply";

const RECENT = 20;

const titleOfThread = (thread: ThreadSummary) => titleOf(thread.metadata) ?? shortId(thread.thread_id);

export async function threadTitle(conversation: Conversation, threadId: string): Promise<string> {
  const thread = await conversation.gateway().getThread(threadId).catch(() => undefined);
  return thread ? titleOfThread(thread) : shortId(threadId);
}

export async function listThreads(conversation: Conversation, reply: Reply): Promise<void> {
  const threads = await conversation.gateway().searchThreads({ limit: RECENT });
  if (!threads.length) {
    reply.own(vscode.l10n.t("This deployment has no threads yet. Send a message to start one."));
    return;
  }
  const lines = threads.map((t) => `- ${openThreadLink(titleOfThread(t), t.thread_id)} — ${statusText(t.status)}, ${t.updated_at.slice(0, 16).replace("T", " ")}`);
  reply.own(vscode.l10n.t("Recent threads (newest first):\n\n{0}\n\nClick one to open it; `/thread <title or id>` sends the next messages there.", lines.join("\n")));
}

/** A thread by id or title words, or picked from the recent ones when `query` is empty. */
export async function pickThread(conversation: Conversation, query: string): Promise<{ threadId: string; title: string } | undefined> {
  const gateway = conversation.gateway();
  if (query) {
    const exact = await gateway.getThread(query).catch(() => undefined);
    if (exact) return { threadId: exact.thread_id, title: titleOfThread(exact) };
  }
  const threads = await gateway.searchThreads({ limit: query ? 100 : RECENT });
  if (query) {
    const wanted = query.toLowerCase();
    const found = threads.find((t) => t.thread_id.startsWith(wanted) || titleOfThread(t).toLowerCase().includes(wanted));
    return found && { threadId: found.thread_id, title: titleOfThread(found) };
  }
  const picked = await vscode.window.showQuickPick(
    threads.map((t) => ({ label: labelText(titleOfThread(t)), description: `${statusText(t.status)} · ${shortId(t.thread_id)}`, threadId: t.thread_id })),
    { title: vscode.l10n.t("Thread for the next messages"), placeHolder: vscode.l10n.t("Pick a thread") },
  );
  return picked && { threadId: picked.threadId, title: picked.label };
}
