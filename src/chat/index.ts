/** The chat feature as other features and extension.ts see it. */
export { ChatPanelManager, type ChatPanelManagerDeps, type ChatRunEnd, type ChatRunEvent } from "./chatPanelManager";
export { CHAT_VIEW_TYPE, type ChatPanelActions } from "./chatPanel";
export { ActiveAssistantStatusBar } from "./activeAssistantStatusBar";
export { insertAtCursor } from "./insertAtCursor";
