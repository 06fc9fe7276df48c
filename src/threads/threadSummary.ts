/** One thread without its values: listings and checks never download whole conversations. */
import type { Client, Thread, ThreadSelectField } from "@langchain/langgraph-sdk";

export const SUMMARY_FIELDS: ThreadSelectField[] = ["thread_id", "created_at", "updated_at", "metadata", "status", "config"];

export type ThreadSummary = Pick<Thread, "thread_id" | "created_at" | "updated_at" | "metadata" | "status"> & {
  config?: unknown;
};

export async function getThreadSummary(client: Client, threadId: string): Promise<ThreadSummary | undefined> {
  const [thread] = await client.threads.search({ ids: [threadId], select: SUMMARY_FIELDS, limit: 1 });
  return thread as ThreadSummary | undefined;
}
