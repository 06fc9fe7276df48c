/**
 * Seeds a LangGraph server with threads made by the example assistants of test/fixtures/agents themselves
 * (for the demo and the README's screenshots), so every thread holds real runs and real states.
 */
import { Client } from "@langchain/langgraph-sdk";

/** The one assistant made besides the graphs' own: the echo agent speaking as a critic. */
const CRITIC = {
  graphId: "echo",
  name: "Critic",
  description: "The echo agent speaking as a critic (configurable.persona).",
  config: { configurable: { persona: "Critic" } },
};

/**
 * @typedef {object} SeedRun
 * @property {string} assistant  a graph id ("echo", "tools", "approval", "supervisor"), or "Critic"
 * @property {string} says  the human message the run answers
 * @property {boolean} [fails]  the run is expected to fail (the echo agent fails on "/fail")
 *
 * @typedef {{ title: string, runs: SeedRun[] }} SeedThread
 */

/**
 * Creates the Critic, then the threads in order, each with its runs one after the other; prints the
 * threads the server then lists.
 * @param {string} url
 * @param {SeedThread[]} threads
 * @param {{ say: (message: string) => void, gapMs?: number }} options  gapMs: a pause between two threads,
 *   so that their creation times (the tree's order) differ
 */
export async function seedThreads(url, threads, { say, gapMs = 0 }) {
  const client = new Client({ apiUrl: url, apiKey: null });
  const critic = await client.assistants.create(CRITIC);

  for (const [index, { title, runs }] of threads.entries()) {
    if (index > 0 && gapMs > 0) await new Promise((resolvePause) => setTimeout(resolvePause, gapMs));
    const { thread_id: threadId } = await client.threads.create({ metadata: { title } });
    for (const run of runs) {
      const byCritic = run.assistant === CRITIC.name;
      const payload = {
        input: { messages: [{ role: "human", content: run.says }] },
        ...(byCritic ? { config: critic.config } : {}),
      };
      const assistantId = byCritic ? critic.assistant_id : run.assistant;
      if (!run.fails) {
        await client.runs.wait(threadId, assistantId, payload);
        continue;
      }
      try {
        await client.runs.wait(threadId, assistantId, { ...payload, raiseError: true });
      } catch {
        // Expected: the failed run leaves the thread in the error state.
      }
    }
  }

  const seeded = await client.threads.search({ limit: 10, select: ["thread_id", "status", "metadata"] });
  for (const { status, metadata } of seeded) say(`  thread "${metadata?.title}" (${status})`);
}
