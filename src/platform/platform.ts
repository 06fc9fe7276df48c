/**
 * What differs between the extension hosts: the desktop (Node) host runs everything, the web worker
 * host of vscode.dev / github.dev has no processes, sockets or files on disk. extension.ts wires the
 * features through this one shape, so it never branches on where it runs.
 */
import type * as vscode from "vscode";
import type { registerDebugger } from "../debug/debugContribution";
import type { startLangGraphJsonSupport } from "../langgraphJson";
import type { LocalServer, registerLocalServer } from "../localServer";

export interface Platform {
  /** Start Local Server: a task that runs the LangGraph CLI. */
  registerLocalServer(deps: Parameters<typeof registerLocalServer>[0]): { server: LocalServer | undefined; disposables: vscode.Disposable[] };
  /** The langgraph.json language server (a Node process). */
  startLangGraphJsonSupport: typeof startLangGraphJsonSupport;
  /** The `langgraph` debug type (breakpoints map to graph sources on disk). */
  registerDebugger: typeof registerDebugger;
}
