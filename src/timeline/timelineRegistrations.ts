/**
 * The timeline's commands and documents as activation registers them; their code (`timelineActions`)
 * loads the first time one is used. Refresh and Load More only ask the view, so they need none of it.
 */
import * as vscode from "vscode";
import { registerLazyParts } from "../panels/lazyParts";
import { CHECKPOINT_SCHEME, asCheckpointDocument } from "./checkpointScheme";
import { COMPARE_SCHEME } from "./compareDocuments";
import type { CompareCommandDeps } from "./compareCommands";
import type { TimelineCommandDeps } from "./timelineCommands";

function timelineActions(): typeof import("./timelineActions") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./timelineActions only here
  return require("./timelineActions") as typeof import("./timelineActions");
}

export function registerTimelineCommands(deps: TimelineCommandDeps): vscode.Disposable[] {
  return [
    ...registerLazyParts(
      {
        commands: ["langgraph.timeline.show", "langgraph.timeline.editState", "langgraph.timeline.rerun", "langgraph.timeline.openInChat", "langgraph.timeline.saveAsNode"],
        fileSystems: [CHECKPOINT_SCHEME],
      },
      () => timelineActions().timelineCommandParts(deps),
    ),
    // Tabs restored after a reload, and documents opened by other means, get the language that keeps auto save off.
    vscode.workspace.onDidOpenTextDocument((document) => void asCheckpointDocument(document)),
    vscode.commands.registerCommand("langgraph.timeline.refresh", () => deps.timeline.refresh()),
    vscode.commands.registerCommand("langgraph.timeline.loadMore", () => deps.timeline.loadMore()),
  ];
}

export function registerCompareCommands(deps: CompareCommandDeps): vscode.Disposable[] {
  return registerLazyParts(
    {
      commands: ["langgraph.timeline.compareWithParent", "langgraph.timeline.compare", "langgraph.timeline.compareBranch", "langgraph.compareThreads"],
      contents: [COMPARE_SCHEME],
    },
    () => timelineActions().compareCommandParts(deps),
  );
}
