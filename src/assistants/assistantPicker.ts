/** A quick pick of the deployment's assistants, grouped by graph, the current one marked. */
import type { AssistantRecord as Assistant } from "../deployment/types";
import * as vscode from "vscode";
import { isGraphDefault, type AssistantDirectory } from "../state/assistantDirectory";

type Item = vscode.QuickPickItem & { assistant?: Assistant };

export async function pickAssistant(
  directory: AssistantDirectory,
  options: { title: string; currentId?: string; placeHolder?: string },
): Promise<Assistant | undefined> {
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeHolder ?? "Choose an assistant";
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.busy = true;
  quickPick.show();
  try {
    const assistants = await directory.list();
    const items: Item[] = [];
    let graph: string | undefined;
    for (const assistant of assistants) {
      if (assistant.graph_id !== graph) {
        graph = assistant.graph_id;
        items.push({ label: graph, kind: vscode.QuickPickItemKind.Separator });
      }
      const current = assistant.assistant_id === options.currentId;
      items.push({
        label: `${current ? "$(check) " : ""}${assistant.name || assistant.graph_id}`,
        description: `${assistant.graph_id}${isGraphDefault(assistant) ? " · default" : ""} · v${assistant.version}`,
        detail: assistant.description ?? undefined,
        assistant,
      });
    }
    quickPick.items = items;
    const active = items.find((i) => i.assistant?.assistant_id === options.currentId);
    if (active) quickPick.activeItems = [active];
  } catch (error) {
    quickPick.dispose();
    throw error;
  } finally {
    quickPick.busy = false;
  }
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.assistant);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
  });
}
