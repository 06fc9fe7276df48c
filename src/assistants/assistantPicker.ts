/**
 * A quick pick of the deployment's assistants, grouped by graph, the current one marked. It opens on
 * the cached list at once and reads the list again while open: an assistant created, changed or deleted
 * by another client shows (or goes) in place, keeping what the user typed and the row they are on.
 */
import type { AssistantRecord as Assistant } from "../deployment/types";
import * as vscode from "vscode";
import { isGraphDefault, type AssistantDirectory } from "../state/assistantDirectory";

type Item = vscode.QuickPickItem & { assistant?: Assistant };

function itemsOf(assistants: readonly Assistant[], currentId: string | undefined): Item[] {
  const items: Item[] = [];
  let graph: string | undefined;
  for (const assistant of assistants) {
    if (assistant.graph_id !== graph) {
      graph = assistant.graph_id;
      items.push({ label: graph, kind: vscode.QuickPickItemKind.Separator });
    }
    const current = assistant.assistant_id === currentId;
    items.push({
      label: `${current ? "$(check) " : ""}${assistant.name || assistant.graph_id}`,
      description: isGraphDefault(assistant) ? vscode.l10n.t("{0} · default · v{1}", assistant.graph_id, assistant.version) : vscode.l10n.t("{0} · v{1}", assistant.graph_id, assistant.version),
      detail: assistant.description ?? undefined,
      assistant,
    });
  }
  return items;
}

export async function pickAssistant(
  directory: AssistantDirectory,
  options: { title: string; currentId?: string; placeHolder?: string },
): Promise<Assistant | undefined> {
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeHolder ?? vscode.l10n.t("Choose an assistant");
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.busy = true;
  let open = true;
  const show = (assistants: readonly Assistant[]) => {
    if (!open) return;
    const activeId = quickPick.activeItems[0]?.assistant?.assistant_id ?? options.currentId;
    const items = itemsOf(assistants, options.currentId);
    quickPick.items = items;
    const active = items.find((i) => i.assistant?.assistant_id === activeId);
    if (active) quickPick.activeItems = [active];
  };
  const chosen = new Promise<Assistant | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.assistant);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      open = false;
      resolve(undefined);
      quickPick.dispose();
    });
  });
  const cached = directory.cached;
  if (cached) show(cached);
  quickPick.show();
  // Without a cache the first read is fresh; with one, it is read again for what changed elsewhere.
  // A row can be chosen before that read ends: the choice does not wait for it.
  const read = (cached ? directory.revalidate().then(() => directory.cached ?? cached) : directory.list())
    .then(show, (error: unknown) => {
      // The cached list stays usable; the Assistants view and the next use report the problem.
      if (cached) return;
      quickPick.dispose();
      throw error;
    })
    .finally(() => {
      if (open) quickPick.busy = false;
    });
  return Promise.race([chosen, read.then(() => chosen)]);
}
