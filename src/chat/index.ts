/** The chat feature as other features and extension.ts see it. */
export { ChatPanelManager } from "./chatPanelManager";
export { ActiveAssistantStatusBar } from "./activeAssistantStatusBar";
export { insertAtCursor } from "./insertAtCursor";
export { runOnThread, type ThreadRunHooks, type ThreadRunRequest, type ThreadRunResult } from "./threadRun";
export { pendingInterrupt, threadInterrupt } from "./interrupts";
export { registerAttachCommand, registerInputDocuments } from "./chatRegistrations";
