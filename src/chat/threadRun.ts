/**
 * One run on a thread followed to its end without a panel: for VS Code's Chat view and the language
 * model tools. It sends the same config as a panel's run (`runConfigFor`), reads the stream with the
 * panel's own parser (`applyRunPart` into a `ThreadModel`), and reads a pending interrupt as the
 * panel's card does. Free of `vscode`.
 */
import * as l10n from "@vscode/l10n";
import type { DeploymentGateway } from "../deployment/gateway";
import type { MultitaskStrategy, RunStatus } from "../deployment/types";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { InterruptView } from "../protocol/chatProtocol";
import { messagesOfValues, roleOf, stringOf, textOf } from "../common/wireMessages";
import { pendingInterrupt } from "./interrupts";
import { humanInput, pendingHuman } from "./messageViews";
import { runConfigFor } from "./runConfig";
import { applyRunPart } from "./streamedMessages";
import { ThreadModel } from "./threadModel";

export interface ThreadRunDeps {
  gateway: Pick<DeploymentGateway, "streamRun" | "getThread" | "getState" | "cancelRun">;
  assistants: Pick<AssistantDirectory, "get" | "ref">;
}

export interface ThreadRunRequest {
  threadId: string;
  assistantId: string;
  /** A new human message; without it, `resume` answers the pending interrupt. */
  message?: string;
  resume?: unknown;
  /** "reject": the server refuses the run (422) while another one is active on the thread. */
  multitaskStrategy?: MultitaskStrategy;
}

export interface ThreadRunHooks {
  /** Aborting stops following the stream (cancel the run on the server with `cancelRun`). */
  signal?: AbortSignal;
  onRunCreated?(runId: string): void;
  /** Reply text as it streams. */
  onText?(text: string): void;
  /** A tool call the agent made (its name), once per call. */
  onToolCall?(name: string): void;
  /** The last check before the run is sent (it throws to send nothing): as close to the send as it can be. */
  beforeStart?(): Promise<void>;
}

export type ThreadRunStatus = Extract<RunStatus, "success" | "error" | "interrupted"> | "cancelled";

export interface ThreadRunResult {
  runId?: string;
  status: ThreadRunStatus;
  /** The text of the AI messages this run added to the thread (from the thread's state once it ended). */
  reply: string;
  interrupt?: InterruptView;
  /** The error a failed stream reported. */
  error?: unknown;
}

/** Starts a run, streams it through the hooks, and reads what it left on the thread. Throws when it cannot start. */
export async function runOnThread(deps: ThreadRunDeps, request: ThreadRunRequest, hooks: ThreadRunHooks = {}): Promise<ThreadRunResult> {
  const { gateway, assistants } = deps;
  const { threadId, assistantId } = request;
  const before = new Set(messagesOfValues((await gateway.getState(threadId, { messagesOnly: true }).catch(() => undefined))?.values).map((m) => m.id));
  const config = await runConfigFor(gateway, threadId, assistants.get(assistantId));
  const human = request.message !== undefined ? pendingHuman(request.message) : undefined;
  const input = human ? humanInput(human) : undefined;
  const command = human ? undefined : { resume: request.resume };
  const model = new ThreadModel();
  const run: { assistantId: string; runId?: string } = { assistantId };
  const seenCalls = new Set<string>();
  let streamError: unknown;
  await hooks.beforeStart?.();
  try {
    const parts = gateway.streamRun(threadId, assistantId, { input, command, config, multitaskStrategy: request.multitaskStrategy }, {
      signal: hooks.signal,
      onRunCreated: (runId) => {
        run.runId ??= runId;
        hooks.onRunCreated?.(runId);
      },
    });
    for await (const part of parts) {
      if (part.event === "metadata" && !run.runId) {
        run.runId = stringOf((part.data as { run_id?: unknown } | null)?.run_id);
        if (run.runId) hooks.onRunCreated?.(run.runId);
      }
      if (part.event === "error") {
        streamError = new Error(describeStreamError(part.data));
        break;
      }
      for (const update of applyRunPart(model, run, part, {}, (id) => assistants.ref(id))) {
        if (update.type === "messageUpsert" && update.message.role === "ai" && update.message.content) hooks.onText?.(update.message.content);
        if (update.type === "messageDelta" && update.textDelta && model.get(update.id)?.role === "ai") hooks.onText?.(update.textDelta);
      }
      for (const message of model.messages) {
        for (const call of message.toolCalls) {
          if (call?.name && !seenCalls.has(call.id)) {
            seenCalls.add(call.id);
            hooks.onToolCall?.(call.name);
          }
        }
      }
    }
  } catch (error) {
    if (!hooks.signal?.aborted) throw error;
  }
  if (hooks.signal?.aborted) return { runId: run.runId, status: "cancelled", reply: streamedReply(model) };
  const state = await gateway.getState(threadId);
  const added = messagesOfValues(state.values).filter((m) => !before.has(m.id) && roleOf(m) === "ai");
  const reply = added.map((m) => textOf(m.content)).filter(Boolean).join("\n\n") || streamedReply(model);
  const interrupt = pendingInterrupt(state, assistantId);
  const status: ThreadRunStatus = streamError ? "error" : interrupt ? "interrupted" : "success";
  return { runId: run.runId, status, reply, interrupt, error: streamError };
}

function streamedReply(model: ThreadModel): string {
  return model.messages
    .filter((m) => m.role === "ai" && m.content)
    .map((m) => m.content)
    .join("\n\n");
}

function describeStreamError(data: unknown): string {
  const body = (data ?? {}) as { error?: unknown; message?: unknown };
  return stringOf(body.message) ?? stringOf(body.error) ?? l10n.t("The run failed");
}
