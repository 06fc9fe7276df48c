/**
 * Comparisons in VS Code's diff editor: a checkpoint with its parent ("what did this node change"), any
 * two checkpoints of the timeline, a branch with the line of the thread's head, and two threads.
 * The tab's title names the keys that changed. Loaded on first use with the rest of `timelineActions`.
 */
import * as vscode from "vscode";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import type { ThreadStore } from "../state/threadStore";
import { originOf, type CheckpointRow } from "./checkpointLines";
import { COMPARE_SCHEME, CompareDocuments, compareUri } from "./compareDocuments";
import type { LoadedParts } from "../panels/lazyParts";
import { changedKeys, describeChanges } from "./stateDiff";
import type { TimelineNode } from "./timelineItems";
import type { TimelineTreeProvider } from "./timelineTreeProvider";

export interface CompareCommandDeps {
  connection: DeploymentConnection;
  store: Pick<ThreadStore, "get">;
  timeline: TimelineTreeProvider;
  activeChatThread(): string | undefined;
}

type CheckpointNode = Extract<TimelineNode, { kind: "checkpoint" }>;
type BranchNode = Extract<TimelineNode, { kind: "branch" }>;

/** One side of a comparison: a checkpoint of a thread, or a thread's current state. */
interface Side {
  threadId: string;
  checkpointId?: string;
  label: string;
}

export function compareCommandParts(deps: CompareCommandDeps): LoadedParts {
  const { connection, timeline, store } = deps;
  const label = (row: CheckpointRow) => vscode.l10n.t("step {0} · {1}", row.step ?? "?", originOf(row));
  const threadTitle = (threadId: string) => store.get(threadId)?.title ?? threadId.slice(0, 8);

  const valuesOf = async (side: Side) => {
    const state = side.checkpointId ? await connection.gateway.getCheckpoint(side.threadId, side.checkpointId) : await connection.gateway.getState(side.threadId);
    return state?.values;
  };

  /** Opens the diff; its title says which keys changed (reading both states for it). */
  const compare = async (left: Side, right: Side) => {
    let changes: string;
    try {
      changes = describeChanges(changedKeys(await valuesOf(left), await valuesOf(right)));
    } catch (error) {
      return void vscode.window.showErrorMessage(connection.describe(error, { operation: vscode.l10n.t("compare the states") }).message);
    }
    const title = `${left.label} ↔ ${right.label} (${changes})`;
    await vscode.commands.executeCommand("vscode.diff", compareUri(left.threadId, left.checkpointId), compareUri(right.threadId, right.checkpointId), title);
  };

  const side = (threadId: string, row: CheckpointRow): Side => ({ threadId, checkpointId: row.id, label: label(row) });

  const compareWithParent = async (node?: CheckpointNode) => {
    if (!node) return;
    const parentId = node.row.parentId;
    if (!parentId) return void vscode.window.showInformationMessage(vscode.l10n.t("This is the thread's first checkpoint: there is nothing before it."));
    const parent = timeline.row(parentId);
    await compare({ threadId: node.threadId, checkpointId: parentId, label: parent ? label(parent) : `checkpoint ${parentId.slice(0, 8)}` }, side(node.threadId, node.row));
  };

  const compareWith = async (node?: CheckpointNode) => {
    if (!node) return;
    type Item = vscode.QuickPickItem & { row: CheckpointRow };
    const head = new Set(timeline.rows().slice(0, 1).map((r) => r.id));
    const items: Item[] = timeline
      .rows()
      .filter((row) => row.id !== node.row.id)
      .map((row) => ({ label: label(row), description: `${head.has(row.id) ? vscode.l10n.t("thread head · ") : ""}${row.messageCount} messages`, detail: row.id, row }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t("Compare {0} with…", label(node.row)), matchOnDetail: true });
    if (picked) await compare(side(node.threadId, picked.row), side(node.threadId, node.row));
  };

  const compareBranch = async (node?: BranchNode) => {
    const headTip = timeline.rows()[0];
    if (!node || !headTip) return;
    await compare({ ...side(node.threadId, headTip), label: `head line (${label(headTip)})` }, { ...side(node.threadId, node.line[0]), label: `branch (${label(node.line[0])})` });
  };

  const compareThreads = async (node?: { kind: "thread"; threadId: string }) => {
    const first = node?.threadId ?? deps.activeChatThread();
    if (!first) return void vscode.window.showInformationMessage(vscode.l10n.t("Open a thread first."));
    type Item = vscode.QuickPickItem & { threadId: string };
    let items: Item[];
    try {
      const threads = await connection.gateway.searchThreads({ limit: 50 });
      items = threads.filter((t) => t.thread_id !== first).map((t) => ({ label: threadTitle(t.thread_id), description: t.status, detail: t.thread_id, threadId: t.thread_id }));
    } catch (error) {
      return void vscode.window.showErrorMessage(connection.describe(error, { operation: vscode.l10n.t("list threads") }).message);
    }
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t("Compare {0} with…", threadTitle(first)), matchOnDetail: true });
    if (picked) await compare({ threadId: first, label: threadTitle(first) }, { threadId: picked.threadId, label: threadTitle(picked.threadId) });
  };

  return {
    commands: {
      "langgraph.timeline.compareWithParent": compareWithParent,
      "langgraph.timeline.compare": compareWith,
      "langgraph.timeline.compareBranch": compareBranch,
      "langgraph.compareThreads": compareThreads,
    },
    contents: { [COMPARE_SCHEME]: new CompareDocuments(connection) },
  };
}
