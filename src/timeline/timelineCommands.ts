/**
 * The Checkpoints view's commands: show a thread's timeline, edit the state at a checkpoint (and save
 * it as a chosen node), re-run from a checkpoint with a picked assistant. Loaded on first use with the
 * rest of `timelineActions` (timelineRegistrations.ts registers them at activation).
 */
import * as vscode from "vscode";
import { pickAssistant } from "../assistants";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { ThreadStore } from "../state/threadStore";
import { originOf, type CheckpointRow } from "./checkpointLines";
import { parseCheckpointPath } from "./checkpointPaths";
import { CheckpointDocuments, type StateSaved } from "./checkpointDocuments";
import { CHECKPOINT_SCHEME, asCheckpointDocument, checkpointUri } from "./checkpointScheme";
import type { LoadedParts } from "../panels/lazyParts";
import type { TimelineNode } from "./timelineItems";
import type { TimelineTreeProvider } from "./timelineTreeProvider";

export interface TimelineCommandDeps {
  connection: DeploymentConnection;
  assistants: AssistantDirectory;
  store: Pick<ThreadStore, "get">;
  timeline: TimelineTreeProvider;
  /** The thread of the focused chat panel, if any. */
  activeChatThread(): string | undefined;
  /** Opens the thread's chat panel showing the thread as it was at a checkpoint. */
  openChatAtCheckpoint(threadId: string, checkpointId: string): void;
  /** Opens the thread's chat panel and runs the thread again from the checkpoint with the assistant. */
  rerunFrom(threadId: string, checkpointId: string, assistantId: string): Promise<void>;
}

type CheckpointNode = Extract<TimelineNode, { kind: "checkpoint" }>;
/** A command's argument: a timeline row, or a thread from the Threads view. */
type Target = CheckpointNode | { kind: "thread"; threadId: string } | undefined;

export function timelineCommandParts(deps: TimelineCommandDeps): LoadedParts {
  const { connection, timeline, store } = deps;
  const documents = new CheckpointDocuments({
    connection,
    confirmWhileBusy: async (threadId) => {
      const save = vscode.l10n.t("Save Anyway");
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t("A run is streaming on thread {0}. Saving now forks the thread from this checkpoint while the run goes on.", threadId.slice(0, 8)),
        { modal: true },
        save,
      );
      return answer === save;
    },
    saved: (event) => void afterSave(event),
  });

  const titleOf = (row: CheckpointRow) => vscode.l10n.t("step {0} · {1}", row.step ?? "?", originOf(row));

  const showTimeline = async (target?: Target) => {
    const threadId = target?.kind === "thread" ? target.threadId : (target?.threadId ?? deps.activeChatThread());
    if (!threadId) return void vscode.window.showInformationMessage(vscode.l10n.t("Open a thread first."));
    await vscode.commands.executeCommand("langgraph.timeline.focus");
    await timeline.show(threadId, store.get(threadId)?.title);
  };

  const editState = async (target?: CheckpointNode) => {
    if (!target) return;
    const threadId = target.threadId ?? timeline.threadId;
    if (!threadId) return;
    const document = await asCheckpointDocument(await vscode.workspace.openTextDocument(checkpointUri(threadId, target.row.id, titleOf(target.row))));
    await vscode.window.showTextDocument(document, { preview: false });
  };

  const rerun = async (target?: CheckpointNode) => {
    const threadId = target?.threadId ?? timeline.threadId;
    if (!target || !threadId) return;
    const assistant = await pickAssistant(deps.assistants, {
      title: vscode.l10n.t("Re-run from {0}", titleOf(target.row)),
      currentId: target.row.assistantId,
      placeHolder: vscode.l10n.t("The assistant that runs from this checkpoint"),
    });
    if (assistant) await deps.rerunFrom(threadId, target.row.id, assistant.assistant_id);
  };

  const openInChat = (target?: CheckpointNode) => {
    const threadId = target?.threadId ?? timeline.threadId;
    if (target && threadId) deps.openChatAtCheckpoint(threadId, target.row.id);
  };

  /** Picks the node the edit is written as (what runs next follows from it), then saves. */
  const saveAsNode = async (uri?: vscode.Uri) => {
    const document = vscode.window.activeTextEditor?.document;
    const target = uri ?? document?.uri;
    const parsed = target?.scheme === CHECKPOINT_SCHEME ? parseCheckpointPath(target.path) : undefined;
    if (!target || parsed?.kind !== "state") return;
    const nodes = await graphNodes(parsed.threadId);
    if (!nodes) return;
    const node = await vscode.window.showQuickPick(nodes, { title: vscode.l10n.t("Save State as Written by Node"), placeHolder: vscode.l10n.t("What runs next follows from the node you pick") });
    if (!node) return;
    documents.setAsNode(target, node);
    await vscode.commands.executeCommand("workbench.action.files.save");
  };

  const graphNodes = async (threadId: string): Promise<string[] | undefined> => {
    try {
      const { gateway } = connection;
      const graphId = (await gateway.getThread(threadId))?.metadata.graph_id;
      const [assistant] = typeof graphId === "string" ? await gateway.searchAssistants({ limit: 1, graphId }) : [];
      if (!assistant) return void vscode.window.showErrorMessage(vscode.l10n.t("The thread's graph is not known, so its nodes cannot be listed."));
      const graph = await gateway.assistantGraph(assistant.assistant_id, false);
      return (graph.nodes ?? []).map((n) => (typeof n.id === "string" ? n.id : "")).filter((id) => id && id !== "__end__");
    } catch (error) {
      return void vscode.window.showErrorMessage(connection.describe(error, { operation: vscode.l10n.t("list the graph's nodes") }).message);
    }
  };

  const afterSave = async ({ threadId, checkpointId }: StateSaved) => {
    if (timeline.threadId === threadId) await timeline.refresh();
    deps.openChatAtCheckpoint(threadId, checkpointId);
    const rerunLabel = vscode.l10n.t("Re-run from Here");
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t("Saved the edited state as a new checkpoint {0}: the thread forks there, and its chat shows the edited branch.", checkpointId.slice(0, 8)),
      rerunLabel,
    );
    // The Checkpoints view may show another thread: the edit's own row stands in.
    const row = timeline.row(checkpointId) ?? { id: checkpointId, source: "update", writers: [], next: [], messageCount: 0, interrupts: 0 };
    if (answer === rerunLabel) await rerun({ kind: "checkpoint", row, threadId });
  };

  return {
    commands: {
      "langgraph.timeline.show": showTimeline,
      "langgraph.timeline.editState": editState,
      "langgraph.timeline.rerun": rerun,
      "langgraph.timeline.openInChat": openInChat,
      "langgraph.timeline.saveAsNode": saveAsNode,
    },
    fileSystems: { [CHECKPOINT_SCHEME]: documents },
    disposables: [documents, connection.onDidChangeClient(() => documents.reset())],
  };
}
