/** The graph feature as other features and extension.ts see it. */
export { GraphPanels, registerGraphCommands } from "./graphPanels";
