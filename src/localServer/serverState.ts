/** What the local server and its start (a bundle of its own) share: its state, what it needs, what a start gives. */
import type * as vscode from "vscode";
import type { DeploymentConnection } from "../deployment/deploymentConnection";

export type StartResult = { ok: true; url: string } | { ok: false; message: string };

export interface LocalServerDeps {
  connection: Pick<DeploymentConnection, "useLocalServer" | "localServerStopped">;
  log: vscode.LogOutputChannel;
}

export type ServerState = { kind: "stopped" } | { kind: "starting" } | { kind: "running"; url: string; execution: vscode.TaskExecution };
