import assert from "node:assert/strict";
import { createServer } from "node:net";
import type { Client } from "@langchain/langgraph-sdk";
import { createClient } from "../../src/deployment/clientFactory";
import { isAlreadyAnswered, mapError } from "../../src/deployment/errorMapping";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { InboxFeed } from "../../src/inbox/inboxFeed";
import { interruptKey } from "../../src/inbox/inboxModel";
import { answerInterrupt } from "../../src/inbox/interruptAnswer";
import { AssistantDirectory } from "../../src/state/assistantDirectory";
import { pendingInterrupt, threadInterrupt } from "../../src/chat/interrupts";
import { runOnThread } from "../../src/chat/threadRun";
import { defaultAssistant } from "../harness/chatHarness";
import { startHttpFaultProxy, type HttpFaultProxy } from "../harness/httpFaultProxy";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { lastAiText, until } from "../harness/wait";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe("Needs Input: threads another client leaves at an interrupt", () => {
  let server: LangGraphServer;
  /** The second SDK client: "another client" of the same deployment (a teammate, Studio, production). */
  let other: Client;
  let approvalId: string;
  const feeds: InboxFeed[] = [];
  let ignored: Record<string, string>;

  beforeEach(async () => {
    server = await testServer();
    other = createClient({ url: server.url });
    approvalId = (await defaultAssistant(other, "approval")).assistant_id;
    ignored = {};
  });
  afterEach(() => {
    for (const feed of feeds.splice(0)) feed.dispose();
  });

  const feedAt = (url: string, intervalMs = 60_000, gateway = DeploymentGateway.to({ url, retry: { baseDelayMs: 20 } })) => {
    const feed = new InboxFeed({
      gateway,
      describe: (error) => mapError(error, { url, operation: "list the threads that need input" }),
      pageSize: () => 2,
      ignored: () => ignored,
      interruptOf: threadInterrupt,
      timing: () => ({ intervalMs }),
    });
    feeds.push(feed);
    return feed;
  };

  /** The other client starts a run that stops at the approval graph's interrupt. */
  const interruptedThread = async (text: string, title = text) => {
    const thread = await other.threads.create({ metadata: { title } });
    await other.runs.wait(thread.thread_id, approvalId, { input: { messages: [{ type: "human", content: text }] } });
    return thread.thread_id;
  };

  /** What the inbox's Approve runs on, as extension.ts wires it. */
  const answerDeps = () => {
    const gateway = DeploymentGateway.to({ url: server.url });
    const assistants = new AssistantDirectory(gateway);
    return {
      gateway,
      pendingInterrupt,
      run: (request: Parameters<typeof runOnThread>[1], hooks: Parameters<typeof runOnThread>[2]) => runOnThread({ gateway, assistants }, request, hooks),
      defaultAssistant: async (graphId: string) => (await assistants.defaultFor(graphId))?.assistant_id,
    };
  };

  it("a thread another client interrupts appears with its request, graph and assistant, and a badge of 1", async () => {
    const feed = feedAt(server.url);
    await feed.refresh();
    assert.equal(feed.model.entries.length, 0);
    assert.equal(feed.badge, undefined, "no badge while nothing waits");

    const threadId = await interruptedThread("the report", "Quarterly report");
    await feed.refresh();
    const [entry] = feed.model.entries;
    assert.equal(feed.model.entries.length, 1);
    assert.equal(entry.threadId, threadId);
    assert.equal(entry.title, "Quarterly report");
    assert.equal(entry.graphId, "approval");
    assert.equal(entry.assistantId, approvalId);
    assert.equal(entry.interrupt.request?.description, 'Approve: send "the report"?');
    assert.ok(entry.interrupt.id, "the interrupt's id tells it from the next one");
    assert.deepEqual(feed.badge, { value: 1, tooltip: "1 thread needs input" });
  });

  it("lists newest first, a page at a time, and the badge says when there are more", async () => {
    const first = await interruptedThread("one");
    const second = await interruptedThread("two");
    const third = await interruptedThread("three");
    const feed = feedAt(server.url);
    await feed.refresh();
    assert.deepEqual(
      feed.model.entries.map((e) => e.threadId),
      [third, second],
    );
    assert.equal(feed.model.hasMore, true);
    assert.equal(feed.badge?.tooltip, "2 or more threads need input");
    await feed.loadMore();
    assert.deepEqual(
      feed.model.entries.map((e) => e.threadId),
      [third, second, first],
    );
    assert.equal(feed.model.hasMore, false);
    assert.equal(feed.badge?.value, 3);
  });

  it("approving from the inbox resumes the run on the server to its end", async () => {
    const threadId = await interruptedThread("the invoice");
    const feed = feedAt(server.url);
    await feed.refresh();
    const entry = feed.model.take(threadId);
    assert.ok(entry);
    assert.equal(feed.model.entries.length, 0, "the row leaves at once");
    assert.equal(feed.badge, undefined);

    const result = await answerInterrupt(answerDeps(), { threadId, interruptId: entry.interrupt.id, assistantId: entry.assistantId }, { type: "accept" });
    feed.model.answered(threadId);
    assert.equal(result.status, "success");
    assert.match(await lastAiText(server.url, threadId), /^Approved\. Done: send "the invoice"\.$/);
    assert.equal((await other.threads.get(threadId)).status, "idle");
    await feed.refresh();
    assert.equal(feed.model.entries.length, 0, "the server no longer lists it");
  });

  it("answering an interrupt the other client already resumed is refused, and nothing is sent twice", async () => {
    const threadId = await interruptedThread("the contract");
    const feed = feedAt(server.url);
    await feed.refresh();
    const [entry] = feed.model.entries;
    // The other client answers first and its run finishes.
    await other.runs.wait(threadId, approvalId, { command: { resume: { type: "ignore" } } });

    await assert.rejects(
      answerInterrupt(answerDeps(), { threadId, interruptId: entry.interrupt.id, assistantId: entry.assistantId, title: entry.title }, { type: "accept" }),
      (error: unknown) => {
        assert.ok(isAlreadyAnswered(error));
        assert.equal(mapError(error).message, "“the contract” was already answered elsewhere: its run has resumed, so this answer was not sent.");
        return true;
      },
    );
    const runs = await other.runs.list(threadId, { limit: 10 });
    assert.equal(runs.length, 2, "the first run and the other client's resume: no third");
    assert.match(await lastAiText(server.url, threadId), /^Rejected\./, "the other client's answer stands");
  });

  it("an answer sent while the other client's resumed run is going is refused, not run twice", async () => {
    const threadId = await interruptedThread("the memo");
    const feed = feedAt(server.url);
    await feed.refresh();
    const [entry] = feed.model.entries;
    // Their resume waits two seconds before it starts, so it is surely still going when the answer is sent.
    const theirs = await other.runs.create(threadId, approvalId, { command: { resume: { type: "ignore" } }, afterSeconds: 2 });
    await assert.rejects(
      answerInterrupt(answerDeps(), { threadId, interruptId: entry.interrupt.id, assistantId: entry.assistantId }, { type: "accept" }),
      (error: unknown) => isAlreadyAnswered(error),
    );
    await other.runs.join(threadId, theirs.run_id);
    const runs = await other.runs.list(threadId, { limit: 10 });
    assert.equal(runs.length, 2, "only the first run and the other client's resume");
    assert.match(await lastAiText(server.url, threadId), /^Rejected\./);
  });

  it("an ignored thread stays hidden until it waits on another interrupt", async () => {
    const threadId = await interruptedThread("the email");
    const feed = feedAt(server.url);
    await feed.refresh();
    const [entry] = feed.model.entries;
    ignored[threadId] = interruptKey(entry);
    await feed.refresh();
    assert.equal(feed.model.entries.length, 0);
    assert.equal(feed.badge, undefined);

    // The other client answers, then asks again: a new interrupt on the same thread.
    await other.runs.wait(threadId, approvalId, { command: { resume: { type: "accept" } } });
    await other.runs.wait(threadId, approvalId, { input: { messages: [{ type: "human", content: "the follow-up" }] } });
    await feed.refresh();
    assert.equal(feed.model.entries.length, 1);
    assert.equal(feed.model.entries[0].interrupt.request?.description, 'Approve: send "the follow-up"?');
  });

  describe("polling, read from the server's request log", () => {
    let proxy: HttpFaultProxy;
    beforeEach(async () => {
      proxy = await startHttpFaultProxy(server.url);
    });
    afterEach(async () => {
      await proxy.close();
    });
    const searches = () => proxy.received.filter((r) => r.startsWith("POST /threads/search")).length;

    it("polls while visible, at most once per interval, and stops while hidden", async () => {
      const intervalMs = 150;
      const feed = feedAt(proxy.url, intervalMs);
      feed.setVisible(true);
      await until(() => searches() >= 2, 5_000);
      const visibleFor = Date.now();
      await sleep(1_000);
      const perInterval = searches() / ((Date.now() - visibleFor + intervalMs) / intervalMs);
      assert.ok(perInterval <= 1, `at most one request per interval (${perInterval.toFixed(2)})`);

      feed.setVisible(false);
      await sleep(50);
      const hiddenAt = searches();
      await sleep(1_000);
      assert.equal(searches(), hiddenAt, "no request while hidden");
      assert.equal(feed.polling, false);

      const threadId = await interruptedThread("while hidden");
      feed.setVisible(true);
      await until(() => feed.model.entries.some((e) => e.threadId === threadId), 5_000);
      assert.ok(searches() > hiddenAt, "shown again: it reads at once");
    });

    it("backs off while nothing changes, and is quick again after a change", async () => {
      const intervalMs = 100;
      const feed = feedAt(proxy.url, intervalMs);
      feed.setVisible(true);
      await sleep(2_000);
      const idle = searches();
      // Waits of 100, 150, 225, 337, 400, 400… ms: far fewer than one per 100 ms.
      assert.ok(idle >= 3 && idle <= 10, `backed off while idle (${idle} requests in 2 s)`);
      await interruptedThread("now");
      await until(() => feed.model.entries.length === 1, 5_000);
    });
  });

  it("a server that cannot be reached is one problem and no more requests, until Retry", async () => {
    const url = `http://127.0.0.1:${await unusedPort()}`;
    const real = DeploymentGateway.to({ url, retry: { baseDelayMs: 5 } });
    let asked = 0;
    const counting = { searchThreads: (query: Parameters<DeploymentGateway["searchThreads"]>[0]) => (asked++, real.searchThreads(query)) };
    const feed = feedAt(url, 50, counting as unknown as DeploymentGateway);
    feed.setVisible(true);
    await until(() => feed.model.error !== undefined, 10_000);
    assert.equal(feed.model.error?.kind, "unreachable");
    assert.match(feed.model.error?.message ?? "", /^Could not list the threads that need input: Cannot reach http:\/\/127\.0\.0\.1:\d+\. Is the server running\?/);
    assert.equal(feed.badge, undefined);
    await until(() => !feed.polling, 2_000);
    const after = asked;
    await sleep(500);
    assert.equal(asked, after, "polling stopped: no request while the server is down");

    await feed.refresh();
    assert.equal(asked, after + 1, "Retry asks once");
    assert.equal(feed.model.error?.kind, "unreachable");
  });
});
