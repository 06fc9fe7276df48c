/**
 * Test data on the real server. Threads are seeded with `threads.create({ supersteps })`: the server
 * writes the messages through the graph's own reducer and checkpointer, as a run would, in one request.
 */
import { randomUUID } from "node:crypto";
import type { Client } from "@langchain/langgraph-sdk";

export interface SeedMessage {
  type: "human" | "ai" | "tool";
  id: string;
  content: string;
  tool_calls?: { id: string; name: string; args: Record<string, unknown> }[];
  tool_call_id?: string;
}

const CODE = "```ts\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n```";

/**
 * A conversation in groups of four: a question, a tool call, its result, and a markdown answer (every
 * fifth one with a highlighted code block). `count` messages in all.
 */
export function conversation(count: number, from = 0): SeedMessage[] {
  const messages: SeedMessage[] = [];
  for (let i = from; messages.length < count; i++) {
    const group = Math.floor(i / 4);
    const callId = `call_${group}_${randomUUID().slice(0, 8)}`;
    switch (i % 4) {
      case 0:
        messages.push({ type: "human", id: randomUUID(), content: `Question ${group}: what is the weather in Paris on day ${group}, and how do I add two numbers?` });
        break;
      case 1:
        messages.push({ type: "ai", id: randomUUID(), content: "", tool_calls: [{ id: callId, name: "get_weather", args: { city: "Paris", day: group } }] });
        break;
      case 2: {
        const call = messages.at(-1)?.tool_calls?.[0]?.id ?? callId;
        messages.push({ type: "tool", id: randomUUID(), tool_call_id: call, content: `It is ${15 + (group % 10)}°C and sunny in Paris.` });
        break;
      }
      default:
        messages.push({
          type: "ai",
          id: randomUUID(),
          content:
            `It is **sunny** on day ${group}. To add numbers use \`add(a, b)\`; see [the docs](https://example.com/docs/${group}).\n\n` +
            `- morning: ${15 + (group % 10)}°C\n- evening: ${10 + (group % 7)}°C` +
            (group % 5 === 0 ? `\n\n${CODE}` : ""),
        });
    }
  }
  return messages;
}

/** A thread of the `echo` graph holding `messages`, written in `checkpoints` supersteps. */
export async function seedThread(client: Client, messages: SeedMessage[], checkpoints = 1): Promise<string> {
  const per = Math.ceil(messages.length / checkpoints);
  const supersteps = [];
  for (let i = 0; i < messages.length; i += per) {
    supersteps.push({ updates: [{ values: { messages: messages.slice(i, i + per) }, asNode: "agent" }] });
  }
  const thread = await client.threads.create({ graphId: "echo", metadata: { title: `Seeded ${messages.length}` }, supersteps });
  return thread.thread_id;
}

/** `total` metadata-only threads, created with at most `concurrency` requests in flight. */
export async function seedThreads(client: Client, total: number, concurrency = 8): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const n = next++;
      await client.threads.create({ metadata: { title: `Thread ${n}: ${n % 3 === 0 ? "weather" : "numbers"}`, team: n % 2 ? "red" : "blue" } });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
