/**
 * The Needs Input view's commands that act on an interrupt: Approve, Reject, Respond, Open, Ignore. A
 * bundle of its own (see esbuild.mjs), loaded by inboxRegistrations.ts on first use.
 */
import * as vscode from "vscode";
import { pendingInterrupt, runOnThread } from "../chat";
import { isAlreadyAnswered } from "../deployment/errorMapping";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { ThreadStore } from "../state/threadStore";
import type { WorkspaceMemory } from "../state/workspaceMemory";
import { answerInterrupt } from "./interruptAnswer";
import { interruptKey, type InboxEntry } from "./inboxModel";
import type { InboxNode } from "./inboxTreeItems";
import type { InboxTreeProvider } from "./inboxTreeProvider";
import type { LoadedParts } from "../panels/lazyParts";

export interface InboxCommandDeps {
  inbox: InboxTreeProvider;
  inboxView: vscode.TreeView<InboxNode>;
  connection: Pick<DeploymentConnection, "gateway" | "describe">;
  assistants: AssistantDirectory;
  memory: WorkspaceMemory;
  store: ThreadStore;
  openChat(threadId: string, options?: { title?: string }): void;
  /** A run resumed from here changed the thread: its open panel shows the new messages. */
  threadRan(threadId: string): void;
}

function parseJson(text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: vscode.l10n.t("Not valid JSON: {0}", error instanceof Error ? error.message : String(error)) };
  }
}

export function inboxCommandParts(deps: InboxCommandDeps): LoadedParts {
  const { inbox, inboxView, connection, memory, store } = deps;
  const model = inbox.feed.model;
  const selected = (node?: InboxNode) => inbox.entry(node ?? inboxView.selection[0]);

  /** The row leaves at once; the run resumes on the server and is followed to its end. */
  const answer = async (entry: InboxEntry, response: unknown) => {
    if (!model.take(entry.threadId)) return;
    let started = false;
    try {
      const result = await answerInterrupt(
        {
          gateway: connection.gateway,
          pendingInterrupt,
          run: (request, hooks) => runOnThread({ gateway: connection.gateway, assistants: deps.assistants }, request, hooks),
          defaultAssistant: async (graphId) => (await deps.assistants.defaultFor(graphId))?.assistant_id,
        },
        { threadId: entry.threadId, interruptId: entry.interrupt.id, assistantId: entry.interrupt.assistantId ?? entry.assistantId, graphId: entry.graphId, title: entry.title },
        response,
        {
          onRunCreated: () => {
            started = true;
            store.update(entry.threadId, { status: "busy", updated_at: new Date().toISOString() });
          },
        },
      );
      model.answered(entry.threadId);
      const status = result.status === "interrupted" ? "interrupted" : result.status === "error" ? "error" : "idle";
      store.update(entry.threadId, { status, updated_at: new Date().toISOString() });
      if (result.status === "error") void vscode.window.showErrorMessage(connection.describe(result.error, { operation: vscode.l10n.t("finish the resumed run") }).message);
    } catch (error) {
      if (isAlreadyAnswered(error)) {
        model.answered(entry.threadId);
        void vscode.window.showInformationMessage(connection.describe(error).message);
      } else if (started) {
        model.answered(entry.threadId);
        void vscode.window.showErrorMessage(connection.describe(error, { operation: vscode.l10n.t("follow the resumed run") }).message);
      } else {
        model.restore(entry.threadId);
        void vscode.window.showErrorMessage(connection.describe(error, { operation: vscode.l10n.t("resume the run") }).message);
      }
    } finally {
      deps.threadRan(entry.threadId);
      void inbox.refresh();
    }
  };

  const approve = async (node?: InboxNode) => {
    const entry = selected(node);
    if (entry?.interrupt.request) await answer(entry, { type: "accept" });
  };

  const reject = async (node?: InboxNode) => {
    const entry = selected(node);
    if (entry?.interrupt.request) await answer(entry, { type: "ignore" });
  };

  /** A request's free-text answer, or, for a value of any other shape, a JSON reply checked as it is typed. */
  const respond = async (node?: InboxNode) => {
    const entry = selected(node);
    if (!entry) return;
    if (entry.interrupt.request) {
      const text = await vscode.window.showInputBox({ title: vscode.l10n.t("Respond to “{0}”", entry.title), prompt: entry.interrupt.request.description, ignoreFocusOut: true });
      if (text !== undefined) await answer(entry, { type: "respond", args: text });
      return;
    }
    const json = await vscode.window.showInputBox({
      title: vscode.l10n.t("Reply to “{0}” (JSON)", entry.title),
      prompt: vscode.l10n.t("The value the interrupted run resumes with, as JSON."),
      value: '""',
      ignoreFocusOut: true,
      validateInput: (value) => parseJson(value).error,
    });
    if (json !== undefined) await answer(entry, parseJson(json).value);
  };

  const open = (node?: InboxNode) => {
    const entry = selected(node);
    if (entry) deps.openChat(entry.threadId, { title: entry.title });
  };

  const ignore = async (node?: InboxNode) => {
    const entry = selected(node);
    if (!entry) return;
    await memory.ignoreInterrupt(entry.threadId, interruptKey(entry));
    model.announce();
  };

  return {
    commands: {
      "langgraph.inbox.approve": approve,
      "langgraph.inbox.reject": reject,
      "langgraph.inbox.respond": respond,
      "langgraph.inbox.open": open,
      "langgraph.inbox.ignore": ignore,
    },
  };
}
