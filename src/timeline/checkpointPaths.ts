/**
 * Paths of checkpoint documents: `/<thread>/<checkpoint>/<title>.json` edits the state at a checkpoint
 * (the title only names the tab), `/schema/<thread>/<checkpoint>.json` is the schema it is checked against.
 */

export type CheckpointTarget = { kind: "state" | "schema"; threadId: string; checkpointId: string };

const SEGMENT = "[0-9a-zA-Z-]+";

export function statePath(threadId: string, checkpointId: string, title: string): string {
  return `/${threadId}/${checkpointId}/${fileNameOf(title)}.json`;
}

export function schemaPath(threadId: string, checkpointId: string): string {
  return `/schema/${threadId}/${checkpointId}.json`;
}

export function parseCheckpointPath(path: string): CheckpointTarget | undefined {
  const schema = path.match(new RegExp(`^/schema/(${SEGMENT})/(${SEGMENT})\\.json$`));
  if (schema) return { kind: "schema", threadId: schema[1], checkpointId: schema[2] };
  const state = path.match(new RegExp(`^/(${SEGMENT})/(${SEGMENT})/[^/]+\\.json$`));
  if (state && state[1] !== "schema") return { kind: "state", threadId: state[1], checkpointId: state[2] };
  return undefined;
}

/** A title as one file-name segment: nothing a file name may not hold. */
function fileNameOf(title: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const cleaned = title.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "").replace(/[/\\:*?"<>|]/g, "_").trim();
  return cleaned.slice(0, 60) || "state";
}
