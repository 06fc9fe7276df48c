/** The timeline feature (checkpoints, editing state, re-running, comparing, export) as extension.ts sees it. */
export { TimelineTreeProvider } from "./timelineTreeProvider";
export { registerCompareCommands, registerTimelineCommands } from "./timelineRegistrations";
export { registerTransferCommands } from "./transferCommands";
