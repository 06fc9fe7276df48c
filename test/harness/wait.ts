/** Small waits and reads shared by the integration tests. */
import { createClient } from "../../src/deployment/clientFactory";

/** Polls until `check` holds; fails the test after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The text of the thread's last AI message, as the server has it. */
export async function lastAiText(url: string, threadId: string): Promise<string> {
  const state = await createClient({ url }).threads.getState(threadId);
  const messages = (state.values as { messages: { type: string; content: string }[] }).messages.filter((m) => m.type === "ai");
  return messages[messages.length - 1].content;
}
