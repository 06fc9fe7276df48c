/** The event log page (the real bundle in jsdom) shows only the text of the table its host builds. */
import assert from "node:assert/strict";
import { STREAM_MODE_NAMES } from "../../../src/common/streamModes";
import { eventLogPanelHtml } from "../../../src/eventLog/eventLogPanelHtml";
import { eventLogPageStrings } from "../../../src/protocol/eventLogPageStrings";
import { hostApp, inLanguage, markedBundle, notFromTable, ownWords } from "../pageTextCheck";
import { manyRows, openEventLogPage, snapshot, type EventLogPage } from "./harness";

/**
 * What the page shows of the thread, its runs and their events (the host names the runs and writes the
 * summaries, in its own words), and the stream modes' names, which are the API's words.
 */
const CONTENT = [".event-title", ".event-run option", ".event-note", ".event-row > span", ".event-detail:not(.loading)", ".event-mode-choice"].join(", ");

describe("event log webview bundle: the page's text comes from the host's table", () => {
  let page: EventLogPage | undefined;
  afterEach(() => {
    assert.deepEqual(page?.errors ?? [], []);
    page?.close();
    page = undefined;
  });

  const markedApp = () => inLanguage(markedBundle(eventLogPageStrings()), () => hostApp(eventLogPanelHtml));

  it("a log with no runs yet shows only the table's text", async () => {
    page = await openEventLogPage(440, markedApp());
    page.send(snapshot([], { runs: [], runKey: undefined }));
    await page.frame();
    const words = ownWords(page.document, CONTENT);
    assert.ok(words.length >= 6, `only ${words.length} texts found`);
    assert.deepEqual(notFromTable(words), [], "text not from the table");
    assert.equal(page.$(".event-run option").textContent, "⟦No runs yet: send a message in the chat⟧");
    assert.equal(page.$(".event-count").textContent, "⟦0 events⟧", "the count is the table's");
  });

  it("a run's rows, one opened while its JSON loads, a filter and a note show only the table's text around them", async () => {
    page = await openEventLogPage(440, markedApp());
    page.send(snapshot(manyRows(30), { note: "a note from the host" }));
    await page.frame();
    page.$$(".event-row")[2].click();
    await page.frame();
    assert.equal(page.$(".event-detail").textContent, "⟦Loading…⟧");
    assert.ok(page.$$(".event-copy").length > 10, "the rows are drawn with their copy buttons");
    assert.deepEqual(notFromTable(ownWords(page.document, CONTENT)), [], "text not from the table");
    assert.equal(page.$(".event-count").textContent, "⟦30 events⟧", "placeholders are filled in the translated text");

    const filter = page.$(".event-filter") as HTMLInputElement;
    filter.value = "node-7";
    filter.dispatchEvent(new page.window.Event("input"));
    await page.frame();
    assert.equal(page.$(".event-count").textContent, "⟦3 of 30 events⟧");
    assert.deepEqual(
      page.$$(".event-mode-choice").map((label) => label.textContent),
      [...STREAM_MODE_NAMES],
      "the modes keep the API's names",
    );
  });

  it("one event is counted in the singular", async () => {
    page = await openEventLogPage(440, markedApp());
    page.send(snapshot(manyRows(1)));
    await page.frame();
    assert.equal(page.$(".event-count").textContent, "⟦1 event⟧");
  });

  it("a translation is text, whatever it holds; an entry the table lacks falls back to English", async () => {
    const app = inLanguage({ "Filter events": `"><img src=x onerror="window.pwned=1">` }, () => hostApp(eventLogPanelHtml));
    page = await openEventLogPage(440, app);
    assert.equal((page.$(".event-filter") as HTMLInputElement).placeholder, `"><img src=x onerror="window.pwned=1">`);
    assert.equal(page.$$("img").length, 0);
    assert.equal(page.$(".event-viewport").getAttribute("aria-label"), "Events");
  });
});
