/**
 * Event log panels: one per thread, each a webview bound to an EventLogSession and hosted by the panel
 * host (page, validation of the page's messages, snapshot on `ready`). The chat's runs reach them
 * through the store, which extension.ts feeds with the chat's run events.
 */
import * as vscode from "vscode";
import { shortId } from "../common/threadText";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import { PanelHost, registerPanelSerializer } from "../panels/panelHost";
import { readEventLogPersistedState, type EventLogToHost, type HostToEventLog } from "../protocol/eventLogProtocol";
import { validateEventLogToHost } from "../protocol/eventLogMessageSchemas";
import type { AssistantDirectory } from "../state/assistantDirectory";
import { eventLogPanelHtml } from "./eventLogPanelHtml";
import type { EventLogStore, RunLog } from "./eventLogStore";
import { EventLogSession } from "./eventLogSession";

const EVENT_LOG_VIEW_TYPE = "langgraph.eventLog";

export interface EventLogPanelsDeps {
  extensionUri: vscode.Uri;
  store: EventLogStore;
  connection: Pick<DeploymentConnection, "gateway">;
  assistants: Pick<AssistantDirectory, "ref">;
  log: vscode.LogOutputChannel;
}

export class EventLogPanels implements vscode.Disposable {
  private readonly panels = new Map<string, PanelHost<EventLogToHost, HostToEventLog>>();

  constructor(private readonly deps: EventLogPanelsDeps) {}

  /** Opens (or reveals) the event log of a thread, beside the chat. */
  show(threadId: string, title: string): void {
    const existing = this.panels.get(threadId);
    if (existing) {
      existing.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(EVENT_LOG_VIEW_TYPE, "", { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
    this.attach(panel, threadId, title);
  }

  registerSerializer(): vscode.Disposable {
    return registerPanelSerializer(EVENT_LOG_VIEW_TYPE, (panel, state) => {
      const saved = readEventLogPersistedState(state);
      if (!saved || this.panels.has(saved.threadId)) panel.dispose();
      else this.attach(panel, saved.threadId, shortId(saved.threadId));
    });
  }

  dispose(): void {
    for (const host of [...this.panels.values()]) host.dispose();
  }

  private attach(panel: vscode.WebviewPanel, threadId: string, title: string): void {
    const { deps } = this;
    const session: EventLogSession = new EventLogSession(
      {
        store: deps.store,
        post: (message) => host.post(message),
        copy: async (json) => {
          await vscode.env.clipboard.writeText(json);
          vscode.window.setStatusBarMessage(vscode.l10n.t("Event copied as JSON"), 3000);
        },
        title: () => title,
        runLabel: (run) => this.runLabel(run),
        note: () => this.valuesNote(),
        truncatedNote: (shown, total) => vscode.l10n.t("{0} of {1} characters shown; Copy gives all of them.", shown, total),
      },
      threadId,
    );
    const host: PanelHost<EventLogToHost, HostToEventLog> = new PanelHost(panel, {
      extensionUri: deps.extensionUri,
      log: deps.log,
      name: "event log",
      html: eventLogPanelHtml,
      validate: validateEventLogToHost,
      snapshot: () => session.snapshot(),
      handle: (message) => session.handle(message),
    });
    host.title = vscode.l10n.t("Events: {0}", title);
    this.panels.set(threadId, host);
    host.onDidDispose(() => {
      session.dispose();
      this.panels.delete(threadId);
    });
  }

  private runLabel(run: RunLog): string {
    const time = new Date(run.startedAt).toLocaleTimeString();
    const assistant = this.deps.assistants.ref(run.assistantId).name;
    const label = vscode.l10n.t("{0} · {1} · run {2}", time, assistant, run.runId ? shortId(run.runId) : "…");
    return run.dropped ? vscode.l10n.t("{0} · later events not kept (the log is full)", label) : label;
  }

  /** langgraph-api 2 fails a run that streams `values` with subgraphs: the gateway leaves `values` out there. */
  private async valuesNote(): Promise<string | undefined> {
    const version = await this.deps.connection.gateway.serverInfo().then(
      (info) => info.version,
      () => undefined,
    );
    const major = version === undefined ? Number.NaN : Number.parseInt(version, 10);
    if (major < 2) return undefined;
    return vscode.l10n.t("values is not streamed: this server ({0}) fails runs that stream values with subgraphs. The checkpoints mode carries each step's state.", version ?? vscode.l10n.t("version unknown"));
  }
}
