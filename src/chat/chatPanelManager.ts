/**
 * Keeps one panel per thread (opening an open thread reveals it), restores panels after a reload, and
 * knows which panel the user is in, for Switch Assistant and the status bar.
 */
import * as vscode from "vscode";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import type { GraphPanels } from "../graph/graphPanel";
import type { HostToWebview, ThreadHeader, WebviewPersistedState } from "../protocol/chatProtocol";
import type { WorkspaceMemory } from "../state/workspaceMemory";
import { CHAT_VIEW_TYPE, ChatPanel, type ChatPanelActions } from "./chatPanel";
import { ChatSession } from "./chatSession";
import { askMultitaskStrategy } from "./multitaskPrompt";

export interface ChatPanelManagerDeps {
  extensionUri: vscode.Uri;
  connection: DeploymentConnection;
  assistants: AssistantDirectory;
  memory: WorkspaceMemory;
  actions: ChatPanelActions;
  onThreadChanged(thread: ThreadHeader, created: boolean): void;
  /** Graph views follow the runs streaming in chat panels. */
  graphs?: Pick<GraphPanels, "onRunEvent" | "onRunEnd">;
}

export class ChatPanelManager implements vscode.Disposable {
  private readonly panels = new Set<ChatPanel>();
  private activePanel: ChatPanel | undefined;
  private readonly activeChanged = new vscode.EventEmitter<ChatPanel | undefined>();
  /** The focused panel changed, or its assistant or run did. */
  readonly onDidChangeActive = this.activeChanged.event;
  private readonly posted = new vscode.EventEmitter<{ threadId?: string; message: HostToWebview }>();
  /** Every message the host sends to any chat panel (live run views follow runs through it). */
  readonly onDidPost = this.posted.event;

  constructor(private readonly deps: ChatPanelManagerDeps) {}

  get active(): ChatPanel | undefined {
    return this.activePanel;
  }

  get all(): readonly ChatPanel[] {
    return [...this.panels];
  }

  find(threadId: string): ChatPanel | undefined {
    return [...this.panels].find((p) => p.session.threadId === threadId);
  }

  /** Opens (or reveals) the panel of a thread; without an id, a new thread that the first send creates. */
  open(threadId?: string, options: { title?: string; assistantId?: string } = {}): ChatPanel {
    const existing = threadId ? this.find(threadId) : undefined;
    if (existing) {
      if (options.assistantId) existing.session.selectAssistant(options.assistantId);
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(CHAT_VIEW_TYPE, options.title ?? "New Thread", vscode.ViewColumn.Active, {
      enableFindWidget: true,
    });
    return this.attach(panel, threadId, options);
  }

  /** Rebuilds a panel VS Code kept across a window reload. */
  restore(panel: vscode.WebviewPanel, state: WebviewPersistedState | undefined): ChatPanel {
    return this.attach(panel, state?.threadId, {});
  }

  dispose(): void {
    for (const panel of this.panels) panel.panel.dispose();
    this.activeChanged.dispose();
    this.posted.dispose();
  }

  private attach(webviewPanel: vscode.WebviewPanel, threadId: string | undefined, options: { title?: string; assistantId?: string }): ChatPanel {
    let chatPanel: ChatPanel | undefined;
    const session = new ChatSession(
      {
        gateway: this.deps.connection.gateway,
        describe: (error, context) => this.deps.connection.describe(error, context),
        assistants: this.deps.assistants,
        post: (message) => {
          chatPanel?.post(message);
          this.posted.fire({ threadId: session.threadId, message });
          if ((message.type === "run" || message.type === "assistants" || message.type === "snapshot") && chatPanel === this.activePanel) this.activeChanged.fire(chatPanel);
        },
        lastAssistant: (id) => this.deps.memory.lastAssistant(id),
        rememberAssistant: (id, assistantId) => this.deps.memory.rememberAssistant(id, assistantId),
        activeRun: (id) => this.deps.memory.activeRun(id),
        rememberRun: (id, runId) => this.deps.memory.rememberRun(id, runId),
        multitaskStrategy: askMultitaskStrategy,
        onRunEvent: (assistantId, threadId, part) => this.deps.graphs?.onRunEvent(assistantId, threadId, part),
        onRunEnd: (assistantId, threadId, outcome) => this.deps.graphs?.onRunEnd(assistantId, threadId, outcome),
        onThreadChanged: (thread) => {
          const created = !knownThread && !!thread.threadId;
          if (thread.threadId) knownThread = thread.threadId;
          this.deps.onThreadChanged(thread, created);
        },
      },
      threadId,
      options.title,
    );
    let knownThread = threadId;
    chatPanel = new ChatPanel(webviewPanel, session, this.deps.extensionUri, this.deps.actions);
    if (options.assistantId) session.selectAssistant(options.assistantId);
    this.panels.add(chatPanel);
    const panel = chatPanel;
    webviewPanel.onDidChangeViewState(() => {
      if (webviewPanel.active) this.setActive(panel);
      else if (this.activePanel === panel) this.setActive(undefined);
    });
    panel.onDidDispose(() => {
      this.panels.delete(panel);
      if (this.activePanel === panel) this.setActive(undefined);
    });
    if (webviewPanel.active) this.setActive(panel);
    void session.load();
    return panel;
  }

  private setActive(panel: ChatPanel | undefined): void {
    this.activePanel = panel;
    void vscode.commands.executeCommand("setContext", "langgraph.chatFocused", !!panel);
    this.activeChanged.fire(panel);
  }
}
