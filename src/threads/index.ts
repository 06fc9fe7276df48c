/** The threads feature as other features and extension.ts see it. */
export { ThreadTreeProvider } from "./threadTreeProvider";
export { registerThreadCommands, validateThreadId, type ThreadCommandDeps } from "./threadCommands";
export { registerStateCommands, type StateCommandDeps } from "./stateCommands";
