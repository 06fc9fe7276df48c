/**
 * The Threads view's actions that change or read a thread on the server, free of `vscode`: each takes
 * the gateway and the thread store, records what changed in the store, and returns what to tell the
 * user. The commands only ask for input and show the result, so tests run exactly this against a real
 * server.
 */
import * as l10n from "@vscode/l10n";
import { titleOf } from "../common/threadText";
import type { ErrorContext } from "../deployment/errorMapping";
import type { DeploymentGateway } from "../deployment/gateway";
import type { ThreadSummary } from "../deployment/types";
import type { ThreadStore } from "../state/threadStore";

export interface ThreadActionDeps {
  gateway: Pick<DeploymentGateway, "updateThread" | "deleteThread" | "copyThread" | "getThread">;
  store: ThreadStore;
  describe(error: unknown, context: ErrorContext): { message: string };
  /** Where the deployment is, for messages. */
  url: string;
}

/** What came of an action: its value when it succeeded, and the error messages to show (at most one). */
export interface ThreadActionResult<T> {
  value?: T;
  errors: string[];
}

const subject = (threadId: string) => `Thread ${threadId.slice(0, 8)}`;

async function attempt<T>(deps: ThreadActionDeps, operation: string, threadId: string, action: () => Promise<T>): Promise<ThreadActionResult<T>> {
  try {
    return { value: await action(), errors: [] };
  } catch (error) {
    return { errors: [deps.describe(error, { operation, subject: subject(threadId) }).message] };
  }
}

export async function renameThread(deps: ThreadActionDeps, threadId: string, title: string): Promise<ThreadActionResult<ThreadSummary>> {
  const result = await attempt(deps, l10n.t("rename the thread"), threadId, () => deps.gateway.updateThread(threadId, { title }));
  const updated = result.value;
  // Only what the server accepted is recorded: a refused rename must not retitle the open panel.
  if (updated) deps.store.update(threadId, { title, metadata: updated.metadata, updated_at: updated.updated_at });
  return result;
}

export async function deleteThread(deps: ThreadActionDeps, threadId: string): Promise<ThreadActionResult<true>> {
  const result = await attempt(deps, l10n.t("delete the thread"), threadId, async () => {
    await deps.gateway.deleteThread(threadId);
    return true as const;
  });
  if (result.value) deps.store.deleted(threadId);
  return result;
}

/** Copies the thread and names the copy; a copy that could not be named is still kept and opened. */
export async function forkThread(deps: ThreadActionDeps, threadId: string, title: string): Promise<ThreadActionResult<ThreadSummary>> {
  const copied = await attempt(deps, l10n.t("fork the thread"), threadId, () => deps.gateway.copyThread(threadId));
  const copy = copied.value;
  if (!copy) return copied;
  const named = await attempt(deps, l10n.t("name the fork"), copy.thread_id, () => deps.gateway.updateThread(copy.thread_id, { ...copy.metadata, title }));
  const fork = { ...copy, metadata: named.value?.metadata ?? copy.metadata };
  deps.store.created(fork, title);
  return { value: fork, errors: named.errors };
}

/** The thread to open and its title. */
export interface OpenTarget {
  threadId: string;
  title?: string;
}

export async function findThreadById(deps: ThreadActionDeps, threadId: string): Promise<ThreadActionResult<OpenTarget>> {
  const result = await attempt(deps, l10n.t("open the thread"), threadId, () => deps.gateway.getThread(threadId));
  // A request that failed already says why; "not found" is only for a deployment that answered without it.
  if (result.errors.length) return { errors: result.errors };
  if (result.value === undefined) return { errors: [l10n.t("Thread {0} was not found on {1}.", threadId, deps.url)] };
  return { value: { threadId, title: titleOf(result.value.metadata) }, errors: [] };
}
