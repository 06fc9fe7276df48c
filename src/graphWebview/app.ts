/**
 * The graph panel's page: a toolbar (assistant, run status, the path so far, zoom and export), the
 * drawing, and the side panel of the clicked node. It keeps no truth of its own: a `snapshot` from the
 * host rebuilds everything.
 */
import type { ExportFormat, GraphAssistantView, GraphLayout, HostToGraphWebview, NodeStateView, PathEntryStatus, RunPathView } from "../protocol/graphProtocol";
import { el, iconButton } from "./dom";
import { exportPng, exportSvg } from "./exporter";
import { GraphView } from "./graphView";
import { NodePanel } from "./nodePanel";
import { fill, pageText } from "./pageText";
import type { GraphHostApi } from "./vscodeApi";

const ZOOM_STEP = 1.25;
/** Path steps listed in the toolbar; older ones collapse into "…". */
const MAX_PATH_STEPS = 40;

export class GraphApp {
  readonly view: GraphView;
  readonly nodePanel: NodePanel;
  private readonly nameLabel: HTMLElement;
  private readonly graphLabel: HTMLElement;
  private readonly status: HTMLElement;
  private readonly statusText: HTMLElement;
  private readonly pathList: HTMLOListElement;
  private readonly banner: HTMLElement;
  private readonly placeholder: HTMLElement;
  private assistant: GraphAssistantView | undefined;
  private layout: GraphLayout | undefined;
  private run: RunPathView = { status: "idle", current: [], path: [] };
  private selected: string | undefined;
  private loading = false;

  constructor(
    root: HTMLElement,
    private readonly api: GraphHostApi,
  ) {
    const text = pageText();
    this.nameLabel = el("span", { className: "graph-name", text: text.graph });
    this.graphLabel = el("span", { className: "graph-id" });
    this.statusText = el("span", { className: "run-status-text" });
    this.status = el("div", { className: "run-status", attrs: { role: "status" } }, el("i", { className: "codicon", attrs: { "aria-hidden": "true" } }), this.statusText);
    this.pathList = el("ol", { className: "run-path", attrs: { "aria-label": text.runPath } });

    const zoomOut = iconButton("zoom-out", text.zoomOut);
    const zoomIn = iconButton("zoom-in", text.zoomIn);
    const fit = iconButton("screen-full", text.fit);
    const svgExport = iconButton("file-media", text.exportSvg);
    const pngExport = iconButton("device-camera", text.exportPng);
    const refresh = iconButton("refresh", text.reload);
    zoomOut.classList.add("zoom-out");
    zoomIn.classList.add("zoom-in");
    fit.classList.add("zoom-fit");
    svgExport.classList.add("export-svg");
    pngExport.classList.add("export-png");
    refresh.classList.add("reload");
    zoomOut.addEventListener("click", () => this.view.zoomBy(1 / ZOOM_STEP));
    zoomIn.addEventListener("click", () => this.view.zoomBy(ZOOM_STEP));
    fit.addEventListener("click", () => this.view.fit());
    svgExport.addEventListener("click", () => void this.export("svg"));
    pngExport.addEventListener("click", () => void this.export("png"));
    refresh.addEventListener("click", () => this.api.postMessage({ type: "refresh" }));

    const toolbar = el(
      "header",
      { className: "graph-toolbar" },
      el("div", { className: "graph-title" }, this.nameLabel, this.graphLabel),
      this.status,
      this.pathList,
      el("div", { className: "toolbar-actions", attrs: { role: "toolbar", "aria-label": text.graph } }, zoomOut, zoomIn, fit, svgExport, pngExport, refresh),
    );
    this.banner = el("div", { className: "graph-banner", attrs: { role: "alert" } });
    this.banner.hidden = true;
    this.placeholder = el("div", { className: "graph-placeholder", text: text.loading });
    const canvas = el("div", { className: "graph-canvas" }, this.placeholder);
    this.view = new GraphView(canvas, {
      select: (node) => this.selectNode(node),
      toggleBreakpoint: (node, stop) => this.api.postMessage({ type: "toggleBreakpoint", node, stop }),
    });
    this.nodePanel = new NodePanel(() => this.clearSelection());
    root.append(el("div", { className: "graph-app" }, toolbar, this.banner, el("div", { className: "graph-main" }, canvas, this.nodePanel.element)));

    window.addEventListener("resize", () => this.view.resized());
    document.addEventListener("keydown", (event) => this.onKey(event));
    this.renderStatus();
  }

  handle(message: HostToGraphWebview): void {
    switch (message.type) {
      case "snapshot":
        this.loading = message.loading;
        if (message.assistant && message.layout) this.setGraph(message.assistant, message.layout);
        this.setRun(message.run);
        this.setNodeState(message.selected);
        this.setError(message.error);
        this.view.showDebug(message.debug ?? { breakpoints: [], paused: [] });
        break;
      case "debug":
        this.view.showDebug(message.debug);
        break;
      case "graph":
        this.setGraph(message.assistant, message.layout);
        this.view.showRun(this.run);
        break;
      case "runPath":
        this.setRun(message.run);
        break;
      case "nodeState":
        this.setNodeState(message.state);
        break;
      case "loading":
        this.loading = message.loading;
        break;
      case "error":
        this.setError(message.error);
        break;
      case "requestExport":
        void this.export(message.format);
        break;
    }
    this.renderPlaceholder();
  }

