/** The event log page (the real bundle in jsdom): a windowed list, filtering, opening and copying events. */
import assert from "node:assert/strict";
import { manyRows, openEventLogPage, snapshot, type EventLogPage } from "./harness";

const seqs = (page: EventLogPage) => page.$$(".event-row").map((row) => Number(row.dataset.seq));

describe("event log page", () => {
  let page: EventLogPage;
  beforeEach(async () => {
    page = await openEventLogPage();
  });
  afterEach(() => {
    assert.deepEqual(page.errors, []);
    page.close();
  });

  it("asks for its snapshot, and keeps the thread for a window reload", async () => {
    assert.deepEqual(page.posted, [{ type: "ready" }]);
    page.send(snapshot(manyRows(3)));
    await page.frame();
    assert.deepEqual(page.state, { threadId: "thread-1" });
    assert.equal(page.$(".event-title").textContent, "A thread");
    assert.equal(page.$(".event-count").textContent, "3 events");
  });

  it("keeps only the rows in view in the page, for a run of 10,000 events, and follows scrolling", async () => {
    page.send(snapshot(manyRows(10_000)));
    await page.frame();
    const first = seqs(page);
    assert.equal(first[0], 0);
    assert.ok(first.length > 10 && first.length < 50, `${first.length} rows in the page`);
    assert.equal(page.$(".event-spacer").style.height, `${10_000 * 22}px`, "the scrollbar is the whole run's");
    const row = page.$$(".event-row")[1];
    assert.deepEqual([...row.children].slice(1, 6).map((c) => c.textContent), [new Date(1_700_000_000_001).toTimeString().slice(0, 8) + ".001", "updates", "", "node-1", "event number 1"]);

    const viewport = page.$(".event-viewport");
    viewport.scrollTop = 5000 * 22;
    viewport.dispatchEvent(new page.window.Event("scroll"));
    await page.frame();
    const scrolled = seqs(page);
    assert.ok(scrolled.includes(5000) && scrolled.includes(5015), "the rows at the scroll position");
    assert.ok(!scrolled.includes(0) && scrolled.length < 50);
    assert.equal(page.$$(".event-row").find((r) => r.dataset.seq === "5000")?.style.top, `${5000 * 22}px`);
  });

  it("filters by text and by the modes picked, and tells the host which modes to stream", async () => {
    page.send(snapshot(manyRows(800)));
    await page.frame();
    const filter = page.$(".event-filter") as HTMLInputElement;
    filter.value = "NODE-7";
    filter.dispatchEvent(new page.window.Event("input"));
    await page.frame();
    assert.equal(page.$(".event-count").textContent, "80 of 800 events");
    assert.ok(page.$$(".event-row").every((row) => row.querySelector(".event-node")?.textContent === "node-7"));

    filter.value = "";
    filter.dispatchEvent(new page.window.Event("input"));
    const debug = page.$('input[data-mode="debug"]') as HTMLInputElement;
    debug.checked = false;
    debug.dispatchEvent(new page.window.Event("change"));
    await page.frame();
    assert.equal(page.$(".event-count").textContent, "700 of 800 events");
    assert.ok(!page.$$(".event-mode").some((mode) => mode.textContent === "debug"));
    assert.deepEqual(page.posted.at(-1), { type: "setModes", modes: ["values", "updates", "messages-tuple", "tasks", "checkpoints", "custom", "events"] });
  });

  it("opens a row to its JSON (asked of the host) and copies it as JSON without opening it", async () => {
    page.send(snapshot(manyRows(100)));
    await page.frame();
    page.$$(".event-row")[2].dispatchEvent(new page.window.MouseEvent("click", { bubbles: true }));
    assert.deepEqual(page.posted.at(-1), { type: "expand", runKey: "run-1", seq: 2 });
    await page.frame();
    assert.equal(page.$(".event-detail").textContent, "Loading…");
    page.send({ type: "detail", runKey: "run-1", seq: 2, json: '{\n  "event": "debug",\n  "data": "<img src=x onerror=alert(1)>\u202Egnp"\n}' });
    await page.frame();
    const detail = page.$(".event-detail");
    assert.match(detail.textContent ?? "", /"event": "debug"/);
    assert.match(detail.textContent ?? "", /\\u202e/, "a bidi override shows as its escape");
    assert.equal(page.document.querySelector("img"), null, "JSON is text, never markup");
    assert.equal(page.$(".event-row.open").dataset.seq, "2");
    assert.equal(page.$(".event-row.open").getAttribute("aria-expanded"), "true");

    const copy = page.$$(".event-row")[5].querySelector(".event-copy")!;
    copy.dispatchEvent(new page.window.MouseEvent("click", { bubbles: true }));
    assert.deepEqual(page.posted.at(-1), { type: "copy", runKey: "run-1", seq: 5 });
    await page.frame();
    assert.equal(page.$(".event-row.open").dataset.seq, "2", "copying does not open the row");

    page.$(".event-row.open").dispatchEvent(new page.window.KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await page.frame();
    assert.equal(page.document.querySelector(".event-detail"), null, "Enter closes it again");
  });

  it("appends a live run's rows and stays at the end while it is there", async () => {
    page.send(snapshot(manyRows(10)));
    await page.frame();
    page.send({ type: "rows", runKey: "run-1", rows: manyRows(990, 10) }, { type: "rows", runKey: "other", rows: manyRows(5, 1000) });
    await page.frame();
    assert.equal(page.$(".event-count").textContent, "1000 events", "rows of another run are not this one's");
    assert.ok(seqs(page).includes(999), "scrolled to the newest row");
  });

  it("shows a row's untrusted strings as text", async () => {
    page.send(snapshot([{ seq: 0, time: 0, mode: "custom", namespace: "<b>ns</b>", node: "<script>x()</script>", summary: "<img src=x onerror=alert(1)>" }]));
    await page.frame();
    assert.equal(page.$(".event-node").textContent, "<script>x()</script>");
    assert.equal(page.document.querySelector("img, b, .event-row script"), null);
  });
});
