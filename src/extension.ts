/**
 * Builds the extension's parts and wires them together. Nothing here talks to the deployment:
 * activation stays offline until a view or panel asks for data. Features never call each other's
 * internals: what one needs from another is passed in here, as the narrow deps each command factory
 * declares.
 */
import * as l10n from "@vscode/l10n";
import * as vscode from "vscode";
import { AssistantTreeProvider, pickAssistant, registerAssistantCommands } from "./assistants";
import { ActiveAssistantStatusBar, ChatPanelManager, insertAtCursor, registerAttachCommand, registerInputDocuments } from "./chat";
import { nodeMarkers, onDidChangeNodeMarkers, toggleNodeBreakpoint } from "./debug";
import { ApiKeyStore } from "./deployment/apiKeyStore";
import { ConnectionStatusBar } from "./deployment/connectionStatusBar";
import { registerDeploymentCommands } from "./deployment/deploymentRegistrations";
import { DeploymentConnection } from "./deployment/deploymentConnection";
import { EventLogPanels, EventLogStore, registerEventLogCommands } from "./eventLog";
import { GraphPanels, registerGraphCommands } from "./graph";
import { InboxTreeProvider, notificationScope, notificationTiming, registerInboxCommands, showThreadNotice, ThreadNotifications } from "./inbox";
import { registerLmChat, type LmChatProbe } from "./lmChat";
import type { LocalServer } from "./localServer";
import { platform } from "./platform";
import { trackWalkthroughProgress } from "./walkthrough";
import type { ExtensionParts } from "./parts";
import { perfMark } from "./panels/perfMarks";
import { FirstReadLatch } from "./common/firstReadLatch";
import { AssistantDirectory } from "./state/assistantDirectory";
import { ThreadStore } from "./state/threadStore";
import { WorkspaceMemory } from "./state/workspaceMemory";
import { registerStateCommands, registerThreadCommands, ThreadTreeProvider } from "./threads";
import { registerCompareCommands, registerTimelineCommands, registerTransferCommands, TimelineTreeProvider } from "./timeline";

export interface LangGraphThreadsApi {
  parts: ExtensionParts;
  graphs: GraphPanels;
  assistantTree: AssistantTreeProvider;
  /** What the `@langgraph` participant last wrote in VS Code's Chat view. */
  lmChat: LmChatProbe;
  inbox: InboxTreeProvider;
  /** Undefined in the web worker host, where no local server can run. */
  localServer: LocalServer | undefined;
  connectionStatus: ConnectionStatusBar;
}

