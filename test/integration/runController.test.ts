import assert from "node:assert/strict";
import { createClient } from "../../src/deployment/clientFactory";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant } from "../harness/chatHarness";
import { startFaultProxy } from "../harness/faultProxy";
import { recordRuns, type RecordedRuns } from "../harness/runHarness";
import { lastAiText, until } from "../harness/wait";

const says = (text: string) => ({ messages: [{ type: "human", content: text }] });
const phases = (r: RecordedRuns) => r.views.map((v) => v.phase).filter((p, i, all) => p !== all[i - 1]);
const runOf = (r: RecordedRuns) => r.views.find((v) => v.runId)?.runId;

describe("run controller: one thread's runs against a real server", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });
  const client = () => createClient({ url: server.url });

  it("send: starting → streaming → idle, every token applied once, then settled", async () => {
    const r = recordRuns(server.url);
    const echo = await defaultAssistant(client(), "echo");
    await r.controller.start({ assistantId: echo.assistant_id, input: says("hello there"), draft: "hello there" });
    assert.deepEqual(r.states(), ["idle", "starting", "streaming", "idle"]);
    assert.deepEqual(phases(r), ["starting", "streaming", "idle"]);
    const runId = runOf(r)!;
    assert.equal(r.known.get(runId), echo.assistant_id);
    assert.equal(r.text.get(runId), await lastAiText(server.url, r.thread.id!));
    assert.deepEqual(r.settled, [undefined]);
    assert.deepEqual(r.errors.filter(Boolean), []);
  });

  it("stop: streaming → stopping → idle, and the run is cancelled on the server", async () => {
    const r = recordRuns(server.url);
    const slow = await defaultAssistant(client(), "slow");
    const running = r.controller.start({ assistantId: slow.assistant_id, input: says("count") });
    await until(() => (r.text.get(runOf(r) ?? "")?.length ?? 0) > 5);
    await r.controller.stop();
    await running;
    assert.deepEqual(r.states(), ["idle", "starting", "streaming", "stopping", "idle"]);
    assert.deepEqual(phases(r), ["starting", "streaming", "stopping", "idle"]);
    const run = await client().runs.get(r.thread.id!, runOf(r)!);
    assert.ok(["error", "interrupted"].includes(run.status), `run status ${run.status}`);
    assert.deepEqual(r.settled, [runOf(r)], "the stopped run's partial reply is kept when settling");
    assert.deepEqual(r.errors.filter(Boolean), [], "stopping is not an error");
  });

  it("interrupt: a run that waits at interrupt() leaves the thread interrupted; resuming starts from there", async () => {
    const r = recordRuns(server.url);
    const approval = await defaultAssistant(client(), "approval");
    await r.controller.start({ assistantId: approval.assistant_id, input: says("ship it") });
    assert.equal(r.controller.state, "interrupted");
    assert.deepEqual(r.states(), ["idle", "starting", "streaming", "idle", "interrupted"]);
    await r.controller.start({ assistantId: approval.assistant_id, command: { resume: { type: "accept" } } });
    assert.equal(r.controller.state, "idle");
    assert.deepEqual(r.moves.slice(4).map((m) => `${m.from} ${m.event}`), ["interrupted start", "starting created", "streaming finish"]);
    assert.equal(await lastAiText(server.url, r.thread.id!), 'Approved. Done: send "ship it".');
  });

  it("a dropped stream: streaming → rejoining → streaming, no token lost or repeated", async () => {
    const proxy = await startFaultProxy(server.url);
    try {
      const r = recordRuns(proxy.url);
      const slow = await defaultAssistant(client(), "slow");
      const running = r.controller.start({ assistantId: slow.assistant_id, input: says("count on") });
      await until(() => (r.text.get(runOf(r) ?? "")?.length ?? 0) > 5);
      proxy.cut();
      await running;
      const states = r.states();
      assert.deepEqual(states.slice(0, 3), ["idle", "starting", "streaming"]);
      assert.ok(states.join(" ").includes("streaming rejoining streaming"), states.join(" "));
      assert.equal(states.at(-1), "idle");
      assert.deepEqual(phases(r), ["starting", "streaming", "idle"], "the panel keeps showing the reply as streaming");
      const expected = await lastAiText(server.url, r.thread.id!);
      assert.ok(expected.endsWith("twenty."));
      assert.equal(r.text.get(runOf(r)!), expected);
      assert.deepEqual(r.errors.filter(Boolean), []);
    } finally {
      await proxy.close();
    }
  });

  it("a run that cannot start: starting → failed, the draft comes back, Retry sends it again", async () => {
    const thread = await client().threads.create();
    await client().threads.delete(thread.thread_id);
    const r = recordRuns(server.url, thread.thread_id);
    const echo = await defaultAssistant(client(), "echo");
    await r.controller.start({ assistantId: echo.assistant_id, input: says("keep me"), draft: "keep me" });
    assert.deepEqual(r.states(), ["idle", "starting", "failed"]);
    assert.deepEqual(r.drafts, ["keep me"]);
    assert.ok(r.errors.at(-1)?.actions.includes("retry"));
    assert.deepEqual(phases(r), ["starting", "idle"]);
    const resent: string[] = [];
    assert.equal(await r.controller.retry(async (text) => void resent.push(text)), true);
    assert.deepEqual(resent, ["keep me"]);
  });

  it("enqueue: the queued run follows the current one without the panel going idle, labelled with its own assistant", async () => {
    const r = recordRuns(server.url);
    const slow = await defaultAssistant(client(), "slow");
    const pirate = await client().assistants.create({ graphId: "echo", name: "Queue pirate", config: { configurable: { persona: "Pirate" } } });
    const first = r.controller.start({ assistantId: slow.assistant_id, input: says("first") });
    await until(() => (r.text.get(runOf(r) ?? "")?.length ?? 0) > 0);
    await r.controller.enqueue({ assistantId: pirate.assistant_id, input: says("second") }, "enqueue");
    assert.equal(r.controller.busy, true);
    await first;
    assert.deepEqual(r.states(), ["idle", "starting", "streaming", "idle", "rejoining", "streaming", "idle"]);
    assert.deepEqual(phases(r), ["starting", "streaming", "idle"], "never idle between the two runs");
    const runIds = [...new Set(r.views.flatMap((v) => (v.runId ? [v.runId] : [])))];
    assert.equal(runIds.length, 2);
    assert.equal(r.known.get(runIds[1]), pirate.assistant_id);
    assert.match(await lastAiText(server.url, r.thread.id!), /^\[Pirate\] You said: "second"/);
    const runs = await client().runs.list(r.thread.id!);
    assert.deepEqual(runs.map((run) => run.status), ["success", "success"]);
    assert.deepEqual(r.settled, [undefined], "settled once, after the queue drained");
  });
});
