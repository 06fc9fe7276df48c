/**
 * Keeps one panel per thread (opening an open thread reveals it), restores panels after a reload, and
 * knows which panel the user is in, for Switch Assistant and the status bar. Sessions report their
 * thread's changes into the thread store; changes made elsewhere (a rename, a delete) come back from
 * it to the panels. Runs streaming in any panel are announced for the graph views.
 */
import * as vscode from "vscode";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { DeploymentConnection } from "../deployment/deploymentConnection";
import { threadStatusOf, type GraphSchemas, type NodeInterruptsRequest, type RunOutcome, type StreamPart } from "../deployment/types";
import { readChatPersistedState, type HostToWebview, type ThreadHeader } from "../protocol/chatProtocol";
import { registerPanelSerializer } from "../panels/panelHost";
import { perfMark } from "../panels/perfMarks";
import type { ThreadChange, ThreadStore } from "../state/threadStore";
import type { WorkspaceMemory } from "../state/workspaceMemory";
import type { ChatPanel, ChatPanelActions } from "./chatPanel";
import type { ChatSession } from "./chatSession";
import { LiveThreads } from "./liveThreads";
import { trustedSetting } from "../deployment/deploymentSettings";
import type { StreamModeName } from "../common/streamModes";

const CHAT_VIEW_TYPE = "langgraph.chat";

/** The panel and its session, loaded when the first panel opens (a bundle of its own: esbuild.mjs). */
function chatPanelParts(): typeof import("./chatPanelParts") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./chatPanelParts only here
  return require("./chatPanelParts") as typeof import("./chatPanelParts");
}

export interface ChatPanelManagerDeps {
  extensionUri: vscode.Uri;
  /** Modes a thread's runs stream beyond the chat's own (its event log's). */
  streamModes?(threadId: string): readonly StreamModeName[];
  connection: DeploymentConnection;
  assistants: AssistantDirectory;
  memory: WorkspaceMemory;
  actions: ChatPanelActions;
  store: ThreadStore;
  log: vscode.LogOutputChannel;
}

/** One event of a run streaming in a chat panel. */
export interface ChatRunEvent {
  assistantId: string;
  threadId: string;
  part: Pick<StreamPart, "event" | "data">;
  /** Undefined until the server has named the run. */
  runId?: string;
}

export interface ChatRunEnd {
  assistantId: string;
  threadId: string;
  outcome?: RunOutcome;
}

export class ChatPanelManager implements vscode.Disposable {
  private readonly panels = new Set<ChatPanel>();
  private readonly schemaCache = new Map<string, Promise<GraphSchemas>>();
  /** Threads a debug session is attached to, with where their runs stop. */
  private readonly debuggers = new Map<string, () => NodeInterruptsRequest>();
  private activePanel: ChatPanel | undefined;
  private readonly activeChanged = new vscode.EventEmitter<ChatPanel | undefined>();
  /** The focused panel changed, or its assistant or run did. */
  readonly onDidChangeActive = this.activeChanged.event;
  private readonly posted = new vscode.EventEmitter<{ threadId?: string; message: HostToWebview }>();
  /** Every message the host sends to any chat panel (live run views follow runs through it). */
  readonly onDidPost = this.posted.event;
  private readonly runEvent = new vscode.EventEmitter<ChatRunEvent>();
  /** Every event of a run streaming in any panel (graph views highlight the node that runs). */
  readonly onRunEvent = this.runEvent.event;
  private readonly runEnd = new vscode.EventEmitter<ChatRunEnd>();
  /** A run's stream ended in some panel. */
  readonly onRunEnd = this.runEnd.event;
  private readonly subscriptions: { dispose(): void }[];
  /** Visible panels follow runs other clients start on their threads. */
  private readonly live: LiveThreads;

