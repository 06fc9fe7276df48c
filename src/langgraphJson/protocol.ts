/**
 * Custom requests between the langgraph.json language server and the extension host. The server never
 * talks to a deployment itself: it asks the host, which owns the connection and the API key.
 */
import { RequestType } from "vscode-languageserver-protocol";

export interface AssistantSummary {
  assistant_id: string;
  name: string;
  description?: string | null;
  version?: number;
}

export interface AssistantsForGraphParams {
  graphId: string;
  /** The langgraph.json the graph is declared in, for hosts that connect per folder. */
  configUri: string;
}

export type AssistantsForGraphResult = { assistants: AssistantSummary[] } | { error: string };

/** Server -> client: the assistants the connected deployment has for one graph. */
export const AssistantsForGraphRequest = new RequestType<AssistantsForGraphParams, AssistantsForGraphResult, void>(
  "langgraph/assistantsForGraph",
);

/** Commands the code lenses above each graph run, with the graph ID as their only argument. */
export const GraphCommands = {
  chat: "langgraph.chatWithGraph",
  threads: "langgraph.threads.filterByGraph",
} as const;
