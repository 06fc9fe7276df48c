/**
 * Event log panels: one per thread (eventLogPanelParts.ts, loaded when the first one opens), restored
 * after a reload. The chat's runs reach them through the store, which extension.ts feeds with the chat's
 * run events.
 */
import * as vscode from "vscode";
import { shortId } from "../common/threadText";
import { registerPanelSerializer, type PanelHost } from "../panels/panelHost";
import { readEventLogPersistedState, type EventLogToHost, type HostToEventLog } from "../protocol/eventLogProtocol";
import type { EventLogPanelsDeps } from "./eventLogPanelParts";

const EVENT_LOG_VIEW_TYPE = "langgraph.eventLog";

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
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./eventLogPanelParts only here
    const { createEventLogPanel } = require("./eventLogPanelParts") as typeof import("./eventLogPanelParts");
    const host = createEventLogPanel(panel, threadId, title, this.deps);
    this.panels.set(threadId, host);
    host.onDidDispose(() => this.panels.delete(threadId));
  }
}
