/**
 * An event log panel: a webview bound to an EventLogSession and hosted by the panel host (page, validation
 * of the page's messages, snapshot on `ready`). A bundle of its own (see esbuild.mjs), loaded when the
 * first event log opens.
 */
import * as vscode from "vscode";
import { shortId } from "../common/threadText";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import { PanelHost } from "../panels/panelHost";
import type { EventLogToHost, HostToEventLog } from "../protocol/eventLogProtocol";
import { validateEventLogToHost } from "../protocol/eventLogMessageSchemas";
import type { AssistantDirectory } from "../state/assistantDirectory";
import { eventLogPanelHtml } from "./eventLogPanelHtml";
import type { EventLogStore, RunLog } from "./eventLogStore";
import { EventLogSession } from "./eventLogSession";

export interface EventLogPanelsDeps {
  extensionUri: vscode.Uri;
  store: EventLogStore;
  connection: Pick<DeploymentConnection, "gateway">;
  assistants: Pick<AssistantDirectory, "ref">;
  log: vscode.LogOutputChannel;
}

export function createEventLogPanel(panel: vscode.WebviewPanel, threadId: string, title: string, deps: EventLogPanelsDeps): PanelHost<EventLogToHost, HostToEventLog> {
  const session: EventLogSession = new EventLogSession(
    {
      store: deps.store,
      post: (message) => host.post(message),
      copy: async (json) => {
        await vscode.env.clipboard.writeText(json);
        vscode.window.setStatusBarMessage(vscode.l10n.t("Event copied as JSON"), 3000);
      },
      title: () => title,
      runLabel: (run) => runLabel(run, deps),
      note: () => valuesNote(deps),
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
  host.onDidDispose(() => session.dispose());
  return host;
}

function runLabel(run: RunLog, deps: EventLogPanelsDeps): string {
  const time = new Date(run.startedAt).toLocaleTimeString();
  const assistant = deps.assistants.ref(run.assistantId).name;
  const label = vscode.l10n.t("{0} · {1} · run {2}", time, assistant, run.runId ? shortId(run.runId) : "…");
  return run.dropped ? vscode.l10n.t("{0} · later events not kept (the log is full)", label) : label;
}

/** langgraph-api 2 fails a run that streams `values` with subgraphs: the gateway leaves `values` out there. */
async function valuesNote(deps: EventLogPanelsDeps): Promise<string | undefined> {
  const version = await deps.connection.gateway.serverInfo().then(
    (info) => info.version,
    () => undefined,
  );
  const major = version === undefined ? Number.NaN : Number.parseInt(version, 10);
  if (major < 2) return undefined;
  return vscode.l10n.t("values is not streamed: this server ({0}) fails runs that stream values with subgraphs. The checkpoints mode carries each step's state.", version ?? vscode.l10n.t("version unknown"));
}
