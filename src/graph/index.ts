/** The graph feature as other features and extension.ts see it. */
export { GraphPanels } from "./graphPanel";
export { registerGraphCommands } from "./graphCommands";
