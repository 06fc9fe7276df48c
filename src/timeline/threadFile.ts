/**
 * A thread saved to a file: one line of its checkpoints (the head line, or a branch) as supersteps (what each node wrote, in
 * order), the thread's metadata and graph, and its final state to check an import against. Checked
 * with valibot before anything is created: a file that does not validate is refused with the reason.
 */
import * as l10n from "@vscode/l10n";
import * as v from "valibot";
import type { Superstep } from "../deployment/types";

export const THREAD_FILE_FORMAT = "langgraph-thread";

const update = v.object({ as_node: v.pipe(v.string(), v.minLength(1)), values: v.unknown() });

const threadFile = v.object({
  format: v.literal(THREAD_FILE_FORMAT),
  version: v.literal(1),
  graph_id: v.pipe(v.string(), v.minLength(1)),
  metadata: v.record(v.string(), v.unknown()),
  /** Where it came from; `checkpoint_id` names the last checkpoint exported when it was not the thread's head. */
  source: v.optional(v.object({ url: v.optional(v.string()), thread_id: v.optional(v.string()), checkpoint_id: v.optional(v.string()) })),
  exported_at: v.optional(v.string()),
  supersteps: v.pipe(v.array(v.object({ updates: v.pipe(v.array(update), v.minLength(1)) })), v.minLength(1)),
  head: v.object({
    values: v.unknown(),
    next: v.array(v.string()),
    /** Requests the thread waited on: supersteps replay what nodes wrote, not a pending `interrupt()`. */
    interrupts: v.optional(v.array(v.object({ node: v.string(), value: v.unknown() })), []),
  }),
});

export type ThreadFile = v.InferOutput<typeof threadFile> & { supersteps: Superstep[] };

/** The file's content as a thread file, or an Error that says what is wrong and where. */
export function parseThreadFile(text: string): ThreadFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(l10n.t("The file is not valid JSON: {0}", (error as Error).message), { cause: error });
  }
  const result = v.safeParse(threadFile, value);
  if (!result.success) {
    const issue = result.issues[0];
    throw new Error(l10n.t("The file is not an exported LangGraph thread: {0}: {1}", v.getDotPath(issue) ?? "(root)", issue.message));
  }
  return result.output;
}

export function formatThreadFile(file: ThreadFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
