import assert from "node:assert/strict";
import type { Client } from "@langchain/langgraph-sdk";
import { createClient } from "../../src/deployment/clientFactory";
import { DeploymentGateway } from "../../src/deployment/gateway";
import { ThreadNotifications, type NotificationScope, type ThreadNotice } from "../../src/inbox/threadNotifications";
import { ThreadStore } from "../../src/state/threadStore";
import { defaultAssistant } from "../harness/chatHarness";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { until } from "../harness/wait";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("thread notifications: a watched thread that another client runs", () => {
  let server: LangGraphServer;
  /** "Another client": a teammate, Studio or production traffic on the same deployment. */
  let other: Client;
  let approvalId: string;
  let notifications: ThreadNotifications | undefined;

  beforeEach(async () => {
    server = await testServer();
    other = createClient({ url: server.url });
    approvalId = (await defaultAssistant(other, "approval")).assistant_id;
  });
  afterEach(() => notifications?.dispose());

  interface Watch {
    notices: ThreadNotice[];
    requests(): number;
    store: ThreadStore;
    notifications: ThreadNotifications;
  }

  /** `answered` runs when a poll has the server's answer, before the watcher reads it. */
  function watch(options: { scope: NotificationScope; pinned?: string[]; open?: string[]; focused?: string; answered?: () => Promise<void> }): Watch {
    let requests = 0;
    const notices: ThreadNotice[] = [];
    const store = new ThreadStore();
    const gateway = DeploymentGateway.to({ url: server.url, onRequest: () => requests++ });
    notifications = new ThreadNotifications({
      store,
      gateway: {
        searchThreads: async (query) => {
          const threads = await gateway.searchThreads(query);
          await options.answered?.();
          return threads;
        },
      },
      scope: () => options.scope,
      pinned: () => options.pinned ?? [],
      open: () => options.open ?? [],
      isFocused: (threadId) => threadId === options.focused,
      notify: (notice) => notices.push(notice),
      timing: () => ({ intervalMs: 50, maxIntervalMs: 50 }),
    });
    return { notices, requests: () => requests, store, notifications };
  }

  const ask = (threadId: string, content: string) => other.runs.wait(threadId, approvalId, { input: { messages: [{ type: "human", content }] } });

  it("a pinned thread, with no panel or view open, is heard waiting at an interrupt and then finishing", async () => {
    const thread = await other.threads.create({ metadata: { title: "the contract" } });
    const w = watch({ scope: "pinned", pinned: [thread.thread_id] });
    assert.ok(w.notifications.polling, "a pinned thread is watched even with its panel closed");
    await until(() => w.requests() > 0);
    await ask(thread.thread_id, "sign the contract");
    await until(() => w.notices.length === 1);
    assert.deepEqual(w.notices[0], { kind: "interrupted", threadId: thread.thread_id, title: "the contract" });

    await other.runs.wait(thread.thread_id, approvalId, { command: { resume: { type: "accept" } } });
    await until(() => w.notices.length === 2);
    assert.equal(w.notices[1].kind, "finished");
    await sleep(300);
    assert.equal(w.notices.length, 2, "each change is told once");
  });

  it("a run that fails is told as an error", async () => {
    const pipelineId = (await defaultAssistant(other, "pipeline")).assistant_id;
    const thread = await other.threads.create();
    const w = watch({ scope: "pinned", pinned: [thread.thread_id] });
    await until(() => w.requests() > 0);
    // No `document`: the graph's first node fails on the server.
    await other.runs.wait(thread.thread_id, pipelineId, { input: {} }).catch(() => undefined);
    assert.equal((await other.threads.get(thread.thread_id)).status, "error");
    await until(() => w.notices.length === 1);
    assert.equal(w.notices[0].kind, "error");
    assert.equal(w.notices[0].title, undefined, "an untitled thread: the notification names it by id");
  });

  it("open threads are watched only when the setting says so; a focused panel's thread is never told", async () => {
    const open = await other.threads.create({ metadata: { title: "open one" } });
    const focused = await other.threads.create({ metadata: { title: "focused one" } });
    const w = watch({ scope: "openOrPinned", open: [open.thread_id, focused.thread_id], focused: focused.thread_id });
    await until(() => w.requests() > 0);
    await Promise.all([ask(open.thread_id, "one"), ask(focused.thread_id, "two")]);
    await until(() => w.notices.length === 1);
    await sleep(300);
    assert.deepEqual(
      w.notices.map((n) => n.title),
      ["open one"],
    );

    notifications?.dispose();
    const pinnedOnly = watch({ scope: "pinned", open: [open.thread_id] });
    assert.equal(pinnedOnly.notifications.polling, false, "open but not pinned: nothing watched under the default setting");
  });

  it("with the setting off, or nothing watched, no request is made", async () => {
    const thread = await other.threads.create();
    const off = watch({ scope: "off", pinned: [thread.thread_id] });
    await sleep(300);
    assert.equal(off.requests(), 0);
    assert.equal(off.notifications.polling, false);
    notifications?.dispose();

    const none = watch({ scope: "openOrPinned" });
    await sleep(300);
    assert.equal(none.requests(), 0);
  });

  it("statuses heard from elsewhere (a panel's own run, a view's poll) are told the same way, once", async () => {
    const thread = await other.threads.create({ metadata: { title: "from the store" } });
    const w = watch({ scope: "pinned", pinned: [thread.thread_id] });
    await until(() => w.requests() > 0);
    w.store.update(thread.thread_id, { status: "busy" });
    await ask(thread.thread_id, "approve this");
    w.store.update(thread.thread_id, { status: "interrupted" });
    await sleep(300);
    assert.deepEqual(
      w.notices.map((n) => n.kind),
      ["interrupted"],
    );
  });

  it("a poll's answer that was on its way while a status was heard elsewhere does not undo that status", async () => {
    const thread = await other.threads.create({ metadata: { title: "overtaken" } });
    let release: (() => void) | undefined;
    let answers = 0;
    const w = watch({
      scope: "pinned",
      pinned: [thread.thread_id],
      // The first answer ("idle", read before the run) is held until the run has been heard.
      answered: () => (answers++ === 0 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()),
    });
    await until(() => release !== undefined);
    w.store.update(thread.thread_id, { status: "busy" });
    await ask(thread.thread_id, "approve this");
    w.store.update(thread.thread_id, { status: "interrupted" });
    release!();
    await until(() => answers >= 3);
    assert.deepEqual(
      w.notices.map((n) => n.kind),
      ["interrupted"],
      "the held answer said idle: told, it would have been a false “finished”",
    );
  });
});
