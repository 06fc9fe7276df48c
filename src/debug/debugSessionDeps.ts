/** What the debug adapter needs from its surroundings: the deployment, and the editor around a run. */
import type { DeploymentGateway } from "../deployment/gateway";
import type { ErrorContext } from "../deployment/errorMapping";
import type { StreamModeName } from "../common/streamModes";
import type { RunOutcome, StreamPart } from "../deployment/types";
import type { NodeLocation } from "./graphSources";

export type DebugGateway = Pick<
  DeploymentGateway,
  "getAssistant" | "searchAssistants" | "assistantGraph" | "getThread" | "createThread" | "getState" | "getSubgraphHistory" | "updateState" | "streamRun" | "cancelRun" | "getRun"
>;

/** What the editor around the adapter does when the run moves (open the chat, follow in the graph view). */
export interface DebugHooks {
  threadStarted?(threadId: string, assistantId: string): void;
  /** One event of a debugged run as the server streamed it; `runId` once the server has named the run. */
  runEvent?(assistantId: string, threadId: string, part: StreamPart, runId: string | undefined): void;
  paused?(assistantId: string, threadId: string, nodes: readonly string[]): void;
  resumed?(assistantId: string, threadId: string): void;
  /** An attach session started: the thread's chat panel sends its runs with `runInterrupts()`. */
  attached?(threadId: string, assistantId: string): void;
  /** The session ended (attached or not). */
  detached?(): void;
  runEnded?(assistantId: string, threadId: string, outcome: RunOutcome): void;
  /** The session ends because of an error; the user should hear of it outside the Debug Console too. */
  failed?(message: string): void;
}

export interface DebugSessionDeps {
  gateway: DebugGateway;
  describe(error: unknown, context: ErrorContext): { message: string };
  readFile(path: string): Promise<string>;
  /** Where the workspace's source adds a graph's node, when it has the graph's source. */
  nodeLocation?(graphId: string, node: string): Promise<NodeLocation | undefined>;
  hooks?: DebugHooks;
  /** Stream modes a run on the thread asks for beyond the debugger's own (an open event log's picks). */
  streamModes?(threadId: string): readonly StreamModeName[];
  /** How long `launch` waits for `configurationDone` before it starts anyway. */
  configurationTimeoutMs?: number;
}
