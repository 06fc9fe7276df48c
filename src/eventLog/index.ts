/** The event log feature as extension.ts sees it. */
export { EventLogStore } from "./eventLogStore";
export { EventLogPanels } from "./eventLogPanel";
export { registerEventLogCommands } from "./eventLogCommands";
