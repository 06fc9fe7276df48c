/**
 * The participant and the tools behind their registrations: a bundle of its own (see esbuild.mjs), which
 * index.ts loads the first time VS Code's Chat view or a language model calls one of them, so activation
 * neither reads nor parses it.
 */
import { Conversation, type LmChatDeps } from "./conversation";
import { LangGraphParticipant } from "./participant";
import { LangGraphTools } from "./tools";

export interface LmChatParts {
  participant: LangGraphParticipant;
  tools: LangGraphTools;
}

export function createLmChatParts(deps: LmChatDeps): LmChatParts {
  const conversation = new Conversation(deps);
  return { participant: new LangGraphParticipant(conversation), tools: new LangGraphTools(conversation) };
}
