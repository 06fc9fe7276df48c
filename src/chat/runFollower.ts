/**
 * Follows one run's event stream, and rejoins it when the connection drops or goes silent. Knows
 * nothing of messages or panels: every event goes to `onPart`, in order, exactly once per event id.
 */
import * as l10n from "@vscode/l10n";
import { stringOf } from "../common/wireMessages";
import type { DeploymentGateway } from "../deployment/gateway";
import type { StreamPart } from "../deployment/types";
import type { StreamModeName } from "../common/streamModes";
import type { ChatMessageView } from "../protocol/chatProtocol";

export type { StreamPart };

/** One run the panel follows (streaming now, or queued behind the one that is). */
export interface FollowState {
  assistantId?: string;
  runId?: string;
  lastEventId?: string;
  human?: ChatMessageView;
  /** Modes streamed beyond the chat's: a rejoin asks for them again. */
  modes?: readonly StreamModeName[];
  /** Message ids already complete in the loaded state: a replay must not append to them. */
  skip?: Set<string>;
  abort: AbortController;
  /** Stopped by the user. */
  stopped?: boolean;
  /** Interrupted or rolled back by a newer message: its end is expected, not an error. */
  superseded?: boolean;
}

export interface RunFollowerDeps {
  /** Applies one event (an `error` event too, before it ends the attempt). */
  onPart(follow: FollowState, part: StreamPart): void;
  /** A rejoin attempt starts (the panel shows the run as streaming again). */
  onRejoin(follow: FollowState): void;
  /** After which errors the run is probably still going and worth rejoining. */
  isRejoinable(error: unknown): boolean;
  /** The panel is gone: stop applying events. */
  isDisposed(): boolean;
  /** How long a stream may stay silent before it is treated as stalled and rejoined. */
  idleTimeoutMs?: number;
}

const REJOIN_ATTEMPTS = 3;
const REJOIN_BACKOFF_MS = 300;
/** A reply may think for a while between tokens; a minute of silence is a dead connection. */
const DEFAULT_IDLE_MS = 60_000;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RunFollower {
  constructor(private readonly deps: RunFollowerDeps) {}

  /**
   * One connection to a run's stream, watched: if no event arrives for the idle timeout, the connection
   * is abandoned as stalled (the run goes on; the caller rejoins it).
   */
  async attempt(follow: FollowState, open: (signal: AbortSignal) => AsyncIterable<StreamPart>): Promise<void> {
    const attempt = new AbortController();
    const stopAttempt = () => attempt.abort();
    follow.abort.signal.addEventListener("abort", stopAttempt);
    const idleMs = this.deps.idleTimeoutMs ?? DEFAULT_IDLE_MS;
    let stalled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        attempt.abort();
      }, idleMs);
    };
    try {
      arm();
      for await (const part of open(attempt.signal)) {
        arm();
        if (this.deps.isDisposed()) return;
        // Remembered first, so a rejoin after a failure here starts after this event, not before it.
        if (part.id !== undefined) follow.lastEventId = part.id;
        this.deps.onPart(follow, part);
        if (part.event === "error") throw streamError(part.data);
      }
    } catch (error) {
      if (!stalled) throw error;
      const stall = new Error(l10n.t("No data for {0} s", Math.round(idleMs / 1000)));
      stall.name = "StreamStalledError";
      throw stall;
    } finally {
      clearTimeout(timer);
      follow.abort.signal.removeEventListener("abort", stopAttempt);
    }
  }

  /** Rejoins the run's stream from the last event seen, a few times with backoff. */
  async rejoin(follow: FollowState, gateway: Pick<DeploymentGateway, "joinRun">, threadId: string | undefined): Promise<void> {
    if (!threadId || !follow.runId) return;
    const runId = follow.runId;
    let lastError: unknown;
    for (let attempt = 0; attempt < REJOIN_ATTEMPTS; attempt++) {
      if (attempt > 0) await delay(REJOIN_BACKOFF_MS * 2 ** (attempt - 1));
      if (follow.stopped || follow.superseded || this.deps.isDisposed()) return;
      this.deps.onRejoin(follow);
      try {
        await this.attempt(follow, (signal) =>
          gateway.joinRun(threadId, runId, follow.lastEventId ?? "-1", signal, follow.modes),
        );
        return;
      } catch (error) {
        lastError = error;
        if (!this.deps.isRejoinable(error)) throw error;
      }
    }
    throw lastError;
  }
}

function streamError(data: unknown): Error {
  const body = (data ?? {}) as { error?: unknown; message?: unknown };
  const error = new Error(stringOf(body.message) ?? stringOf(body.error) ?? l10n.t("The run failed"));
  error.name = stringOf(body.error) ?? "RunError";
  return error;
}
