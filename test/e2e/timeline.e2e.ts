/**
 * Time travel through the workbench UI: the Checkpoints view of a thread, the state at an old checkpoint
 * edited in its JSON tab and saved (Ctrl+S), a re-run from the edit with another assistant, and the new
 * branch in the chat panel and in the timeline; then the re-run offered by the notification after a save,
 * and the chat's Re-run from Here on a human message. The server is checked at each step.
 */
import * as assert from "node:assert/strict";
import { Client } from "@langchain/langgraph-sdk";
import type { Locator, Page } from "playwright-core";
import { chooseMenuItem, pickQuickItem, quickPickRow, sidebarPane, until as waitUntil, useWorkbench } from "./workbench";

const TITLE = "Time travel";
const EDITED = "HELLO FROM THE PAST";
const SECOND_EDIT = "ONCE MORE, EDITED";


/** The timeline's steps wait longer: each checkpoint carries the whole thread. */
const until = <T>(read: () => Promise<T | undefined | false>, what: string, timeoutMs = 60_000) => waitUntil(read, what, timeoutMs);

function row(container: Locator, page: Page, label: RegExp): Locator {
  return container.locator(".monaco-list-row").filter({ has: page.locator(".label-name", { hasText: label }) }).first();
}

interface Message {
  id: string;
  type: string;
  content: string;
}

/**
 * Makes room for the Checkpoints pane as a user would, whatever the container's layout: the other panes
 * of the container collapsed by their headers, the Checkpoints pane expanded by its own.
 */
async function revealCheckpointsPane(page: Page): Promise<Locator> {
  for (const other of ["Needs Input", "Assistants"]) {
    const header = sidebarPane(page, other).locator(".pane-header").first();
    if ((await header.getAttribute("aria-expanded")) === "true") await header.click();
  }
  const checkpoints = sidebarPane(page, "Checkpoints");
  const header = checkpoints.locator(".pane-header").first();
  await header.waitFor({ state: "visible", timeout: 30_000 });
  if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
  await checkpoints.locator(".pane-header[aria-expanded='true']").waitFor({ state: "visible", timeout: 10_000 });
  return checkpoints;
}

