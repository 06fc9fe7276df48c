/** A RunController wired to a real server, recording its moves and everything it tells its listener. */
import { RunController } from "../../src/chat/runController";
import { pendingInterrupt } from "../../src/chat/interrupts";
import { runConfigFor } from "../../src/chat/runConfig";
import type { RunEvent, RunState } from "../../src/chat/runStates";
import type { UserFacingError } from "../../src/deployment/errorMapping";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { mapError } from "../../src/deployment/errorMapping";
import type { RunView } from "../../src/protocol/chatProtocol";
import { AssistantDirectory } from "../../src/state/assistantDirectory";
import { roleOf, textOf, type WireMessage } from "../../src/common/wireMessages";

export interface RecordedRuns {
  controller: RunController;
  gateway: DeploymentGateway;
  moves: { from: RunState; event: RunEvent; to: RunState }[];
  /** The states visited, in order, starting with idle. */
  states(): RunState[];
  views: RunView[];
  errors: (UserFacingError | undefined)[];
  drafts: (string | undefined)[];
  known: Map<string, string>;
  /** Text streamed per run id. */
  text: Map<string, string>;
  /** Each time the controller said the thread settled: the stopped run whose partial reply stays, if any. */
  settled: (string | undefined)[];
  thread: { id?: string };
}

export function recordRuns(url: string, threadId?: string): RecordedRuns {
  const gateway = DeploymentGateway.to({ url, retry: { baseDelayMs: 20 } });
  const assistants = new AssistantDirectory(gateway);
  const thread: { id?: string } = { id: threadId };
  const recorded: Omit<RecordedRuns, "controller" | "states"> = { gateway, moves: [], views: [], errors: [], drafts: [], known: new Map(), text: new Map(), settled: [], thread };
  const controller: RunController = new RunController(
    {
      gateway,
      describe: (error, context) => mapError(error, { url, ...context }),
      threadId: () => thread.id,
      ensureThread: async () => (thread.id ??= (await gateway.createThread({})).thread_id),
      configFor: (id, assistantId) => runConfigFor(gateway, id, assistants.get(assistantId)),
      rememberRun: () => undefined,
    },
    {
      applied: (follow, part) => {
        if (part.event !== "messages" || !Array.isArray(part.data) || !follow.runId) return;
        const chunk = part.data[0] as WireMessage;
        if (roleOf(chunk) === "ai") recorded.text.set(follow.runId, (recorded.text.get(follow.runId) ?? "") + textOf(chunk.content));
      },
      viewChanged: (view) => recorded.views.push(view),
      error: (error) => recorded.errors.push(error),
      restoreDraft: (_human, draft) => recorded.drafts.push(draft),
      runKnown: (runId, assistantId) => recorded.known.set(runId, assistantId),
      runEnded: () => undefined,
      settle: async (stoppedRunId) => {
        recorded.settled.push(stoppedRunId);
        // As the session does: a thread that cannot be read leaves the state as it is.
        const state = thread.id ? await gateway.getState(thread.id).catch(() => undefined) : undefined;
        if (state) controller.noteInterrupt(pendingInterrupt(state, undefined) !== undefined);
      },
      moved: (from, event, to) => recorded.moves.push({ from, event, to }),
    },
  );
  return { ...recorded, controller, states: () => ["idle", ...recorded.moves.map((m) => m.to)] as RunState[] };
}
