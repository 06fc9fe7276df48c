/** The Needs Input view's commands as activation registers them; acting on an interrupt loads its code on first use. */
import * as vscode from "vscode";
import { registerLazyParts } from "../panels/lazyParts";
import type { InboxCommandDeps } from "./inboxCommands";

export function registerInboxCommands(deps: InboxCommandDeps): vscode.Disposable[] {
  return [
    ...registerLazyParts(
      { commands: ["langgraph.inbox.approve", "langgraph.inbox.reject", "langgraph.inbox.respond", "langgraph.inbox.open", "langgraph.inbox.ignore"] },
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./inboxCommands only here
      () => (require("./inboxCommands") as typeof import("./inboxCommands")).inboxCommandParts(deps),
    ),
    vscode.commands.registerCommand("langgraph.inbox.refresh", () => deps.inbox.refresh()),
    vscode.commands.registerCommand("langgraph.inbox.loadMore", () => deps.inbox.feed.loadMore()),
  ];
}
