/**
 * Starts the workspace's graphs as a local LangGraph server and connects the extension to it once it
 * answers. Every way a start can fail ends in one sentence that says what to do (and where the terminal
 * output is). A bundle of its own, loaded on the first start.
 */
import { dirname } from "node:path";
import * as vscode from "vscode";
import { planLaunch } from "./launchPlan";
import { buildTask, runUntilAnswering, showTaskTerminal } from "./localServerTask";
import { freePort, portInUse } from "./ports";
import { langgraphJsonErrors } from "./configErrors";
import type { LocalServerDeps, ServerState, StartResult } from "./serverState";

/** The server being started: its state, read and set as the start goes on. */
export interface StartingServer {
  state(): ServerState;
  setState(state: ServerState): void;
  deps: LocalServerDeps;
  /** Whether a server answers at `url` (the gateway's check, passed in so this bundle holds no SDK). */
  answers(url: string): Promise<boolean>;
}

/** Starts the server for `configUri` (default: the workspace's langgraph.json); reports failures itself. */
export async function startLocalServer(server: StartingServer, configUri?: vscode.Uri): Promise<StartResult> {
  const current = server.state();
  if (current.kind === "running") {
    return fail(server, vscode.l10n.t("The local LangGraph server is already running at {0}.", current.url), "terminal");
  }
  if (current.kind === "starting") return fail(server, vscode.l10n.t("The local LangGraph server is already starting."), "terminal");
  const config = configUri ?? (await findLangGraphJson());
  if (!config) return fail(server, vscode.l10n.t("No langgraph.json in this workspace: the local server runs the graphs it lists."));
  const errors = await langgraphJsonErrors(config);
  if (errors.length > 0) {
    const first = errors[0];
    return fail(
      server,
      vscode.l10n.t("{0} has errors, so the server would not start. Line {1}: {2}", vscode.workspace.asRelativePath(config), first.range.start.line + 1, first.message),
      "problems",
    );
  }
  const configured = vscode.workspace.getConfiguration("langgraph.localServer").get<number>("port") ?? 0;
  if (configured > 0 && (await portInUse(configured))) {
    return fail(
      server,
      vscode.l10n.t("Port {0} is in use, so the local server cannot listen on it. Stop what runs there, or set langgraph.localServer.port to another port (0 picks a free one).", configured),
      "settings",
    );
  }
  const port = configured > 0 ? configured : await freePort();
  const folder = dirname(config.fsPath);
  const plan = planLaunch(folder, port);
  if (plan.kind === "missingCli") return fail(server, plan.message, "copyInstall", plan.installCommand);

  const url = `http://127.0.0.1:${port}`;
  server.setState({ kind: "starting" });
  server.deps.log.info(`Starting the local server: ${plan.command} ${plan.args.join(" ")} (in ${folder})`);
  const task = buildTask(vscode.workspace.getWorkspaceFolder(config), folder, port, plan);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Starting the local LangGraph server ({0})…", plan.label), cancellable: true },
    (_progress, token) => runUntilAnswering(task, () => server.answers(url), token),
  );
  switch (outcome.kind) {
    case "ready":
      server.setState({ kind: "running", url, execution: outcome.execution });
      server.deps.connection.useLocalServer(url);
      server.deps.log.info(`The local server answers at ${url}`);
      return { ok: true, url };
    case "exited":
      server.setState({ kind: "stopped" });
      return fail(
        server,
        outcome.exitCode === 127
          ? vscode.l10n.t("`{0}` was not found. The terminal shows the shell's message.", plan.command)
          : vscode.l10n.t("The local server stopped before it answered (exit code {0}). The terminal shows why.", String(outcome.exitCode ?? "unknown")),
        "terminal",
      );
    case "timeout":
      outcome.execution.terminate();
      server.setState({ kind: "stopped" });
      return fail(server, vscode.l10n.t("The local server did not answer at {0} within 3 minutes, so it was stopped. The terminal shows its output.", url), "terminal");
    case "cancelled":
      server.setState({ kind: "stopped" });
      return { ok: false, message: vscode.l10n.t("Cancelled.") };
  }
}

function fail(server: StartingServer, message: string, action?: "terminal" | "problems" | "settings" | "copyInstall", installCommand?: string): StartResult {
  server.deps.log.warn(`Start Local Server: ${message}`);
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
