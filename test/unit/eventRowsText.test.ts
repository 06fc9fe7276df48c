/** The event log's row summaries say their own words in the display language; the event's data stays as it came. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { eventRow, type LoggedEvent } from "../../src/eventLog/eventRows";
import { inLanguage, markedBundle } from "./pageTextCheck";

const EXTENSION_TEXT = JSON.parse(readFileSync(path.resolve(__dirname, "../../l10n/bundle.l10n.json"), "utf8")) as Record<string, string>;

const summary = (event: string, data: unknown) => inLanguage(markedBundle(EXTENSION_TEXT), () => eventRow({ time: 0, event, data } satisfies LoggedEvent, 0).summary);

describe("event log rows in the display language", () => {
  it("a row's own words come from the bundle, around the event's names, keys and values", () => {
    assert.equal(summary("metadata", { run_id: "run-1" }), "⟦run run-1⟧");
    assert.equal(summary("checkpoints", { metadata: { step: 2, source: "loop" }, next: [] }), "⟦step 2⟧, loop, ⟦done⟧");
    assert.equal(summary("checkpoints", { metadata: { step: 3, source: "loop" }, next: ["tools"] }), "⟦step 3⟧, loop, ⟦next tools⟧");
    assert.equal(summary("tasks", { name: "agent", error: "boom" }), "⟦failed: boom⟧");
    assert.equal(summary("tasks", { name: "agent", result: [1, 2] }), "⟦result ⟦[2 items]⟧⟧");
    assert.equal(summary("debug", { type: "task", step: 4 }), "⟦task step 4⟧");
    assert.equal(summary("messages", [{ type: "ai", tool_calls: [{ name: "search" }] }, {}]), "ai ⟦calls search⟧");
    assert.equal(summary("values", { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 }), "{a, b, c, d, e, f⟦, … 1 more⟧}");
  });

  it("without a bundle the rows read in English", () => {
    assert.equal(eventRow({ time: 0, event: "checkpoints", data: { metadata: { step: 2, source: "loop" }, next: [] } }, 0).summary, "step 2, loop, done");
    assert.equal(eventRow({ time: 0, event: "debug", data: { step: 1 } }, 0).summary, "debug step 1");
  });
});
