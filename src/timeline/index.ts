/** The timeline feature (checkpoints, editing state, re-running, comparing, export) as extension.ts sees it. */
export { TimelineTreeProvider } from "./timelineTreeProvider";
export { registerTimelineCommands } from "./timelineCommands";
export { registerCompareCommands } from "./compareCommands";
export { registerTransferCommands } from "./transferCommands";
