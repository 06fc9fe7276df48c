/**
 * Answers a thread's interrupt from outside its panel, at most once. Another client may have answered
 * it first, so the thread's state is read right before the send: if the interrupt is no longer the one
 * the user saw, nothing is sent. The resume itself asks the server to refuse it ("reject", 422) while any run is
 * active on the thread, which closes the window between that read and the send. Free of `vscode`; the
 * chat feature's run and interrupt reading come in as deps.
 */
import * as l10n from "@vscode/l10n";
import type { ThreadRunHooks, ThreadRunRequest, ThreadRunResult } from "../chat";
import { shortId } from "../common/threadText";
import { alreadyAnswered, mapError } from "../deployment/errorMapping";
import type { DeploymentGateway } from "../deployment/gateway";
import type { ThreadCheckpoint } from "../deployment/types";
import type { InterruptView } from "../protocol/chatProtocol";

export interface InterruptAnswerDeps {
  gateway: Pick<DeploymentGateway, "getState">;
  /** The interrupt a thread's state waits on (the chat feature's `pendingInterrupt`). */
  pendingInterrupt(state: ThreadCheckpoint, assistantId: string | undefined): InterruptView | undefined;
  /** Starts the run and follows it to its end (the chat feature's `runOnThread`). */
  run(request: ThreadRunRequest, hooks: ThreadRunHooks): Promise<ThreadRunResult>;
  /** The graph's default assistant, for a thread that does not name the assistant that ran it. */
  defaultAssistant(graphId: string): Promise<string | undefined>;
}

export interface InterruptTarget {
  threadId: string;
  /** The interrupt the user answers; another one pending means this one was answered. */
  interruptId?: string;
  assistantId?: string;
  graphId?: string;
  title?: string;
}

/** Resumes the run with `response` and follows it to its end; throws `alreadyAnswered` when someone was first. */
export async function answerInterrupt(deps: InterruptAnswerDeps, target: InterruptTarget, response: unknown, hooks: ThreadRunHooks = {}): Promise<ThreadRunResult> {
  const { threadId } = target;
  const subject = target.title ? l10n.t("“{0}”", target.title) : l10n.t("Thread {0}", shortId(threadId));
  /** Read again right before the send: the interrupt must still be the one the user saw. */
  const stillPending = async () => {
    const pending = deps.pendingInterrupt(await deps.gateway.getState(threadId), target.assistantId);
    if (!pending || (target.interruptId && pending.id && pending.id !== target.interruptId)) throw alreadyAnswered(subject);
  };
  const assistantId = target.assistantId ?? (target.graphId ? await deps.defaultAssistant(target.graphId) : undefined);
  if (!assistantId) throw new Error(l10n.t("{0} does not say which assistant ran it; open it to answer.", subject));
  try {
    return await deps.run({ threadId, assistantId, resume: response, multitaskStrategy: "reject" }, { ...hooks, beforeStart: stillPending });
  } catch (error) {
    // The other client's resumed run is still going: the server refused this one.
    if (mapError(error).kind === "busy") throw alreadyAnswered(subject);
    throw error;
  }
}