  async export(format: ExportFormat): Promise<void> {
    if (!this.layout) return;
    try {
      const svgText = exportSvg(this.view.svg, this.layout);
      const data = format === "svg" ? svgText : await exportPng(svgText, this.layout);
      this.api.postMessage({ type: "export", format, data });
    } catch (error) {
      this.api.postMessage({ type: "exportFailed", format, reason: error instanceof Error ? error.message : String(error) });
    }
  }

  private setGraph(assistant: GraphAssistantView, layout: GraphLayout): void {
    this.assistant = assistant;
    this.layout = layout;
    this.nameLabel.textContent = assistant.name;
    this.graphLabel.textContent = assistant.name === assistant.graphId ? "" : assistant.graphId;
    this.view.render(layout);
    this.view.select(this.selected);
    this.persist();
  }

  private setRun(run: RunPathView): void {
    this.run = run;
    this.view.showRun(run);
    this.renderStatus();
    this.renderPath();
    this.persist();
  }

  private setNodeState(state: NodeStateView | undefined): void {
    this.selected = state?.node;
    this.view.select(this.selected);
    this.nodePanel.show(state);
  }

  private setError(error: string | undefined): void {
    this.banner.textContent = error ?? "";
    this.banner.hidden = !error;
  }

  private selectNode(node: string): void {
    this.selected = node;
    this.view.select(node);
    this.api.postMessage({ type: "selectNode", node });
  }

  private clearSelection(): void {
    this.selected = undefined;
    this.view.select(undefined);
    this.nodePanel.show(undefined);
    this.api.postMessage({ type: "clearSelection" });
  }

  private renderStatus(): void {
    const { status } = this.run;
    const text = statusText(this.run);
    this.statusText.textContent = text;
    this.status.setAttribute("data-status", status);
    const glyph = this.status.querySelector(".codicon");
    if (glyph) glyph.className = `codicon codicon-${STATUS_ICONS[status]}`;
  }

  private renderPath(): void {
    const steps = this.run.path;
    const shown = steps.slice(-MAX_PATH_STEPS);
    const items: HTMLElement[] = [];
    if (shown.length < steps.length) items.push(el("li", { className: "path-more", text: "…" }));
    shown.forEach((entry, i) => {
      const index = steps.length - shown.length + i + 1;
      const title = fill(stepTemplate(entry.status), index, entry.inner ?? entry.node);
      const button = el("button", { className: "path-step-button", text: entry.node, attrs: { type: "button", title } });
      button.addEventListener("click", () => this.selectNode(entry.node));
      items.push(el("li", { className: "path-step", attrs: { "data-status": entry.status, "data-index": String(index) } }, button));
    });
    this.pathList.replaceChildren(...items);
  }

  private renderPlaceholder(): void {
    const text = this.layout ? "" : this.loading ? pageText().loading : this.banner.hidden ? pageText().noGraph : "";
    this.placeholder.textContent = text;
    this.placeholder.hidden = !text;
  }

  private persist(): void {
    if (!this.assistant) return;
    this.api.setState({ assistantId: this.assistant.id, ...(this.run.threadId ? { threadId: this.run.threadId } : {}) });
  }

  private onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape" && this.selected) {
      this.clearSelection();
      return;
    }
    const target = event.target as HTMLElement | null;
    if (target?.closest?.("pre, button")) return;
    if (event.key === "+" || event.key === "=") this.view.zoomBy(ZOOM_STEP);
    else if (event.key === "-" || event.key === "_") this.view.zoomBy(1 / ZOOM_STEP);
    else if (event.key === "0") this.view.fit();
    else if (event.key.startsWith("Arrow")) {
      const step = 40;
      const dx = event.key === "ArrowLeft" ? step : event.key === "ArrowRight" ? -step : 0;
      const dy = event.key === "ArrowUp" ? step : event.key === "ArrowDown" ? -step : 0;
      this.view.panBy(dx, dy);
    } else return;
    event.preventDefault();
  }
}

function statusText(run: RunPathView): string {
  const { path, current } = run;
  const text = pageText();
  const last = path.at(-1)?.node;
  const at = (plain: string, withNode: string) => (last === undefined ? plain : fill(withNode, last));
  switch (run.status) {
    case "running":
      return current.length ? fill(text.runningNodes, current.join(", ")) : text.running;
    case "interrupted":
      return at(text.interrupted, text.interruptedAt);
    case "error":
      return at(text.failed, text.failedAt);
    case "stopped":
      return at(text.stopped, text.stoppedAt);
    case "done":
      return path.length === 1 ? text.lastRunOneStep : fill(text.lastRunSteps, path.length);
    case "idle":
      return run.threadId ? text.noRunYet : text.notFollowing;
  }
}

/** A path step's tooltip, for the step's status. */
function stepTemplate(status: PathEntryStatus): string {
  const text = pageText();
  const templates: Record<PathEntryStatus, string> = { running: text.stepRunning, done: text.stepDone, interrupted: text.stepInterrupted, error: text.stepFailed, stopped: text.stepStopped };
  return templates[status];
}

const STATUS_ICONS: Record<RunPathView["status"], string> = {
  idle: "circle-outline",
  running: "loading codicon-modifier-spin",
  done: "pass-filled",
  interrupted: "debug-pause",
  error: "error",
  stopped: "debug-stop",
};
