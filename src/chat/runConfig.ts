/**
 * The `config` sent with each run. The server merges assistant config, then the config stored on the
 * thread by earlier runs, then the run's own: without this, the next assistant would inherit the
 * previous assistant's `configurable` values. So every key the thread remembers and the chosen
 * assistant does not set is cleared explicitly.
 */
import type { Assistant, Client, Config } from "@langchain/langgraph-sdk";
import { getThreadSummary } from "../threads/threadSummary";

/** Keys the server manages itself; clearing them would break the run. */
const SERVER_KEYS = /^(thread_id|checkpoint_id|checkpoint_ns|run_id|assistant_id|graph_id|user-agent|x-|langgraph_|__)/;

export function mergeRunConfig(assistantConfig: Config | undefined, threadConfig: Config | undefined): Config {
  const own = { ...(assistantConfig?.configurable ?? {}) } as Record<string, unknown>;
  const cleared: Record<string, unknown> = {};
  for (const key of Object.keys(threadConfig?.configurable ?? {})) {
    if (!(key in own) && !SERVER_KEYS.test(key)) cleared[key] = null;
  }
  return { ...(assistantConfig ?? {}), configurable: { ...cleared, ...own } };
}

/** Read fresh before every run: another client may have run another assistant on the thread since. */
export async function runConfigFor(client: Client, threadId: string, assistant: Assistant | undefined | Promise<Assistant | undefined>): Promise<Config> {
  const [thread, resolved] = await Promise.all([getThreadSummary(client, threadId), assistant]);
  return mergeRunConfig(resolved?.config, thread?.config as Config | undefined);
}
