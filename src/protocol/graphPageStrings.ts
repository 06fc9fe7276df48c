/**
 * Every text the graph page shows of its own, in VS Code's display language. The host builds the table
 * (after activation has configured `@vscode/l10n` with the extension's bundle) and hands it to the page
 * in its initial state; the page fills the `{0}` placeholders itself. Built in a function, never as the
 * module loads: before activation there is no bundle, and the page calls it only for the English it
 * falls back on.
 */
import * as l10n from "@vscode/l10n";

export function graphPageStrings() {
  return {
    // Toolbar
    graph: l10n.t("Graph"),
    runPath: l10n.t("Nodes in the order the run took them"),
    stepRunning: l10n.t("Step {0}: {1} (running)"),
    stepDone: l10n.t("Step {0}: {1} (done)"),
    stepInterrupted: l10n.t("Step {0}: {1} (interrupted)"),
    stepFailed: l10n.t("Step {0}: {1} (error)"),
    stepStopped: l10n.t("Step {0}: {1} (stopped)"),
    zoomOut: l10n.t("Zoom Out (-)"),
    zoomIn: l10n.t("Zoom In (+)"),
    fit: l10n.t("Fit to Panel (0)"),
    exportSvg: l10n.t("Export as SVG…"),
    exportPng: l10n.t("Export as PNG…"),
    reload: l10n.t("Reload Graph"),
    loading: l10n.t("Loading the graph…"),
    noGraph: l10n.t("No graph to show."),
    // The run's status, in the toolbar and on each step of its path
    running: l10n.t("Running"),
    runningNodes: l10n.t("Running: {0}"),
    interrupted: l10n.t("Interrupted"),
    interruptedAt: l10n.t("Interrupted at {0}"),
    failed: l10n.t("Failed"),
    failedAt: l10n.t("Failed at {0}"),
    stopped: l10n.t("Stopped"),
    stoppedAt: l10n.t("Stopped at {0}"),
    lastRunOneStep: l10n.t("Last run: 1 step"),
    lastRunSteps: l10n.t("Last run: {0} steps"),
    noRunYet: l10n.t("No run yet on this thread"),
    notFollowing: l10n.t("Not following a thread"),
    // The drawing
    node: l10n.t("Node {0}"),
    startOfGraph: l10n.t("Start of the graph"),
    endOfGraph: l10n.t("End of the graph"),
    edge: l10n.t("{0} → {1}"),
    conditionalEdge: l10n.t("{0} → {1} (conditional)"),
    labelledEdge: l10n.t("{0}: {1}"),
    breakpointBefore: l10n.t("Breakpoint before {0}"),
    breakpointAfter: l10n.t("Breakpoint after {0}"),
    breakBefore: l10n.t("Break before {0}"),
    breakAfter: l10n.t("Break after {0}"),
    // The node panel
    nodeDetails: l10n.t("Node details"),
    closeNodeDetails: l10n.t("Close node details"),
    readingHistory: l10n.t("Reading the thread's history…"),
    step: l10n.t("step {0}"),
    checkpoint: l10n.t("checkpoint {0}"),
    thread: l10n.t("thread {0}"),
    stateUpdate: l10n.t("State update"),
    waitingOn: l10n.t("Waiting on"),
    interrupts: l10n.t("Interrupts"),
    // Why an export failed (the host shows it in its message)
    cannotDraw: l10n.t("this view cannot draw images"),
    noPng: l10n.t("the canvas did not produce a PNG"),
    notRendered: l10n.t("the drawing could not be rendered"),
  };
}
