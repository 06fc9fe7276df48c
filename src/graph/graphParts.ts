/**
 * A graph panel with its session and layout, and Show Graph that opens one: a bundle of its own (see
 * esbuild.mjs), loaded the first time a graph is shown or restored, so activation neither reads nor parses it.
 */
export { GraphPanel } from "./graphPanel";
export { graphCommandParts } from "./graphCommands";
