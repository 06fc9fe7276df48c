/** The graph page's seam to VS Code (see `WebviewHostApi`). */
import { acquireWebviewHostApi, type WebviewHostApi } from "../common/webviewHostApi";
import { readGraphPersistedState, type GraphPersistedState, type GraphWebviewToHost } from "../protocol/graphProtocol";

export type GraphHostApi = WebviewHostApi<GraphWebviewToHost, GraphPersistedState>;

export function acquireGraphHostApi(): GraphHostApi {
  return acquireWebviewHostApi(readGraphPersistedState);
}
