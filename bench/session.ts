/** A ChatSession wired as a chat panel wires it, with the webview side replaced by `post`. */
import type { Client } from "@langchain/langgraph-sdk";
import { AssistantDirectory } from "../src/state/assistantDirectory";
import { ChatSession } from "../src/chat/chatSession";
import { DeploymentGateway } from "../src/deployment/gateway";
import { mapError } from "../src/deployment/errorMapping";
import type { HostToWebview } from "../src/protocol/chatProtocol";
import type { StreamModeName } from "../src/common/streamModes";

export interface SessionOptions {
  url: string;
  client: Client;
  threadId?: string;
  post: (message: HostToWebview) => void;
  /** Shared like the extension's own directory; a fresh one (the default) is what the first panel sees. */
  assistants?: AssistantDirectory;
  /** The event log's seams, wired as extension.ts wires them. */
  streamModes?: (threadId: string) => readonly StreamModeName[];
  onRunEvent?: (assistantId: string, threadId: string, part: { event: string; data: unknown }, runId: string | undefined) => void;
}

export function createSession(options: SessionOptions): { session: ChatSession; errors: string[] } {
  const errors: string[] = [];
  // The extension's gateway over the given client, so a benchmark can instrument the client underneath.
  const gateway = new DeploymentGateway(() => ({ url: options.url }), () => options.client);
  const assistants = options.assistants ?? new AssistantDirectory(gateway);
  const remembered = new Map<string | undefined, string>();
  const runs = new Map<string, string>();
  const session = new ChatSession(
    {
      gateway,
      describe: (error, context) => {
        const mapped = mapError(error, { url: options.url, ...context });
        errors.push(`${context.operation ?? "request"}: ${mapped.detail}`);
        return mapped;
      },
      assistants,
      post: (message) => {
        options.post(message);
        // The bench's pages answer nothing: say for them, a task later, that the loaded thread is painted.
        if (message.type === "snapshot" && !message.loading) setTimeout(() => session.paint.painted(), 0);
      },
      lastAssistant: (id) => remembered.get(id),
      rememberAssistant: (id, assistantId) => remembered.set(id, assistantId),
      activeRun: (id) => runs.get(id),
      rememberRun: (id, runId) => (runId ? runs.set(id, runId) : runs.delete(id)),
      streamModes: options.streamModes,
      onRunEvent: options.onRunEvent,
    },
    options.threadId,
  );
  return { session, errors };
}

/** The graph's server-created default assistant. */
export async function defaultAssistantId(client: Client, graphId: string): Promise<string> {
  const found = (await client.assistants.search({ graphId, limit: 50 })).find((a) => a.metadata?.created_by === "system");
  if (!found) throw new Error(`no default assistant for ${graphId}`);
  return found.assistant_id;
}
