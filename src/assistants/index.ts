/** The assistants feature as other features and extension.ts see it. */
export { pickAssistant } from "./assistantPicker";
export { registerAssistantCommands } from "./assistantRegistrations";
export { AssistantTreeProvider } from "./assistantTreeProvider";
