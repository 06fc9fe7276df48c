/** Opens a thread's panel from a link in the Chat view (reply.ts writes the links, index.ts registers it). */
export const OPEN_THREAD_COMMAND = "langgraph.lmChat.openThread";
