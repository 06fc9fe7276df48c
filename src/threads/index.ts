/** The threads feature as other features and extension.ts see it. */
export { ThreadTreeProvider } from "./threadTreeProvider";
export { registerStateCommands, registerThreadCommands } from "./threadCommands";
