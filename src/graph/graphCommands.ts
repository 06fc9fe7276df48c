/**
 * LangGraph: Show Graph. Works from the Assistants view (an assistant, or a graph's default assistant),
 * from a code lens or keybinding (an assistant id or a graph id), from a chat panel (its assistant and
 * thread), and from the palette (a picker). Loaded with the graph panel (graphParts.ts) on first use.
 */
import * as vscode from "vscode";
import { pickAssistant } from "../assistants";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { LoadedParts } from "../panels/lazyParts";

interface Target {
  assistantId: string;
  threadId?: string;
}

/** What Show Graph needs; extension.ts passes the real parts. */
export interface GraphCommandDeps {
  assistants: AssistantDirectory;
  connection: Pick<DeploymentConnection, "describe" | "url">;
  /** Opens (or reveals) the assistant's graph (GraphPanels.show). */
  graphs: { show(assistantId: string, options?: { threadId?: string }): unknown };
  /** The focused chat panel's assistant and thread, if a chat is focused. */
  activeChat(): { assistantId?: string; threadId?: string } | undefined;
  /** The thread of an open chat that uses the assistant (the focused one first). */
  chatThreadFor(assistantId: string): string | undefined;
}

export function graphCommandParts(deps: GraphCommandDeps): LoadedParts {
  const { assistants, connection, graphs } = deps;

  const resolve = async (arg: unknown): Promise<Target | undefined> => {
    if (typeof arg === "object" && arg !== null) {
      const value = arg as { kind?: unknown; assistant?: { assistant_id?: unknown }; graphId?: unknown; assistantId?: unknown; threadId?: unknown };
      if (value.kind === "assistant" && typeof value.assistant?.assistant_id === "string") return { assistantId: value.assistant.assistant_id };
      if (value.kind === "graph" && typeof value.graphId === "string") return forGraph(value.graphId);
      if (typeof value.assistantId === "string") {
        return { assistantId: value.assistantId, ...(typeof value.threadId === "string" ? { threadId: value.threadId } : {}) };
      }
    }
    if (typeof arg === "string" && arg) {
      const assistant = await assistants.get(arg).catch(() => undefined);
      return assistant ? { assistantId: assistant.assistant_id } : forGraph(arg);
    }
    const chat = deps.activeChat();
    if (chat?.assistantId) return { assistantId: chat.assistantId, ...(chat.threadId ? { threadId: chat.threadId } : {}) };
    const chosen = await pickAssistant(assistants, { title: vscode.l10n.t("Show Graph of Assistant") });
    return chosen ? { assistantId: chosen.assistant_id } : undefined;
  };

  const forGraph = async (graphId: string): Promise<Target | undefined> => {
    const assistant = await assistants.defaultFor(graphId);
    if (!assistant) {
      void vscode.window.showErrorMessage(vscode.l10n.t("The deployment at {0} has no assistant for graph “{1}”.", connection.url, graphId));
      return undefined;
    }
    return { assistantId: assistant.assistant_id };
  };

  const showGraph = async (arg?: unknown) => {
    try {
      const target = await resolve(arg);
      if (!target) return;
      // Without a thread of its own, the graph follows the chat that uses the same assistant.
      const threadId = target.threadId ?? deps.chatThreadFor(target.assistantId);
      graphs.show(target.assistantId, threadId ? { threadId } : {});
    } catch (error) {
      void vscode.window.showErrorMessage(connection.describe(error, { operation: vscode.l10n.t("show the graph") }).message);
    }
  };

  return { commands: { "langgraph.graph.show": showGraph } };
}
