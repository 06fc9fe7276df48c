/** The graph feature as other features and extension.ts see it. */
export { GraphPanels } from "./graphPanels";
export { registerGraphCommands } from "./graphCommands";
