/** The state inspector: the thread's state as JSON, its checkpoints, and the thread as it was at one (loaded with threadEdits.ts). */
import * as vscode from "vscode";
import { messagesOfValues, stringOf } from "../common/wireMessages";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { ThreadStore } from "../state/threadStore";
import { STATE_SCHEME, ThreadStateDocuments, stateUri } from "./threadStateDocuments";
import type { ThreadNode } from "./threadTreeItems";
import type { LoadedParts } from "../panels/lazyParts";

/** What the state commands need; extension.ts passes the real parts. */
export interface StateCommandDeps {
  connection: DeploymentConnection;
  assistants: Pick<AssistantDirectory, "list" | "ref">;
  store: Pick<ThreadStore, "get">;
  /** The thread of the focused chat panel, if any. */
  activeChatThread(): string | undefined;
  /** Opens the thread's chat panel showing the thread as it was at a checkpoint. */
  openChatAtCheckpoint(threadId: string, checkpointId: string): void;
}

export function stateCommandParts(deps: StateCommandDeps): LoadedParts {
  const { connection, assistants, store } = deps;
  const documents = new ThreadStateDocuments(connection);

  /** A thread from the tree item, else the focused chat panel's thread. */
  const threadOf = (node?: ThreadNode) => (node?.kind === "thread" ? node.threadId : deps.activeChatThread());

  const showDocument = async (uri: vscode.Uri) => {
    documents.refresh(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, "json");
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  };

  const showState = async (node?: ThreadNode) => {
    const threadId = threadOf(node);
    if (!threadId) return void vscode.window.showInformationMessage(vscode.l10n.t("Open a thread first."));
    await showDocument(stateUri(threadId));
  };

  const showCheckpoints = async (node?: ThreadNode) => {
    const threadId = threadOf(node);
    if (!threadId) return void vscode.window.showInformationMessage(vscode.l10n.t("Open a thread first."));
    type Item = vscode.QuickPickItem & { checkpointId: string };
    const open: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon("comment-discussion"), tooltip: vscode.l10n.t("Open in Chat at this Checkpoint") };
    const quickPick = vscode.window.createQuickPick<Item>();
    quickPick.title = vscode.l10n.t("Checkpoints of {0}", store.get(threadId)?.title ?? threadId.slice(0, 8));
    quickPick.placeholder = vscode.l10n.t("Pick a checkpoint to see its state; the chat button opens the thread as it was");
    quickPick.busy = true;
    quickPick.show();
    try {
      await assistants.list().catch(() => undefined);
      const history = await connection.gateway.getHistory(threadId, { limit: 100 });
      quickPick.items = history.flatMap((entry) => {
        const checkpointId = entry.checkpoint?.checkpoint_id;
        if (!checkpointId) return [];
        const metadata = entry.metadata;
        const assistant = typeof metadata.assistant_id === "string" ? assistants.ref(metadata.assistant_id).name : undefined;
        const messages = messagesOfValues(entry.values).length;
        return [
          {
            label: `step ${typeof metadata.step === "number" ? metadata.step : "?"} · ${stringOf(metadata.source) ?? ""}`,
            description: [assistant, typeof metadata.run_id === "string" ? `run ${metadata.run_id.slice(0, 8)}` : undefined, `${messages} messages`].filter(Boolean).join(" · "),
            detail: `${entry.created_at ? new Date(entry.created_at).toLocaleString() : ""}${entry.next.length ? ` · next: ${entry.next.join(", ")}` : ""} · ${checkpointId}`,
            checkpointId,
            buttons: [open],
          },
        ];
      });
    } catch (error) {
      quickPick.hide();
      return void vscode.window.showErrorMessage(connection.describe(error, { operation: vscode.l10n.t("list checkpoints") }).message);
    } finally {
      quickPick.busy = false;
    }
    quickPick.onDidAccept(() => {
      const item = quickPick.selectedItems[0];
      quickPick.hide();
      if (item) void showDocument(stateUri(threadId, item.checkpointId));
    });
    quickPick.onDidTriggerItemButton(({ item }) => {
      quickPick.hide();
      deps.openChatAtCheckpoint(threadId, item.checkpointId);
    });
    quickPick.onDidHide(() => quickPick.dispose());
  };

  return {
    commands: { "langgraph.showThreadState": showState, "langgraph.showCheckpoints": showCheckpoints },
    contents: { [STATE_SCHEME]: documents },
  };
}
