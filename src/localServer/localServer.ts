/**
 * Starts the workspace's graphs as a local LangGraph server, connects the extension to it once it
 * answers, and disconnects when its task ends. Every way a start can fail ends in one sentence that
 * says what to do (and where the terminal output is).
 */
import { dirname } from "node:path";
import * as vscode from "vscode";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import { serverAnswers } from "../deployment/gateway";
import { planLaunch } from "./launchPlan";
import { buildTask, runUntilAnswering, showTaskTerminal } from "./localServerTask";
import { freePort, portInUse } from "./ports";
import { langgraphJsonErrors } from "./configErrors";

export type StartResult = { ok: true; url: string } | { ok: false; message: string };

export interface LocalServerDeps {
  connection: Pick<DeploymentConnection, "useLocalServer" | "localServerStopped">;
  log: vscode.LogOutputChannel;
}

type ServerState = { kind: "stopped" } | { kind: "starting" } | { kind: "running"; url: string; execution: vscode.TaskExecution };

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
  async start(configUri?: vscode.Uri): Promise<StartResult> {
    if (this.stateValue.kind === "running") {
      return this.fail(vscode.l10n.t("The local LangGraph server is already running at {0}.", this.stateValue.url), "terminal");
    }
    if (this.stateValue.kind === "starting") return this.fail(vscode.l10n.t("The local LangGraph server is already starting."), "terminal");
    const config = configUri ?? (await findLangGraphJson());
    if (!config) return this.fail(vscode.l10n.t("No langgraph.json in this workspace: the local server runs the graphs it lists."));
    const errors = await langgraphJsonErrors(config);
    if (errors.length > 0) {
      const first = errors[0];
      return this.fail(
        vscode.l10n.t("{0} has errors, so the server would not start. Line {1}: {2}", vscode.workspace.asRelativePath(config), first.range.start.line + 1, first.message),
        "problems",
      );
    }
    const configured = vscode.workspace.getConfiguration("langgraph.localServer").get<number>("port") ?? 0;
    if (configured > 0 && (await portInUse(configured))) {
      return this.fail(
        vscode.l10n.t("Port {0} is in use, so the local server cannot listen on it. Stop what runs there, or set langgraph.localServer.port to another port (0 picks a free one).", configured),
        "settings",
      );
    }
    const port = configured > 0 ? configured : await freePort();
    const folder = dirname(config.fsPath);
    const plan = planLaunch(folder, port);
    if (plan.kind === "missingCli") return this.fail(plan.message, "copyInstall", plan.installCommand);

    const url = `http://127.0.0.1:${port}`;
    this.setState({ kind: "starting" });
    this.deps.log.info(`Starting the local server: ${plan.command} ${plan.args.join(" ")} (in ${folder})`);
    const task = buildTask(vscode.workspace.getWorkspaceFolder(config), folder, port, plan);
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Starting the local LangGraph server ({0})…", plan.label), cancellable: true },
      (_progress, token) => runUntilAnswering(task, () => serverAnswers(url), token),
    );
    switch (outcome.kind) {
      case "ready":
        this.setState({ kind: "running", url, execution: outcome.execution });
        this.deps.connection.useLocalServer(url);
        this.deps.log.info(`The local server answers at ${url}`);
        return { ok: true, url };
      case "exited":
        this.setState({ kind: "stopped" });
        return this.fail(
          outcome.exitCode === 127
            ? vscode.l10n.t("`{0}` was not found. The terminal shows the shell's message.", plan.command)
            : vscode.l10n.t("The local server stopped before it answered (exit code {0}). The terminal shows why.", String(outcome.exitCode ?? "unknown")),
          "terminal",
        );
      case "timeout":
        outcome.execution.terminate();
        this.setState({ kind: "stopped" });
        return this.fail(vscode.l10n.t("The local server did not answer at {0} within 3 minutes, so it was stopped. The terminal shows its output.", url), "terminal");
      case "cancelled":
        this.setState({ kind: "stopped" });
        return { ok: false, message: vscode.l10n.t("Cancelled.") };
    }
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

  private fail(message: string, action?: "terminal" | "problems" | "settings" | "copyInstall", installCommand?: string): StartResult {
    this.deps.log.warn(`Start Local Server: ${message}`);
    const labels = {
      terminal: vscode.l10n.t("Show Terminal"),
      problems: vscode.l10n.t("Show Problems"),
      settings: vscode.l10n.t("Open Settings"),
      copyInstall: vscode.l10n.t("Copy Install Command"),
    };
    void vscode.window.showErrorMessage(message, ...(action ? [labels[action]] : [])).then((choice) => {
      if (!choice) return;
      if (action === "terminal") showTaskTerminal();
      else if (action === "problems") void vscode.commands.executeCommand("workbench.actions.view.problems");
      else if (action === "settings") void vscode.commands.executeCommand("workbench.action.openSettings", "langgraph.localServer.port");
      else if (action === "copyInstall" && installCommand) void vscode.env.clipboard.writeText(installCommand);
    });
    return { ok: false, message };
  }
}

/** The workspace's langgraph.json; a picker when there are several. */
async function findLangGraphJson(): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles("**/langgraph.json", "**/{node_modules,.langgraph_api,.venv}/**", 20);
  if (found.length <= 1) return found[0];
  const pick = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: vscode.l10n.t("Which langgraph.json should the local server run?") },
  );
  return pick?.uri;
}
