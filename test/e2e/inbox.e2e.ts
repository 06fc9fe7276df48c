/**
 * The Needs Input view and live assistants through the UI of a real VS Code workbench: a thread another
 * client left at an interrupt is listed with a badge and approved from its row (the run resumes on the
 * server to its end), and an assistant another client creates shows in a picker opened right after.
 */
import * as assert from "node:assert/strict";
import { Client } from "@langchain/langgraph-sdk";
import { sidebarPane, until, useWorkbench } from "./workbench";

const TITLE = "Pay the March invoice";


describe("Needs Input and live assistants through the workbench UI", function () {
  /** Another client of the same deployment. */
  let other: Client;
  let threadId: string;

  const workbench = useWorkbench({
    seed: async (deployment) => {
      other = deployment;
      const thread = await other.threads.create({ metadata: { title: TITLE } });
      threadId = thread.thread_id;
      await other.runs.wait(threadId, "approval", { input: { messages: [{ role: "human", content: "the March invoice" }] } });
    },
  });

  it("lists the interrupted thread with a badge; Approve on its row resumes the run to its end", async function () {
    const { page } = workbench();
    await workbench().openLangGraphContainer();
    const inbox = sidebarPane(page, /Needs Input/);
    const row = inbox.locator(".monaco-list-row", { hasText: TITLE });
    await row.waitFor({ state: "visible", timeout: 30_000 });
    assert.match((await row.textContent()) ?? "", /Approve: send "the March invoice"\?/, "the request's description is on the row");
    const badge = page.locator('.activitybar [aria-label^="LangGraph"] .badge-content').first();
    await until(async () => (await badge.textContent())?.trim() === "1", "the badge to count 1");
    await workbench().screenshot("inbox-1-row");

    await row.hover();
    await row.locator('.action-label[aria-label="Approve"]').click();
    await row.waitFor({ state: "detached", timeout: 10_000 });
    const thread = await until(async () => {
      const found = await other.threads.get(threadId);
      return found.status === "idle" && found;
    }, "the resumed run to end");
    const messages = (thread.values as { messages: { type: string; content: string }[] }).messages;
    assert.equal(messages.at(-1)?.content, 'Approved. Done: send "the March invoice".');
    assert.equal((await other.runs.list(threadId)).length, 2, "one resume, sent once");
    await workbench().screenshot("inbox-2-approved");
  });

  it("an assistant another client creates shows in New Thread with Assistant opened right after", async function () {
    const { page } = workbench();
    // The Assistants view has read (and cached) the list by now.
    await sidebarPane(page, /Assistants/).locator(".monaco-list-row", { hasText: "approval" }).first().waitFor({ state: "visible", timeout: 30_000 });
    await other.assistants.create({ graphId: "echo", name: "Harbour pilot" });
    await workbench().runCommand("LangGraph: New Thread with Assistant…");
    await page.locator(".quick-input-widget .monaco-list-row", { hasText: "Harbour pilot" }).waitFor({ state: "visible", timeout: 15_000 });
    await workbench().screenshot("inbox-3-picker");
    await page.keyboard.press("Escape");
  });
});
