/** A ChatSession wired to a real server, recording every protocol message it posts. */
import type { Client } from "@langchain/langgraph-sdk";
import { AssistantDirectory } from "../../src/state/assistantDirectory";
import { ChatSession } from "../../src/chat/chatSession";
import type { MultitaskStrategy } from "../../src/deployment/types";
import { createClient } from "../../src/deployment/clientFactory";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { mapError } from "../../src/deployment/errorMapping";
import type { HostToWebview, ThreadHeader } from "../../src/protocol/chatProtocol";
import type { StreamModeName } from "../../src/common/streamModes";

export interface RecordedSession {
  session: ChatSession;
  posted: HostToWebview[];
  threadChanges: ThreadHeader[];
  /** The raw SDK, for setting up and checking what the server holds. */
  client: Client;
  gateway: DeploymentGateway;
  assistants: AssistantDirectory;
  remembered: Map<string | undefined, string>;
  runs: Map<string, string>;
  /** The last run input per assistant (graphs that are not a chat). */
  inputs: Map<string, string>;
}

export function recordSession(
  url: string,
  threadId?: string,
  shared?: {
    remembered?: Map<string | undefined, string>;
    client?: Client;
    runs?: Map<string, string>;
    inputs?: Map<string, string>;
    /** Asks graph schemas (run forms), as the extension does; off by default, each ask costs the server seconds. */
    forms?: boolean;
    strategy?: MultitaskStrategy;
    apiKey?: string;
    streamIdleTimeoutMs?: number;
    /** The event log's seams: modes streamed beyond the chat's, and every event of the runs. */
    streamModes?: (threadId: string) => readonly StreamModeName[];
    onRunEvent?: (assistantId: string, threadId: string, part: { event: string; data: unknown }, runId: string | undefined) => void;
    /** False: no webview says it painted a loaded snapshot (the test calls `session.paint.painted()` itself). */
    paints?: boolean;
  },
): RecordedSession {
  const client = shared?.client ?? createClient({ url, apiKey: shared?.apiKey, retry: { baseDelayMs: 20 } });
  const gateway = DeploymentGateway.to({ url, apiKey: shared?.apiKey, retry: { baseDelayMs: 20 } });
  const assistants = new AssistantDirectory(gateway);
  const posted: HostToWebview[] = [];
  const threadChanges: ThreadHeader[] = [];
  const remembered = shared?.remembered ?? new Map<string | undefined, string>();
  const runs = shared?.runs ?? new Map<string, string>();
  const inputs = shared?.inputs ?? new Map<string, string>();
  const session = new ChatSession(
    {
      gateway,
      describe: (error, context) => mapError(error, { url, ...context }),
      assistants,
      post: (message) => {
        posted.push(structuredClone(message));
        // As the webview does once it has painted a loaded thread (then the session reads history).
        if (message.type === "snapshot" && !message.loading && shared?.paints !== false) setTimeout(() => session.paint.painted(), 0);
      },
      lastAssistant: (id) => remembered.get(id),
      rememberAssistant: (id, assistantId) => remembered.set(id, assistantId),
      activeRun: (id) => runs.get(id),
      rememberRun: (id, runId) => (runId ? runs.set(id, runId) : runs.delete(id)),
      multitaskStrategy: async () => shared?.strategy,
      streamIdleTimeoutMs: shared?.streamIdleTimeoutMs,
      onThreadChanged: (thread) => threadChanges.push({ ...thread }),
      schemas: shared?.forms ? (assistantId) => gateway.assistantSchemas(assistantId) : undefined,
      lastInput: (assistantId) => inputs.get(assistantId),
      rememberInput: (assistantId, input) => inputs.set(assistantId, input),
      streamModes: shared?.streamModes,
      onRunEvent: shared?.onRunEvent,
    },
    threadId,
  );
  return { session, posted, threadChanges, client, gateway, assistants, remembered, runs, inputs };
}

export function ofType<T extends HostToWebview["type"]>(posted: HostToWebview[], type: T): Extract<HostToWebview, { type: T }>[] {
  return posted.filter((m): m is Extract<HostToWebview, { type: T }> => m.type === type);
}

/** The graph's server-created default assistant. */
export async function defaultAssistant(client: Client, graphId: string) {
  const found = (await client.assistants.search({ graphId, limit: 50 })).find((a) => a.metadata?.created_by === "system");
  if (!found) throw new Error(`no default assistant for ${graphId}`);
  return found;
}

/** A new assistant of the echo graph whose replies start with `[name]`: a second agent for a thread. */
export function personaAssistant(client: Client, name: string) {
  return client.assistants.create({ graphId: "echo", name, config: { configurable: { persona: name } } });
}
