/** The debugger feature as extension.ts sees it. */
export { registerDebugger } from "./debugContribution";
