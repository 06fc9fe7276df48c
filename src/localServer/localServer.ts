/**
 * The local LangGraph server's state as the extension sees it (stopped, starting, running at a URL):
 * it disconnects when the server's task ends. Starting it (`localServerStart`, a bundle of its own) is
 * loaded on the first start.
 */
import * as vscode from "vscode";
import type { LocalServerDeps, ServerState, StartResult } from "./serverState";
import { serverAnswers } from "../deployment/gateway";

export class LocalServer implements vscode.Disposable {
  private stateValue: ServerState = { kind: "stopped" };
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: LocalServerDeps) {
    this.subscriptions.push(
      vscode.tasks.onDidEndTask(({ execution }) => {
        if (this.stateValue.kind === "running" && this.stateValue.execution === execution) this.stopped();
      }),
    );
  }

  get url(): string | undefined {
    return this.stateValue.kind === "running" ? this.stateValue.url : undefined;
  }

  get running(): boolean {
    return this.stateValue.kind !== "stopped";
  }

  /** Starts the server for `configUri` (default: the workspace's langgraph.json); reports failures itself. */
  start(configUri?: vscode.Uri): Promise<StartResult> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./localServerStart only here
    const { startLocalServer } = require("./localServerStart") as typeof import("./localServerStart");
    return startLocalServer({ state: () => this.stateValue, setState: (state) => this.setState(state), deps: this.deps, answers: serverAnswers }, configUri);
  }

  /** Stops the server's task; its end disconnects (onDidEndTask). */
  stop(): boolean {
    if (this.stateValue.kind !== "running") return false;
    this.stateValue.execution.terminate();
    return true;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private stopped(): void {
    this.setState({ kind: "stopped" });
    this.deps.connection.localServerStopped();
    this.deps.log.info("The local server stopped");
  }

  private setState(state: ServerState): void {
    this.stateValue = state;
    void vscode.commands.executeCommand("setContext", "langgraph.localServer.running", state.kind !== "stopped");
    this.changed.fire();
  }
}
