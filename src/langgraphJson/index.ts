/** The langgraph.json support as extension.ts sees it. */
export { startLangGraphJsonSupport, type LangGraphJsonDeps } from "./langgraphJsonSupport";
