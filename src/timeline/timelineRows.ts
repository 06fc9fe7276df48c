/**
 * A shown thread's checkpoint timeline and how its rows look: a bundle of its own (see esbuild.mjs), which
 * the Checkpoints view loads when it first shows a thread, so activation neither reads nor parses it.
 */
export { TimelineModel } from "./timelineModel";
export { branchItem, checkpointItem, loadMoreItem } from "./timelineItems";