describe("time travel through the workbench UI", function () {
  let client: Client;
  let threadId: string;

  const workbench = useWorkbench({
    seed: async (deployment) => {
      client = deployment;
      const thread = await client.threads.create({ metadata: { title: TITLE } });
      threadId = thread.thread_id;
      for (const text of ["hello", "second"]) await client.runs.wait(threadId, "echo", { input: { messages: [{ role: "human", content: text }] } });
      await client.assistants.create({ graphId: "echo", name: "Pirate", config: { configurable: { persona: "Pirate" } } });
    },
  });

  it("opens the timeline, edits the state at an old checkpoint, saves, re-runs with another assistant and shows the branch", async function () {
    this.timeout(240_000);
    const { page } = workbench();
    await workbench().openLangGraphContainer();

    // The thread's context menu → Show Checkpoint Timeline.
    const threadRow = row(sidebarPane(page, "Threads"), page, new RegExp(`^\\s*${TITLE}\\s*$`));
    await threadRow.waitFor({ state: "visible", timeout: 60_000 });
    await threadRow.click({ button: "right" });
    await chooseMenuItem(page, "Show Checkpoint Timeline");

    const checkpoints = await revealCheckpointsPane(page);
    const startRow = row(checkpoints, page, /^\s*step 0 · start\s*$/);
    await startRow.waitFor({ state: "visible", timeout: 60_000 });
    const labels = await checkpoints.locator(".monaco-list-row .label-name").allTextContents();
    assert.ok(labels.some((l) => /step 4 · agent/.test(l)), `the newest checkpoint is listed (${labels.join(" | ")})`);
    await workbench().screenshot("timeline-1-checkpoints");

    // Edit the first message at step 0 (before the agent answered it) in the state's JSON tab.
    await startRow.click();
    const tab = page.locator(".tabs-container .tab.active", { hasText: "step 0 · start.json" });
    await tab.waitFor({ state: "visible", timeout: 60_000 });
    const history = await client.threads.getHistory(threadId, { limit: 20 });
    const step0 = history.find((c) => c.metadata?.step === 0)!;
    const values = structuredClone(step0.values) as { messages: Message[] };
    values.messages[0].content = EDITED;
    const editor = page.locator(".editor-instance .monaco-editor").first();
    await editor.locator(".view-lines").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(JSON.stringify(values, null, 2));
    await page.locator(".tabs-container .tab.active.dirty", { hasText: "step 0 · start.json" }).waitFor({ state: "visible", timeout: 30_000 });
    await workbench().screenshot("timeline-2-edited-state");
    await page.keyboard.press("Control+S");

    const edit = await until(async () => (await client.threads.getHistory(threadId, { limit: 20 })).find((c) => c.metadata?.source === "update"), "the edit on the server");
    assert.equal(edit.parent_checkpoint?.checkpoint_id, step0.checkpoint.checkpoint_id, "the edit forks from the checkpoint edited");
    assert.equal((edit.values as { messages: Message[] }).messages[0].content, EDITED);
    await page.locator(".tabs-container .tab.active.dirty").waitFor({ state: "detached", timeout: 30_000 });

    // Re-run from the edit with another assistant: the edited checkpoint's inline action in the timeline.
    const editedRow = row(checkpoints, page, /^\s*step 1 · edited\s*$/);
    await editedRow.waitFor({ state: "visible", timeout: 60_000 });
    await pickQuickItem(
      page,
      async () => {
        await editedRow.hover();
        await editedRow.locator('.action-label[aria-label^="Re-run from Checkpoint"]').click();
      },
      /Pirate/,
    );

    const reply = workbench().chatFrame().locator("article.message--ai", { hasText: `[Pirate] You said: "${EDITED}"` });
    await reply.waitFor({ state: "visible", timeout: 60_000 });
    assert.equal((await reply.locator(".message-author-name").first().textContent())?.trim(), "Pirate");
    await workbench().screenshot("timeline-3-rerun-reply");

    // The server: the new head answers the edit; the old branch's reply is still there.
    const head = await client.threads.getState(threadId);
    const contents = (head.values as { messages: Message[] }).messages.map((m) => m.content);
    assert.deepEqual(contents, [EDITED, `[Pirate] You said: "${EDITED}". This is the start of our thread.`]);
    const oldHead = history[0];
    assert.equal((await client.threads.getState(threadId, oldHead.checkpoint.checkpoint_id!)).values !== undefined, true);
    assert.equal(((await client.threads.getState(threadId, oldHead.checkpoint.checkpoint_id!)).values as { messages: Message[] }).messages.length, 4);

    // The timeline now leads through the edit and the reply, with the old line as a branch under step 0.
    await row(checkpoints, page, /^\s*step 2 · agent\s*$/).waitFor({ state: "visible", timeout: 60_000 });
    assert.equal(await workbench().chatFrame().locator(".thread-branch").textContent(), "edited state · step 1", "the panel names the edited branch");
    await row(checkpoints, page, /^\s*step 0 · start\s*$/).locator(".monaco-tl-twistie").click();
    await row(checkpoints, page, /^\s*Branch\s*$/).waitFor({ state: "visible", timeout: 30_000 });
    await workbench().screenshot("timeline-4-branch");
  });

  // Goes on from the thread the test above left: its head line runs through the first edit.
  it("re-runs from the notification that follows a save, with the assistant picked there", async function () {
    this.timeout(180_000);
    const { page } = workbench();
    const checkpoints = await revealCheckpointsPane(page);
    const startRow = row(checkpoints, page, /^\s*step 0 · start\s*$/);
    await startRow.waitFor({ state: "visible", timeout: 60_000 });
    await startRow.click();
    await page.locator(".tabs-container .tab.active", { hasText: "step 0 · start.json" }).waitFor({ state: "visible", timeout: 60_000 });
    const step0 = (await client.threads.getHistory(threadId, { limit: 50 })).find((c) => c.metadata?.step === 0 && c.metadata?.source === "loop")!;
    const values = structuredClone(step0.values) as { messages: Message[] };
    values.messages[0].content = SECOND_EDIT;
    await page.locator(".editor-instance .monaco-editor").first().locator(".view-lines").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(JSON.stringify(values, null, 2));
    await page.locator(".tabs-container .tab.active.dirty", { hasText: "step 0 · start.json" }).waitFor({ state: "visible", timeout: 30_000 });
    await page.keyboard.press("Control+S");

    const edit = await until(
      async () => (await client.threads.getHistory(threadId, { limit: 50 })).find((c) => c.metadata?.source === "update" && (c.values as { messages: Message[] }).messages[0]?.content === SECOND_EDIT),
      "the second edit on the server",
    );
    const toast = page.locator(".notification-toast", { hasText: `new checkpoint ${edit.checkpoint.checkpoint_id!.slice(0, 8)}` });
    await toast.waitFor({ state: "visible", timeout: 30_000 });
    await workbench().screenshot("timeline-5-saved-notification");
    await toast.locator(".monaco-button", { hasText: "Re-run from Here" }).click();
    await quickPickRow(page, "echo").click({ timeout: 30_000 });

    const reply = workbench().chatFrame().locator("article.message--ai", { hasText: `You said: "${SECOND_EDIT}"` });
    await reply.waitFor({ state: "visible", timeout: 60_000 });
    assert.equal((await reply.locator(".message-author-name").first().textContent())?.trim(), "echo");
    const head = await client.threads.getState(threadId);
    assert.deepEqual((head.values as { messages: Message[] }).messages.map((m) => m.content), [SECOND_EDIT, `You said: "${SECOND_EDIT}". This is the start of our thread.`]);
    assert.equal(head.parent_checkpoint?.checkpoint_id, edit.checkpoint.checkpoint_id, "the run went on from the edit");
    await workbench().screenshot("timeline-6-notification-rerun");

    // The chat's own way: Re-run from Here on the human message, with another assistant picked.
    const human = workbench().chatFrame().locator("article.message--human", { hasText: SECOND_EDIT });
    await pickQuickItem(
      page,
      async () => {
        await human.hover();
        await human.locator("button.message-rerun").click();
      },
      /Pirate/,
    );
    const pirateReply = workbench().chatFrame().locator("article.message--ai", { hasText: `[Pirate] You said: "${SECOND_EDIT}"` });
    await pirateReply.waitFor({ state: "visible", timeout: 60_000 });
    // Every edit kept the first message's id, so each reply so far is a version of the one after it.
    const position = (await pirateReply.locator(".branch-position").textContent()) ?? "";
    const [index, count] = position.split("/").map(Number);
    assert.ok(count >= 2 && index === count, `the reply is the newest version beside echo's (${position})`);
    await workbench().screenshot("timeline-7-chat-rerun");
  });
});
