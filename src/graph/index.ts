/** The graph feature as other features and extension.ts see it. */
export { GraphPanels, GRAPH_VIEW_TYPE } from "./graphPanel";
export { registerGraphCommands, SHOW_GRAPH_COMMAND, type GraphCommandDeps } from "./graphCommands";
