/**
 * One stretch of a debugged run: from a start or a resume to the next stop. The server stops the run
 * itself at the nodes in `interruptBefore` / `interruptAfter` (or at an `interrupt()`), so a stretch
 * is one run on the server, streamed to its end; the thread's state then says where it stopped.
 */
import * as l10n from "@vscode/l10n";
import type { StreamModeName } from "../common/streamModes";
import type { DeploymentGateway } from "../deployment/gateway";
import type { RunRequest, StreamPart } from "../deployment/types";
import { isRecord } from "./stateExpression";

export interface SegmentResult {
  /** The last node that wrote, with what it wrote. */
  lastUpdate?: { node: string; update: unknown };
  /** The server's own error event (a failed or cancelled run), as it said it. */
  failure?: string;
}

export interface SegmentOptions {
  signal: AbortSignal;
  onRunCreated(runId: string): void;
  onPart(part: StreamPart): void;
  extraModes?: readonly StreamModeName[];
}

export async function runSegment(gateway: Pick<DeploymentGateway, "streamRun">, threadId: string, assistantId: string, request: RunRequest, options: SegmentOptions): Promise<SegmentResult> {
  const result: SegmentResult = {};
  for await (const part of gateway.streamRun(threadId, assistantId, request, {
    signal: options.signal,
    extraModes: options.extraModes,
    onRunCreated: (runId) => options.onRunCreated(runId),
  })) {
    options.onPart(part);
    if (part.event === "updates" && isRecord(part.data)) {
      for (const [node, update] of Object.entries(part.data)) if (!node.startsWith("__")) result.lastUpdate = { node, update };
    } else if (part.event === "error") {
      result.failure = describeFailure(part.data);
    }
  }
  return result;
}

function describeFailure(data: unknown): string {
  if (isRecord(data)) {
    const message = typeof data.message === "string" ? data.message : undefined;
    const error = typeof data.error === "string" ? data.error : undefined;
    return [error, message].filter(Boolean).join(": ") || l10n.t("the run failed");
  }
  return typeof data === "string" ? data : l10n.t("the run failed");
}