export function activate(context: vscode.ExtensionContext): LangGraphThreadsApi {
  perfMark("activate.start");
  // The modules that cannot import vscode (errors, the launch plan, the debug adapter) translate with
  // @vscode/l10n: give it the bundle VS Code loaded for the display language (none for English).
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = vscode.window.createOutputChannel("LangGraph Threads", { log: true });
  const keys = new ApiKeyStore(context.secrets);
  const connection = new DeploymentConnection(keys, log);
  const assistants = new AssistantDirectory(connection.gateway);
  connection.onDidChangeClient(() => assistants.invalidate());
  const memory = new WorkspaceMemory(context.workspaceState);
  const store = new ThreadStore();
  // The side bar's views ask for rows at once; the Threads view's first page is read first.
  const firstRead = new FirstReadLatch();
  const threads = new ThreadTreeProvider(connection, assistants, store, memory, firstRead);

  let lastEditor = vscode.window.activeTextEditor;
  const graphs = new GraphPanels({
    extensionUri: context.extensionUri,
    connection,
    assistants,
    log,
    nodeBreakpoints: nodeMarkers,
    toggleBreakpoint: toggleNodeBreakpoint,
  });
  const eventLog = new EventLogStore();
  const chats = new ChatPanelManager({
    extensionUri: context.extensionUri,
    streamModes: (threadId) => eventLog.extraModes(threadId),
    connection,
    assistants,
    memory,
    store,
    log,
    actions: {
      openSettings: () => void vscode.commands.executeCommand("langgraph.openSettings"),
      setApiKey: () => void vscode.commands.executeCommand("langgraph.setApiKey"),
      showLog: () => log.show(),
      insertCode: (code) => void insertAtCursor(lastEditor, code),
      pickAssistant: async (title, currentId) => (await pickAssistant(assistants, { title, currentId }))?.assistant_id,
    },
  });
  const notifications = new ThreadNotifications({
    store,
    gateway: connection.gateway,
    scope: notificationScope,
    pinned: () => memory.pinnedThreads(),
    open: () => chats.all.flatMap((panel) => (panel.session.threadId ? [panel.session.threadId] : [])),
    isFocused: (threadId) => vscode.window.state.focused && chats.active?.session.threadId === threadId,
    notify: (notice) => showThreadNotice(notice, (threadId, title) => void chats.open(threadId, { title })),
    timing: notificationTiming,
  });

  const parts: ExtensionParts = { context, log, connection, keys, assistants, memory, store, threads, chats };
  const threadView = vscode.window.createTreeView("langgraph.threads", { treeDataProvider: threads });
  threads.attach(threadView);
  const assistantTree = new AssistantTreeProvider(assistants, connection, firstRead);
  const assistantView = vscode.window.createTreeView("langgraph.assistants", { treeDataProvider: assistantTree });
  assistantTree.attach(assistantView);
  const inbox = new InboxTreeProvider(connection, assistants, store, memory, firstRead);
  const inboxView = vscode.window.createTreeView("langgraph.inbox", { treeDataProvider: inbox });
  inbox.attach(inboxView);

  const timeline = new TimelineTreeProvider(connection, assistants);
  const timelineView = vscode.window.createTreeView("langgraph.timeline", { treeDataProvider: timeline });
  timeline.attach(timelineView);

  /** The focused chat panel's thread and assistant, for the graph commands and the Chat view. */
  const focusedChat = () => {
    const session = chats.active?.session;
    return session && { threadId: session.threadId, assistantId: session.selectedAssistantId };
  };
  const eventLogs = new EventLogPanels({ extensionUri: context.extensionUri, store: eventLog, connection, assistants, log });
  const connectionStatus = new ConnectionStatusBar(connection);
  const localServer = platform.registerLocalServer({ connection, log });
  context.subscriptions.push(
    log,
    ...localServer.disposables,
    keys,
    assistants,
    connection,
    store,
    threads,
    threadView,
    assistantTree,
    assistantView,
    inbox,
    inboxView,
    chats,
    graphs,
    // Graph views follow the runs streaming in chat panels.
    chats.onRunEvent(({ assistantId, threadId, part }) => graphs.onRunEvent(assistantId, threadId, part)),
    chats.onRunEnd(({ assistantId, threadId, outcome }) => graphs.onRunEnd(assistantId, threadId, outcome)),
    // Every event of the chat's runs goes into the event log.
    chats.onRunEvent(({ assistantId, threadId, part, runId }) => eventLog.record(threadId, assistantId, runId, part)),
    // The Checkpoints view follows runs on the thread it shows.
    chats.onRunEnd(({ threadId }) => {
      if (timeline.threadId === threadId) void timeline.refresh();
    }),
    timeline,
    timelineView,
    chats.registerSerializer(),
    ...registerAttachCommand(chats),
    ...registerInputDocuments({ chats, assistants, connection }),
    graphs.registerSerializer(),
    connectionStatus,
    notifications,
    // Pins, panels, the setting and the deployment decide which threads it watches.
    threads.onDidChangeTreeData(() => notifications.update()),
    chats.onDidChangeActive(() => notifications.update()),
    connection.onDidChangeClient(() => notifications.resume()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("langgraph.notifications.threads")) notifications.update();
      if (e.affectsConfiguration("langgraph.threads.pollIntervalSeconds")) notifications.resume();
    }),
    new ActiveAssistantStatusBar(chats, assistants, store),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor) lastEditor = editor;
    }),
    ...registerDeploymentCommands(connection, keys, log),
    ...registerThreadCommands({ threads, threadView, store, connection, assistants, openChat: (threadId, options) => chats.open(threadId, options) }),
    ...registerInboxCommands({
      inbox,
      inboxView,
      connection,
      assistants,
      memory,
      store,
      openChat: (threadId, options) => chats.open(threadId, options),
      threadRan: (threadId) => chats.refreshThread(threadId),
    }),
    ...registerAssistantCommands({
      assistants,
      memory,
      connection,
      chats: {
        active: () => chats.active?.session,
        all: () => chats.all.map((panel) => panel.session),
        open: (threadId, options) => chats.open(threadId, options).session,
      },
      refreshView: () => assistantTree.refresh(),
    }),
    ...registerStateCommands({
      connection,
      assistants,
      store,
      activeChatThread: () => chats.active?.session.threadId,
      openChatAtCheckpoint: (threadId, checkpointId) => chats.openAtCheckpoint(threadId, checkpointId),
    }),
    ...registerTimelineCommands({
      connection,
      assistants,
      store,
      timeline,
      activeChatThread: () => chats.active?.session.threadId,
      openChatAtCheckpoint: (threadId, checkpointId) => chats.openAtCheckpoint(threadId, checkpointId),
      rerunFrom: (threadId, checkpointId, assistantId) => chats.open(threadId).session.rerunFrom(checkpointId, assistantId),
    }),
    ...registerCompareCommands({ connection, store, timeline, activeChatThread: () => chats.active?.session.threadId }),
    ...registerTransferCommands({
      connection,
      store,
      activeChatThread: () => chats.active?.session.threadId,
      openThread: (threadId) => {
        chats.open(threadId);
        threads.refresh();
      },
    }),
    eventLogs,
    eventLogs.registerSerializer(),
    ...registerEventLogCommands({
      panels: eventLogs,
      activeChat: () => chats.active && { threadId: chats.active.session.threadId, title: chats.active.panel.title },
    }),
    ...registerGraphCommands({
      assistants,
      connection,
      graphs,
      activeChat: focusedChat,
      chatThreadFor: (assistantId) => chats.threadUsing(assistantId),
    }),
  );
  const lmChat = registerLmChat({
    connection,
    assistants,
    memory,
    store,
    focusedChat,
    openThread: (threadId) => chats.open(threadId),
    threadRan: (threadId) => chats.refreshThread(threadId),
    selectAssistant: (threadId, assistantId) => chats.find(threadId)?.session.selectAssistant(assistantId),
  });
  context.subscriptions.push(
    ...lmChat.disposables,
    trackWalkthroughProgress({
      onConnected: connection.onDidChangeState,
      isConnected: () => connection.state.kind === "connected",
      onDidChangeFocusedChat: chats.onDidChangeActive,
      focusedChat,
      onRunEnd: chats.onRunEnd,
      onKeysChanged: keys.onDidChange,
      hasKeyForCurrentDeployment: () => keys.get(connection.url).then(Boolean),
    }),
  );
  context.subscriptions.push(
    ...platform.registerDebugger({
      gateway: connection.gateway,
      describe: (error, errorContext) => connection.describe(error, errorContext),
      listAssistants: () => assistants.list(),
      showThread: (threadId, assistantId) => void chats.open(threadId, { assistantId }),
      threadChanged: (threadId) => chats.refreshThread(threadId),
      runEvent: (assistantId, threadId, part, runId) => {
        graphs.onRunEvent(assistantId, threadId, part);
        eventLog.record(threadId, assistantId, runId, part);
      },
      streamModes: (threadId) => eventLog.extraModes(threadId),
      runEnded: (assistantId, threadId, outcome) => graphs.onRunEnd(assistantId, threadId, outcome),
      paused: (assistantId, threadId, nodes) => graphs.setPaused(assistantId, threadId, nodes),
      attachChat: (threadId, interrupts) => chats.attachDebugger(threadId, interrupts),
      onChatRunEnd: (listener) => chats.onRunEnd(({ threadId }) => listener(threadId)),
    }),
    // The graph views show the debugger's node breakpoints as markers.
    onDidChangeNodeMarkers((markers) => graphs.setBreakpoints(markers)),
  );
  void vscode.commands.executeCommand("setContext", "langgraph.connection", connection.url ? "unchecked" : "noUrl");
  platform.startLangGraphJsonSupport(context, { log, assistants });
  perfMark("activate.end");
  return { parts, graphs, assistantTree, lmChat: lmChat.probe, inbox, localServer: localServer.server, connectionStatus };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
