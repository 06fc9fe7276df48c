import assert from "node:assert/strict";
import { createClient } from "../../src/deployment/clientFactory";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { runOnThread } from "../../src/chat/threadRun";
import { AssistantDirectory } from "../../src/state/assistantDirectory";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant } from "../harness/chatHarness";
import { lastAiText, until } from "../harness/wait";

describe("a run followed without a panel (Chat view, language model tools)", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });
  const deps = () => {
    const gateway = DeploymentGateway.to({ url: server.url });
    return { gateway, assistants: new AssistantDirectory(gateway) };
  };

  it("streams the reply as text, and returns the reply the thread keeps", async () => {
    const client = createClient({ url: server.url });
    const echo = await defaultAssistant(client, "echo");
    const thread = await client.threads.create();
    let streamed = "";
    let runId: string | undefined;
    const result = await runOnThread(deps(), { threadId: thread.thread_id, assistantId: echo.assistant_id, message: "hello" }, {
      onText: (text) => (streamed += text),
      onRunCreated: (id) => (runId = id),
    });
    assert.equal(result.status, "success");
    assert.equal(result.runId, runId);
    assert.equal(result.reply, await lastAiText(server.url, thread.thread_id));
    assert.equal(streamed, result.reply);
    assert.match(result.reply, /You said: "hello"/);
  });

  it("a run stopped at interrupt() returns the request's description; resuming answers it", async () => {
    const client = createClient({ url: server.url });
    const approval = await defaultAssistant(client, "approval");
    const thread = await client.threads.create();
    const first = await runOnThread(deps(), { threadId: thread.thread_id, assistantId: approval.assistant_id, message: "the report" });
    assert.equal(first.status, "interrupted");
    assert.equal(first.interrupt?.request?.description, 'Approve: send "the report"?');
    const second = await runOnThread(deps(), { threadId: thread.thread_id, assistantId: approval.assistant_id, resume: { type: "accept" } });
    assert.equal(second.status, "success");
    assert.match(second.reply, /Approved\. Done/);
    assert.doesNotMatch(second.reply, /Waiting for approval/, "only what this run added");
  });

  it("aborting stops following; the caller cancels the run on the server", async () => {
    const client = createClient({ url: server.url });
    const slow = await defaultAssistant(client, "slow");
    const thread = await client.threads.create();
    const abort = new AbortController();
    const d = deps();
    let runId: string | undefined;
    let streamed = "";
    const running = runOnThread(d, { threadId: thread.thread_id, assistantId: slow.assistant_id, message: "count" }, {
      signal: abort.signal,
      onRunCreated: (id) => (runId = id),
      onText: (text) => (streamed += text),
    });
    await until(() => streamed.length > 5);
    abort.abort();
    await d.gateway.cancelRun(thread.thread_id, runId!);
    const result = await running;
    assert.equal(result.status, "cancelled");
    let status = "running";
    for (let i = 0; i < 100 && (status === "running" || status === "pending"); i++) {
      status = (await client.runs.get(thread.thread_id, runId!)).status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(status === "interrupted" || status === "error", status);
  });
});
