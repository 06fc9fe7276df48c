/** What a chat session needs from the rest of the extension: the deployment, the panel, and what is remembered. */
import type { DeploymentGateway } from "../deployment/gateway";
import type { ErrorContext, UserFacingError } from "../deployment/errorMapping";
import type { GraphSchemas, MultitaskStrategy, NodeInterruptsRequest, RunOutcome } from "../deployment/types";
import type { HostToWebview, ThreadHeader } from "../protocol/chatProtocol";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { StreamModeName } from "../common/streamModes";

export interface ChatSessionDeps {
  gateway: DeploymentGateway;
  describe(error: unknown, context: ErrorContext): UserFacingError;
  assistants: AssistantDirectory;
  /** Delivers to the webview when it exists; the host keeps the truth either way. */
  post(message: HostToWebview): void;
  /** The last assistant used on a thread, remembered across panels and reloads. */
  lastAssistant(threadId: string | undefined): string | undefined;
  rememberAssistant(threadId: string | undefined, assistantId: string): void;
  /** The run streaming on a thread, kept so a reopened panel or reloaded window rejoins it. */
  activeRun?(threadId: string): string | undefined;
  rememberRun(threadId: string, runId: string | undefined): void;
  /** Every stream event of a run (graph views highlight the node that runs), and its end. */
  onRunEvent?(assistantId: string, threadId: string, part: { event: string; data: unknown }, runId: string | undefined): void;
  onRunEnd?(assistantId: string, threadId: string, outcome?: RunOutcome): void;
  /** How long a stream may stay silent before it is treated as stalled and rejoined. */
  streamIdleTimeoutMs?: number;
  /** Sending while a run is active: how the server should handle it; undefined cancels the send. */
  multitaskStrategy?(): Promise<MultitaskStrategy | undefined>;
  /** Where the runs this panel starts stop by themselves (an attached debugger's breakpoints). */
  runInterrupts?(threadId: string): NodeInterruptsRequest | undefined;
  /** Modes the runs this panel starts or joins stream beyond the chat's own (the thread's event log). */
  streamModes?(threadId: string): readonly StreamModeName[];
  /** Thread created, renamed, or its status changed: the tree follows. */
  onThreadChanged?(thread: ThreadHeader): void;
  /**
   * An assistant's graph schemas, cached across panels (the server computes a TypeScript graph's in
   * seconds). Without it every assistant gets the message composer.
   */
  schemas?(assistantId: string): Promise<GraphSchemas>;
  /** The last input run with an assistant whose graph is not a chat, remembered per assistant. */
  lastInput?(assistantId: string): string | undefined;
  rememberInput?(assistantId: string, input: string): void;
}
