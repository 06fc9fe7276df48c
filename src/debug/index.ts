/** The debugger feature as extension.ts sees it. */
export { registerDebugger } from "./debugContribution";
export { nodeMarkers, onDidChangeNodeMarkers, toggleNodeBreakpoint } from "./graphBreakpoints";
