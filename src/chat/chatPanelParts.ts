/**
 * What runs once a chat panel opens (the session with its history, streaming and branches, the panel and
 * its page): a bundle of its own (see esbuild.mjs), which the panel manager loads when the first panel
 * opens or is restored, so activation neither reads nor parses it.
 */
export { ChatPanel } from "./chatPanel";
export { ChatSession } from "./chatSession";
export { askMultitaskStrategy } from "./multitaskPrompt";
