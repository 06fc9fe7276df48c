/**
 * The debugger feature as extension.ts sees it. Its debug type itself (`registerDebugger`, in
 * ./debugContribution) is wired by src/platform/node.ts alone: the debug adapter library needs Node.
 */
export { nodeMarkers, onDidChangeNodeMarkers, toggleNodeBreakpoint } from "./graphBreakpoints";
