/**
 * The local server as a VS Code task: its output lives in the terminal panel and it stops like any other
 * task. Resolves when the server answers, or says why it did not.
 */
import * as vscode from "vscode";
import type { LaunchPlan } from "./launchPlan";

const TASK_TYPE = "langgraph";
export const TASK_NAME = vscode.l10n.t("LangGraph: local server");
/** Installing the CLI through npx on a first run can take a while. */
const START_TIMEOUT_MS = 180_000;
const POLL_MS = 500;

export type StartOutcome =
  | { kind: "ready"; execution: vscode.TaskExecution }
  | { kind: "exited"; exitCode: number | undefined }
  | { kind: "timeout"; execution: vscode.TaskExecution }
  | { kind: "cancelled" };

export function buildTask(folder: vscode.WorkspaceFolder | undefined, cwd: string, port: number, plan: Extract<LaunchPlan, { kind: "run" }>): vscode.Task {
  const execution = new vscode.ShellExecution(plan.command, plan.args, { cwd });
  const task = new vscode.Task({ type: TASK_TYPE, port }, folder ?? vscode.TaskScope.Workspace, TASK_NAME, "langgraph", execution, []);
  task.isBackground = true;
  task.detail = plan.label;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, focus: false, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  return task;
}

/**
 * Runs the task and polls `answers` until the server is up, the task's process ends first (a port
 * taken meanwhile, a broken graph, a missing CLI: the terminal says which), time runs out or the user
 * cancels.
 */
export async function runUntilAnswering(task: vscode.Task, answers: () => Promise<boolean>, token: vscode.CancellationToken): Promise<StartOutcome> {
  let ended: { exitCode: number | undefined } | undefined;
  // A function, not the variable: the listeners set it while this loop awaits.
  const hasEnded = () => ended;
  let execution: vscode.TaskExecution | undefined;
  const endSubscriptions = [
    vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution === execution) ended = { exitCode: event.exitCode };
    }),
    vscode.tasks.onDidEndTask((event) => {
      if (event.execution === execution) ended ??= { exitCode: undefined };
    }),
  ];
  try {
    execution = await vscode.tasks.executeTask(task);
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const early = hasEnded();
      if (early) return { kind: "exited", exitCode: early.exitCode };
      if (token.isCancellationRequested) {
        execution.terminate();
        return { kind: "cancelled" };
      }
      if (await answers()) {
        // The port answered, but the task ended meanwhile: something else answers there.
        const late = hasEnded();
        return late ? { kind: "exited", exitCode: late.exitCode } : { kind: "ready", execution };
      }
      if (Date.now() > deadline) return { kind: "timeout", execution };
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    for (const subscription of endSubscriptions) subscription.dispose();
  }
}

/** Brings the task's terminal forward, where the server's own messages are. */
export function showTaskTerminal(): void {
  const terminal = vscode.window.terminals.find((t) => t.name.includes(TASK_NAME));
  if (terminal) terminal.show();
  else void vscode.commands.executeCommand("workbench.action.terminal.focus");
}
