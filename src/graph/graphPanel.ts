/**
 * One graph panel: a webview bound to one GraphSession and hosted by the panel host (page, validation
 * of the webview's messages, snapshot on `ready`). A bundle of its own with the session, the layout and
 * the run path, loaded when the first graph opens (`GraphPanels`).
 */
import * as vscode from "vscode";
import { graphPanelHtml } from "./graphPanelHtml";
import type { ExportFormat, GraphWebviewToHost, HostToGraphWebview, NodeBreakpointView } from "../protocol/graphProtocol";
import { validateGraphWebviewToHost } from "../protocol/graphMessageSchemas";
import { PanelHost } from "../panels/panelHost";
import { GraphSession } from "./graphSession";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { DeploymentConnection } from "../deployment/deploymentConnection";

export interface GraphPanelsDeps {
  extensionUri: vscode.Uri;
  connection: DeploymentConnection;
  assistants: AssistantDirectory;
  log: vscode.LogOutputChannel;
  /** The debugger's node breakpoints, for a panel that opens; a click on a marker toggles one. */
  nodeBreakpoints?(): NodeBreakpointView[];
  toggleBreakpoint?(node: string, stop: "before" | "after"): void;
}

export class GraphPanel implements vscode.Disposable {
  readonly session: GraphSession;
  private readonly host: PanelHost<GraphWebviewToHost, HostToGraphWebview>;
  readonly onDidDispose: vscode.Event<void>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    assistantId: string,
    threadId: string | undefined,
    deps: GraphPanelsDeps,
  ) {
    this.session = new GraphSession(
      {
        gateway: deps.connection.gateway,
        describe: (error, context) => deps.connection.describe(error, context),
        post: (message) => this.host.post(message),
        save: (format, bytes, name) => saveExport(format, bytes, name),
        notify: (message) => void vscode.window.showErrorMessage(message),
        onDidChange: () => this.updateTitle(),
        toggleBreakpoint: (node, stop) => deps.toggleBreakpoint?.(node, stop),
      },
      assistantId,
      threadId,
    );
    this.host = new PanelHost(panel, {
      extensionUri: deps.extensionUri,
      log: deps.log,
      name: "graph panel",
      html: graphPanelHtml,
      validate: validateGraphWebviewToHost,
      snapshot: () => this.session.snapshot(),
      handle: (message) => this.session.handle(message),
    });
    this.onDidDispose = this.host.onDidDispose;
    this.host.onDidDispose(() => this.session.dispose());
    this.updateTitle();
    if (deps.nodeBreakpoints) this.session.setDebugMarks({ breakpoints: deps.nodeBreakpoints() });
    void this.session.load();
  }

  get assistantId(): string {
    return this.session.assistantId;
  }

  reveal(): void {
    this.host.reveal();
  }

  /** Asks the webview for an export; it answers with the data, which the session saves. */
  requestExport(format: ExportFormat): void {
    this.host.post({ type: "requestExport", format });
  }

  dispose(): void {
    this.host.dispose();
  }

  private updateTitle(): void {
    const name = this.session.assistant?.name ?? this.assistantId.slice(0, 8);
    this.host.title = `Graph: ${name}`;
  }
}

async function saveExport(format: ExportFormat, bytes: Uint8Array, suggestedName: string): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t("Export Graph as {0}", format.toUpperCase()),
    saveLabel: vscode.l10n.t("Export"),
    defaultUri: folder ? vscode.Uri.joinPath(folder, suggestedName) : undefined,
    filters: format === "svg" ? { [vscode.l10n.t("SVG Image")]: ["svg"] } : { [vscode.l10n.t("PNG Image")]: ["png"] },
  });
  if (!target) return undefined;
  try {
    await vscode.workspace.fs.writeFile(target, bytes);
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t("Could not save the graph to {0}: {1}", target.fsPath, error instanceof Error ? error.message : String(error)),
    );
    return undefined;
  }
  const open = vscode.l10n.t("Open");
  void vscode.window.showInformationMessage(vscode.l10n.t("Saved the graph to {0}.", vscode.workspace.asRelativePath(target)), open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand("vscode.open", target);
  });
  return target.toString();
}
