/**
 * LangGraph: Show Graph. Works from the Assistants view (an assistant, or a graph's default assistant),
 * from a code lens or keybinding (an assistant id or a graph id), from a chat panel (its assistant and
 * thread), and from the palette (a picker).
 */
import * as vscode from "vscode";
import { pickAssistant } from "../assistants/assistantPicker";
import type { ExtensionParts } from "../parts";
import type { GraphPanels } from "./graphPanel";

export const SHOW_GRAPH_COMMAND = "langgraph.graph.show";

interface Target {
  assistantId: string;
  threadId?: string;
}

export function registerGraphCommands(parts: ExtensionParts, graphs: GraphPanels): vscode.Disposable[] {
  const { assistants, chats, connection } = parts;

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
    const session = chats.active?.session;
    if (session?.selectedAssistantId) return { assistantId: session.selectedAssistantId, ...(session.threadId ? { threadId: session.threadId } : {}) };
    const chosen = await pickAssistant(assistants, { title: "Show Graph of Assistant" });
    return chosen ? { assistantId: chosen.assistant_id } : undefined;
  };

  const forGraph = async (graphId: string): Promise<Target | undefined> => {
    const assistant = await assistants.defaultFor(graphId);
    if (!assistant) {
      void vscode.window.showErrorMessage(`The deployment at ${connection.url} has no assistant for graph “${graphId}”.`);
      return undefined;
    }
    return { assistantId: assistant.assistant_id };
  };

  const showGraph = async (arg?: unknown) => {
    try {
      const target = await resolve(arg);
      if (!target) return;
      // Without a thread of its own, the graph follows the chat that uses the same assistant.
      const threadId =
        target.threadId ?? [chats.active, ...chats.all].find((p) => p && p.session.selectedAssistantId === target.assistantId && p.session.threadId)?.session.threadId;
      graphs.show(target.assistantId, threadId ? { threadId } : {});
    } catch (error) {
      void vscode.window.showErrorMessage(connection.describe(error, { operation: "show the graph" }).message);
    }
  };

  return [vscode.commands.registerCommand(SHOW_GRAPH_COMMAND, showGraph)];
}
