import assert from "node:assert/strict";
import { EventLogStore } from "../../src/eventLog/eventLogStore";
import { adapter, start, stopped } from "../harness/debugAdapterSession";
import { testServer } from "../harness/rootHooks";

describe("the event log of a debugged run, against a real server", () => {
  it("records each stretch of the run as the server run it is, with the modes the thread's open log picked", async () => {
    const server = await testServer();
    const eventLog = new EventLogStore();
    const { client, gateway } = adapter(server.url, { eventLog });
    const thread = await gateway.createThread({});
    eventLog.pick(thread.thread_id, ["values", "updates", "debug"]);
    eventLog.setOpen(thread.thread_id, true);

    await start(client, { assistant: "tools", message: "weather in Oslo", threadId: thread.thread_id }, { functions: ["tools"] });
    await stopped(client, 0);
    const end = client.received.length;
    assert.ok((await client.request("continue", { threadId: 1 })).success);
    await client.event("terminated", end);

    const serverRuns = await gateway.listRuns(thread.thread_id, 10);
    const logged = eventLog.runs(thread.thread_id);
    assert.equal(serverRuns.length, 2, "the stop before tools split the run in two");
    assert.deepEqual(logged.map((run) => run.runId).sort(), serverRuns.map((run) => run.run_id).sort(), "one log per server run, named by its id");
    // langgraph-api 2 fails a run that streams values with subgraphs: the gateway leaves values out there.
    const valuesStreamed = server.version.startsWith("1.");
    for (const run of logged) {
      const modes = new Set(run.events.map((event) => event.event.split("|")[0]));
      for (const mode of ["updates", "debug"]) assert.ok(modes.has(mode), `${run.runId} has ${mode} events: ${[...modes].join(", ")}`);
      assert.equal(modes.has("values"), valuesStreamed, `${run.runId} streams values only where the server allows it: ${[...modes].join(", ")}`);
    }
    const [first] = logged;
    assert.ok(first.events.some((event) => event.event === "updates" && JSON.stringify(event.data).includes("agent")), "the first stretch ran the agent");
  });

  it("streams only the debugger's own modes while no log of the thread is open", async () => {
    const server = await testServer();
    const eventLog = new EventLogStore();
    const { client, gateway } = adapter(server.url, { eventLog });
    const thread = await gateway.createThread({});
    await start(client, { assistant: "tools", message: "weather in Rome", threadId: thread.thread_id });
    await client.event("terminated");
    const events = eventLog.runs(thread.thread_id).flatMap((run) => run.events.map((event) => event.event.split("|")[0]));
    assert.ok(events.includes("updates"), "the run was recorded");
    assert.deepEqual(
      events.filter((mode) => mode === "debug" || mode === "checkpoints" || mode === "tasks"),
      [],
      "no extra modes were asked for",
    );
  });
});
