/**
 * The `config` sent with each run. The server merges assistant config, then the config stored on the
 * thread by earlier runs, then the run's own: without this, the next assistant would inherit the
 * previous assistant's `configurable` values. So every key the thread remembers and the chosen
 * assistant does not set is cleared explicitly.
 */
import type { DeploymentGateway } from "../deployment/gateway";
import type { AssistantRecord, RunConfig } from "../deployment/types";

/** Keys the server manages itself; clearing them would break the run. */
const SERVER_KEYS = /^(thread_id|checkpoint_id|checkpoint_ns|run_id|assistant_id|graph_id|user-agent|x-|langgraph_|__)/;

export function mergeRunConfig(assistantConfig: RunConfig | undefined, threadConfig: RunConfig | undefined): RunConfig {
  const own = { ...(assistantConfig?.configurable ?? {}) };
  const cleared: Record<string, unknown> = {};
  for (const key of Object.keys(threadConfig?.configurable ?? {})) {
    if (!(key in own) && !SERVER_KEYS.test(key)) cleared[key] = null;
  }
  return { ...(assistantConfig ?? {}), configurable: { ...cleared, ...own } };
}

/** Read fresh before every run: another client may have run another assistant on the thread since. */
export async function runConfigFor(
  gateway: Pick<DeploymentGateway, "getThread">,
  threadId: string,
  assistant: AssistantRecord | undefined | Promise<AssistantRecord | undefined>,
): Promise<RunConfig> {
  const [thread, resolved] = await Promise.all([gateway.getThread(threadId), assistant]);
  return mergeRunConfig(resolved?.config, thread?.config);
}
