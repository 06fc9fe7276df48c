/**
 * Paths of assistant documents. An assistant's tab is titled by its name (`/<id>/<name>.json`); the
 * id is what the document edits. `/<id>.json` is read too. A new one is `/new/<graph>.json`.
 */

import { labelText } from "../common/untrustedText";

export type AssistantTarget = { kind: "new"; graphId: string } | { kind: "existing"; assistantId: string };

export function newAssistantPath(graphId: string): string {
  return `/new/${encodeURIComponent(graphId)}.json`;
}

export function assistantPath(assistantId: string, name?: string): string {
  return name === undefined ? `/${assistantId}.json` : `/${assistantId}/${fileNameOf(name)}.json`;
}

export function parseAssistantPath(path: string): AssistantTarget | undefined {
  const fresh = path.match(/^\/new\/([^/]+)\.json$/);
  if (fresh) return { kind: "new", graphId: decodeURIComponent(fresh[1]) };
  const existing = path.match(/^\/([^/]+)(?:\.json|\/[^/]+\.json)$/);
  if (existing && existing[1] !== "new") return { kind: "existing", assistantId: existing[1] };
  return undefined;
}

/**
 * A name as one path segment a tab can show: no separators, nothing a file name may not hold, no
 * control or bidi characters (a name is untrusted text), and not so long it crowds the tab bar.
 */
export function fileNameOf(name: string): string {
  const cleaned = labelText(name)
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
    .replace(/[/\\:*?"<>|]/g, "_")
    .trim()
    .replace(/^\.+/, "")
    .slice(0, 60)
    .trim();
  return cleaned || "assistant";
}
