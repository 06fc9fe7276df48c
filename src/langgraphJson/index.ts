/** The langgraph.json support as extension.ts sees it. */
export { startLangGraphJsonSupport } from "./langgraphJsonSupport";
