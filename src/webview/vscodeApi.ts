/** The chat page's seam to VS Code (see `WebviewHostApi`). */
import { acquireWebviewHostApi, type WebviewHostApi } from "../common/webviewHostApi";
import type { WebviewPersistedState, WebviewToHost } from "../protocol/chatProtocol";
import { readAttachments } from "./attachmentTray";

export type HostApi = WebviewHostApi<WebviewToHost, WebviewPersistedState>;

export function acquireHostApi(): HostApi {
  return acquireWebviewHostApi(readPersistedState);
}

/** Saved state comes back from an older page: only trust the fields it should have. */
function readPersistedState(value: unknown): WebviewPersistedState | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { draft, threadId, attachments } = value as { draft?: unknown; threadId?: unknown; attachments?: unknown };
  const files = readAttachments(attachments);
  return {
    draft: typeof draft === "string" ? draft : "",
    ...(typeof threadId === "string" ? { threadId } : {}),
    ...(files.length ? { attachments: files } : {}),
  };
}
