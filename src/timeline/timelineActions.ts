/**
 * What the Checkpoints view's commands and comparisons do, with the checkpoint and comparison documents
 * behind them: a bundle of its own (see esbuild.mjs), loaded by timelineRegistrations.ts on first use.
 */
export { timelineCommandParts } from "./timelineCommands";
export { compareCommandParts } from "./compareCommands";