  constructor(private readonly deps: ChatPanelManagerDeps) {
    this.live = new LiveThreads({
      gateway: deps.connection.gateway,
      store: deps.store,
      visible: () => [...this.panels].filter((p) => p.panel.visible).map((p) => p.session),
      timing: () => ({ intervalMs: (trustedSetting<number>("threads.pollIntervalSeconds").value ?? 5) * 1000 }),
    });
    this.subscriptions = [
      deps.store.onDidChange((change) => this.follow(change)),
      deps.assistants.onDidChange(() => {
        for (const panel of this.panels) void panel.session.assistantsChanged();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("langgraph.threads.pollIntervalSeconds")) this.live.restart();
      }),
      this.live,
    ];
  }

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
    perfMark("chat.open", threadId);
    const existing = threadId ? this.find(threadId) : undefined;
    if (existing) {
      if (options.assistantId) existing.session.selectAssistant(options.assistantId);
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(CHAT_VIEW_TYPE, options.title ?? vscode.l10n.t("New Thread"), vscode.ViewColumn.Active, {
      enableFindWidget: true,
    });
    return this.attach(panel, threadId, options);
  }

  /** Rebuilds a panel VS Code kept across a window reload (from the state its webview saved). */
  restore(panel: vscode.WebviewPanel, state: unknown): ChatPanel {
    return this.attach(panel, readChatPersistedState(state)?.threadId, {});
  }

  /** For the panel serializer: chat panels come back after a window reload. */
  registerSerializer(): vscode.Disposable {
    return registerPanelSerializer(CHAT_VIEW_TYPE, (panel, state) => this.restore(panel, state));
  }

  /** The thread of an open chat that uses the assistant, the focused chat first. */
  threadUsing(assistantId: string): string | undefined {
    const panels = [this.activePanel, ...this.panels];
    return panels.find((p) => p && p.session.selectedAssistantId === assistantId && p.session.threadId)?.session.threadId;
  }

  /**
   * A run from outside the panels (VS Code's Chat view) changed the thread: its open panel reloads, so
   * the new messages show, labelled with their assistant. A panel streaming a run of its own settles by itself.
   */
  refreshThread(threadId: string): void {
    const panel = this.find(threadId);
    if (panel && panel.session.run.phase === "idle") void panel.session.load();
  }

  /**
   * A debug session attaches to a thread: the runs its panel starts stop where `interrupts` says, and
   * the panel's header says a debugger is attached until the returned disposable is disposed.
   */
  attachDebugger(threadId: string, interrupts: () => NodeInterruptsRequest): vscode.Disposable {
    this.debuggers.set(threadId, interrupts);
    this.find(threadId)?.session.setDebugging(true);
    return new vscode.Disposable(() => {
      if (this.debuggers.get(threadId) !== interrupts) return;
      this.debuggers.delete(threadId);
      this.find(threadId)?.session.setDebugging(false);
    });
  }

  /** Opens the thread's panel showing the thread as it was at a checkpoint. */
  openAtCheckpoint(threadId: string, checkpointId: string): void {
    void this.open(threadId).session.openAtCheckpoint(checkpointId);
  }

  dispose(): void {
    for (const panel of this.panels) panel.panel.dispose();
    this.activeChanged.dispose();
    this.posted.dispose();
    this.runEvent.dispose();
    this.runEnd.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** A change recorded elsewhere (the tree's rename or delete) reaches the thread's panel. */
  private follow(change: ThreadChange): void {
    if (change.kind === "created") return;
    const panel = this.find(change.threadId);
    if (!panel || change.origin === panel.session) return;
    if (change.kind === "deleted") panel.panel.dispose();
    else if (change.change.title !== undefined && change.change.title !== panel.session.thread.title) panel.session.applyTitle(change.change.title);
  }

  /** A session's header changed: its thread was created by the first send, retitled, or ran. */
  private report(session: ChatSession, thread: ThreadHeader, created: boolean): void {
    const threadId = thread.threadId;
    if (!threadId) return;
    const status = threadStatusOf(thread.status);
    const now = new Date().toISOString();
    if (created) {
      this.deps.store.created({ thread_id: threadId, created_at: now, updated_at: now, status: status ?? "idle", metadata: { title: thread.title } }, thread.title, session);
      return;
    }
    const known = this.deps.store.get(threadId);
    // Echoes of changes the store already has (a rename applied to the panel) are not new activity.
    if (known && known.title === thread.title && (status === undefined || status === known.status)) return;
    this.deps.store.update(threadId, { title: thread.title, status, updated_at: now }, session);
  }

  /**
   * The last input run (or saved in the JSON editor) with an assistant whose graph is not a chat, per
   * deployment and assistant: another deployment's assistant of the same id starts afresh.
   */
  lastInput(assistantId: string): string | undefined {
    return this.deps.memory.lastInput(this.inputKey(assistantId));
  }

  rememberInput(assistantId: string, input: string): void {
    this.deps.memory.rememberInput(this.inputKey(assistantId), input);
  }

  private inputKey(assistantId: string): string {
    return `${this.deps.connection.url} ${assistantId}`;
  }

  /** Graph schemas are slow to compute on the server: asked once per assistant while the window lives. */
  graphSchemas(assistantId: string): Promise<GraphSchemas> {
    let schemas = this.schemaCache.get(assistantId);
    if (!schemas) {
      schemas = this.deps.connection.gateway.assistantSchemas(assistantId);
      this.schemaCache.set(assistantId, schemas);
      schemas.catch(() => this.schemaCache.delete(assistantId));
    }
    return schemas;
  }

  private attach(webviewPanel: vscode.WebviewPanel, threadId: string | undefined, options: { title?: string; assistantId?: string }): ChatPanel {
    const { ChatPanel, ChatSession, askMultitaskStrategy } = chatPanelParts();
    // The session posts from its constructor on, before its panel exists: the panel is read when it does.
    const ref: { panel?: ChatPanel } = {};
    const session = new ChatSession(
      {
        gateway: this.deps.connection.gateway,
        describe: (error, context) => this.deps.connection.describe(error, context),
        assistants: this.deps.assistants,
        post: (message) => {
          ref.panel?.post(message);
          this.posted.fire({ threadId: session.threadId, message });
          if ((message.type === "run" || message.type === "assistants" || message.type === "snapshot") && ref.panel === this.activePanel) this.activeChanged.fire(ref.panel);
        },
        lastAssistant: (id) => this.deps.memory.lastAssistant(id),
        rememberAssistant: (id, assistantId) => this.deps.memory.rememberAssistant(id, assistantId),
        activeRun: (id) => this.deps.memory.activeRun(id),
        rememberRun: (id, runId) => this.deps.memory.rememberRun(id, runId),
        schemas: (assistantId) => this.graphSchemas(assistantId),
        lastInput: (assistantId) => this.lastInput(assistantId),
        rememberInput: (assistantId, input) => this.rememberInput(assistantId, input),
        multitaskStrategy: askMultitaskStrategy,
        runInterrupts: (id) => this.debuggers.get(id)?.(),
        streamModes: (id) => this.deps.streamModes?.(id) ?? [],
        onRunEvent: (assistantId, threadId, part, runId) => this.runEvent.fire({ assistantId, threadId, part, runId }),
        onRunEnd: (assistantId, threadId, outcome) => this.runEnd.fire({ assistantId, threadId, outcome }),
        onThreadChanged: (thread) => {
          const created = !knownThread && !!thread.threadId;
          if (thread.threadId) knownThread = thread.threadId;
          this.report(session, thread, created);
          if (created) this.live.update();
        },
      },
      threadId,
      options.title,
    );
    let knownThread = threadId;
    if (threadId && this.debuggers.has(threadId)) session.setDebugging(true);
    const chatPanel = new ChatPanel(webviewPanel, session, this.deps.extensionUri, this.deps.actions, this.deps.log);
    ref.panel = chatPanel;
    if (options.assistantId) session.selectAssistant(options.assistantId);
    this.panels.add(chatPanel);
    const panel = chatPanel;
    webviewPanel.onDidChangeViewState(() => {
      if (webviewPanel.active) this.setActive(panel);
      else if (this.activePanel === panel) this.setActive(undefined);
      this.live.update();
    });
    panel.onDidDispose(() => {
      this.panels.delete(panel);
      if (this.activePanel === panel) this.setActive(undefined);
      this.live.update();
    });
    if (webviewPanel.active) this.setActive(panel);
    // Polling starts after the first load, never alongside it.
    void session.load().finally(() => this.live.update());
    return panel;
  }

  private setActive(panel: ChatPanel | undefined): void {
    this.activePanel = panel;
    void vscode.commands.executeCommand("setContext", "langgraph.chatFocused", !!panel);
    this.activeChanged.fire(panel);
  }
}
