/** The desktop (Node) extension host: every feature runs. */
import { registerDebugger } from "../debug/debugContribution";
import { startLangGraphJsonSupport } from "../langgraphJson";
import { registerLocalServer } from "../localServer";
import type { Platform } from "./platform";

export const platform: Platform = { registerLocalServer, startLangGraphJsonSupport, registerDebugger };
