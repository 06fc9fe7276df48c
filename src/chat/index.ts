/** The chat feature as other features and extension.ts see it. */
export { ChatPanelManager } from "./chatPanelManager";
export { ActiveAssistantStatusBar } from "./activeAssistantStatusBar";
export { insertAtCursor } from "./insertAtCursor";
