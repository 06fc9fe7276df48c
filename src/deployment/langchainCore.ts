/**
 * The parts of @langchain/core the deployment SDK imports, as one module: a chunk of its own, loaded the
 * first time the SDK uses one of them (`langchainCoreOnDemand.ts`).
 */
export {
  AIMessage,
  AIMessageChunk,
  BaseMessageChunk,
  HumanMessage,
  HumanMessageChunk,
  RemoveMessage,
  SystemMessage,
  SystemMessageChunk,
  ToolMessage,
  ToolMessageChunk,
  coerceMessageLikeToMessage,
  convertToChunk,
} from "@langchain/core/messages";
export { v7 } from "@langchain/core/utils/uuid";
