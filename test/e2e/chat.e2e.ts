/**
 * The Threads tree and the chat panel driven through the UI of a real VS Code workbench: the seeded
 * threads newest first, a chat with two assistants (one picked in the composer, one through the
 * command palette), the panel restored after a window reload, Stop while a reply streams, renaming
 * and deleting threads from the tree, approving an interrupted run from its card, and creating an
 * assistant from a graph in a JSON tab.
 *
 * One workbench serves the whole file: the steps run in order and build on each other.
 */
import * as assert from "node:assert/strict";
import { Client } from "@langchain/langgraph-sdk";
import type { Page } from "playwright-core";
import { escapeRegExp, pickQuickItem, sidebarPane, threadRow, until, useWorkbench } from "./workbench";

/** Oldest first: the tree lists them the other way round. */
const TITLES = {
  lisbon: "Weekend in Lisbon",
  weather: "Weather check in Porto",
  notes: "Release notes draft",
  scratch: "Scratch thread",
  approval: "Ship the release notes",
  chat: "Two assistants, one thread",
};
const RENAMED = "Release notes (final)";
const FIRST_MESSAGE = "My name is Ada and I like maps.";
const SECOND_MESSAGE = "What did I tell you before?";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The titles of the tree's rows in the order they are shown (rows are positioned, not DOM-ordered). */
async function treeTitles(page: Page): Promise<string[]> {
  return sidebarPane(page, "Threads")
    .locator(".monaco-list-row")
    .evaluateAll((rows) =>
      rows
        .map((row) => ({ index: Number(row.getAttribute("data-index")), title: row.querySelector(".label-name")?.textContent?.trim() ?? "" }))
        .sort((a, b) => a.index - b.index)
        .map((row) => row.title),
    );
}


describe("chat and threads through the workbench UI", function () {
  let client: Client;
  const threadIds: Record<keyof typeof TITLES, string> = {} as never;
  let pirateId: string;
  let echoId: string;
  let slowId: string;

  const workbench = useWorkbench({
    seed: async (deployment) => {
      client = deployment;
      const human = (content: string) => ({ messages: [{ role: "human", content }] });

      // Created (and run) one after the other, so each is newer than the one before.
      for (const key of Object.keys(TITLES) as (keyof typeof TITLES)[]) {
        const thread = await client.threads.create({ metadata: { title: TITLES[key] } });
        threadIds[key] = thread.thread_id;
        if (key === "weather") await client.runs.wait(thread.thread_id, "tools", { input: human("What is the weather in Porto today?") });
        else if (key === "approval") await client.runs.wait(thread.thread_id, "approval", { input: human(TITLES.approval) });
        else if (key !== "chat") await client.runs.wait(thread.thread_id, "echo", { input: human(`Notes for ${TITLES[key]}`) });
        await sleep(50);
      }
      const pirate = await client.assistants.create({ graphId: "echo", name: "Pirate", config: { configurable: { persona: "Pirate" } } });
      pirateId = pirate.assistant_id;
      const systemAssistant = async (graphId: string) =>
        (await client.assistants.search({ graphId, limit: 100 })).find((a) => a.metadata?.created_by === "system")!.assistant_id;
      echoId = await systemAssistant("echo");
      slowId = await systemAssistant("slow");

    },
  });

  const chat = () => workbench().chatFrame();
  const aiMessages = () => chat().locator("article.message--ai");
  const sendButton = () => chat().locator("button.send-button");
  const idleSendButton = () => chat().locator('button.send-button[data-mode="send"]');

  async function send(text: string): Promise<void> {
    const input = chat().locator("textarea.composer-input");
    await input.click();
    await input.fill(text);
    await input.press("Enter");
  }

  async function authorNames(): Promise<string[]> {
    return aiMessages().locator(".message-author-name").allTextContents();
  }

  it("1. lists the seeded threads in the Threads tree, newest first", async function () {
    const { page } = workbench();
    await workbench().openLangGraphContainer();
    await threadRow(page, TITLES.chat).waitFor({ state: "visible", timeout: 30_000 });
    const expected = Object.values(TITLES).reverse();
    const titles = await until(async () => {
      const shown = await treeTitles(page);
      return shown.length >= expected.length ? shown : undefined;
    }, "all seeded threads in the tree");
    assert.deepEqual(titles, expected);
    await workbench().screenshot("chat-1-threads-tree");
  });

  it("2. opens a thread in a chat panel titled after it", async function () {
    const { page } = workbench();
    await threadRow(page, TITLES.chat).click();
    await page.locator(".tabs-container .tab.active", { hasText: TITLES.chat }).waitFor({ state: "visible", timeout: 30_000 });
    const header = chat().locator("h1.thread-title");
    await header.filter({ hasText: TITLES.chat }).waitFor({ state: "visible", timeout: 30_000 });
    assert.equal((await header.textContent())?.trim(), TITLES.chat);
    await workbench().screenshot("chat-2-panel-open");
  });

  it("3. picks an assistant in the composer and gets its reply", async function () {
    const picker = chat().locator("select.assistant-picker");
    await until(async () => (await picker.locator(`option[value="${pirateId}"]`).count()) > 0, "Pirate in the assistant picker");
    await picker.selectOption(pirateId);
    await send(FIRST_MESSAGE);
    const reply = aiMessages().filter({ hasText: "[Pirate]" });
    await reply.first().waitFor({ state: "visible", timeout: 30_000 });
    assert.match((await reply.first().locator(".message-body").textContent()) ?? "", new RegExp(`^\\[Pirate\\] You said: "${escapeRegExp(FIRST_MESSAGE)}"`));
    await idleSendButton().waitFor({ state: "attached", timeout: 30_000 });
    await workbench().screenshot("chat-3-pirate-reply");
  });

  it("4. switches the assistant from the command palette and the next reply comes from it", async function () {
    const { page } = workbench();
    await pickQuickItem(page, () => workbench().runCommand("LangGraph: Switch Assistant"), "echo", () => workbench().screenshot("chat-4a-switch-assistant-pick"));

    const picker = chat().locator("select.assistant-picker");
    await until(async () => (await picker.inputValue()) === echoId, "echo selected in the composer");
    const selectedLabel = await picker.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? "");
    assert.match(selectedLabel, /^echo — echo$/);

    await send(SECOND_MESSAGE);
    const reply = aiMessages().filter({ hasText: `Earlier you said: "${FIRST_MESSAGE}"` });
    await reply.first().waitFor({ state: "visible", timeout: 30_000 });
    const text = (await reply.first().locator(".message-body").textContent()) ?? "";
    assert.ok(!text.includes("[Pirate]"), `the second reply came from echo, not Pirate: ${text}`);
    assert.ok(text.includes(`You said: "${SECOND_MESSAGE}"`), text);
    await idleSendButton().waitFor({ state: "attached", timeout: 30_000 });
    // Attribution follows from the thread's history once the run ends.
    await until(async () => JSON.stringify(await authorNames()) === JSON.stringify(["Pirate", "echo"]), "the replies labelled Pirate and echo");
    await workbench().screenshot("chat-4b-echo-reply");
  });

  it("5. restores the panel with its messages and labels after a window reload", async function () {
    this.timeout(240_000);
    const { page } = workbench();
    const loaded = page.waitForEvent("load", { timeout: 60_000 });
    await workbench().runCommand("Developer: Reload Window");
    await loaded;
    await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 60_000 });

    // The serializer brings the panel back on its own; it is not reopened from the tree here.
    await page.locator(".tabs-container .tab.active", { hasText: TITLES.chat }).waitFor({ state: "visible", timeout: 60_000 });
    // Slow on a busy machine: the extension host starts again with every built-in extension.
    await chat().locator("h1.thread-title").filter({ hasText: TITLES.chat }).waitFor({ state: "visible", timeout: 120_000 });
    await until(async () => (await aiMessages().count()) === 2, "both replies after the reload", 30_000);
    const bodies = await aiMessages().locator(".message-body").allTextContents();
    assert.match(bodies[0], /^\[Pirate\] You said:/);
    assert.match(bodies[1], new RegExp(`Earlier you said: "${escapeRegExp(FIRST_MESSAGE)}"`));
    const humans = await chat().locator("article.message--human .message-body").allTextContents();
    assert.deepEqual(humans.map((h) => h.trim()), [FIRST_MESSAGE, SECOND_MESSAGE]);
    await until(async () => JSON.stringify(await authorNames()) === JSON.stringify(["Pirate", "echo"]), "the labels after the reload");
    // The tab is titled after the thread (not its id), and the status bar names the panel's assistant.
    const tabTitle = page.locator(".tabs-container .tab.active .label-name");
    await until(async () => (await tabTitle.textContent())?.trim() === TITLES.chat, `the tab titled "${TITLES.chat}"`, 15_000);
    const assistantItem = page.locator(".part.statusbar .statusbar-item", { has: page.locator(".codicon-hubot") }).first();
    await until(async () => (await assistantItem.textContent())?.trim() === "echo", "the status bar naming echo", 15_000);
    await workbench().openLangGraphContainer();
    await threadRow(page, TITLES.chat).waitFor({ state: "visible", timeout: 30_000 });
    await workbench().screenshot("chat-5-after-reload");
  });

  it("6. stops a streaming reply: the button returns to Send and the reply is cut short", async function () {
    const picker = chat().locator("select.assistant-picker");
    await picker.selectOption(slowId);
    await send("Count for me, slowly.");
    const stop = chat().locator('button.send-button[data-mode="stop"]');
    await stop.waitFor({ state: "visible", timeout: 30_000 });
    // Let a few tokens arrive first: the stop must cut a reply that is really streaming.
    const streaming = aiMessages().filter({ hasText: "Count for me, slowly." });
    await streaming.first().waitFor({ state: "visible", timeout: 30_000 });
    const partial = (await streaming.first().locator(".message-body").textContent()) ?? "";
    assert.ok(!partial.includes("twenty."), `the reply had finished before Stop was clicked: ${partial}`);
    await workbench().screenshot("chat-6a-streaming");
    await stop.click();
    await idleSendButton().waitFor({ state: "attached", timeout: 30_000 });
    assert.equal((await sendButton().textContent())?.trim(), "Send");

    // The run is cancelled on the server, not just no longer followed here.
    const runs = await client.runs.list(threadIds.chat, { limit: 20 });
    const slowRun = runs.find((run) => run.assistant_id === slowId);
    assert.ok(slowRun, "the slow run on the server");
    const status = await until(async () => {
      const run = await client.runs.get(threadIds.chat, slowRun.run_id);
      return run.status === "pending" || run.status === "running" ? undefined : run.status;
    }, "the slow run to end");
    assert.equal(status, "interrupted");
    // Nothing more arrives after the stop: no reply on screen or on the server ran to its end.
    await sleep(3000);
    for (const body of await aiMessages().locator(".message-body").allTextContents()) {
      assert.ok(!body.includes("twenty."), `a reply ran to its end: ${body}`);
    }
    const state = await client.threads.getState<{ messages: { type: string; content: unknown }[] }>(threadIds.chat);
    for (const message of state.values.messages) {
      assert.ok(!String(message.content).includes("twenty."), "the server finished the reply");
    }
    await workbench().screenshot("chat-6b-stopped");
  });

  it("7. renames and deletes threads from the tree", async function () {
    const { page } = workbench();
    await workbench().openLangGraphContainer();

    // Rename: the row's inline action, the input box, Enter.
    const notes = threadRow(page, TITLES.notes);
    await notes.hover();
    await notes.locator('.action-label[aria-label="Rename Thread"]').click();
    const input = page.locator(".quick-input-widget input.input");
    await input.waitFor({ state: "visible" });
    assert.equal(await input.inputValue(), TITLES.notes);
    await input.fill(RENAMED);
    await workbench().screenshot("chat-7a-rename-input");
    await page.keyboard.press("Enter");
    await threadRow(page, RENAMED).waitFor({ state: "visible", timeout: 30_000 });
    assert.equal(await threadRow(page, TITLES.notes).count(), 0);
    const renamed = await client.threads.get(threadIds.notes);
    assert.equal((renamed.metadata as { title?: string }).title, RENAMED);
    await workbench().screenshot("chat-7b-renamed");

    // Delete: the row's inline action, then "Delete" in the modal dialog.
    const scratch = threadRow(page, TITLES.scratch);
    await scratch.hover();
    await scratch.locator('.action-label[aria-label="Delete Thread"]').click();
    const dialog = page.locator(".monaco-dialog-box");
    await dialog.waitFor({ state: "visible" });
    assert.match((await dialog.textContent()) ?? "", new RegExp(escapeRegExp(TITLES.scratch)));
    await workbench().screenshot("chat-7c-delete-confirm");
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await threadRow(page, TITLES.scratch).waitFor({ state: "detached", timeout: 30_000 });
    await assert.rejects(client.threads.get(threadIds.scratch), "the thread is gone from the server");
    const titles = await treeTitles(page);
    assert.ok(!titles.includes(TITLES.scratch));
    assert.ok(titles.includes(RENAMED) && titles.includes(TITLES.lisbon), titles.join(", "));
    await workbench().screenshot("chat-7d-deleted");
  });

  it("8. opens an interrupted thread onto its approval card; Approve resumes the run to its end", async function () {
    const { page } = workbench();
    assert.equal((await client.threads.get(threadIds.approval)).status, "interrupted", "seeded as interrupted");
    await workbench().openLangGraphContainer();
    await threadRow(page, TITLES.approval).click();
    await page.locator(".tabs-container .tab.active", { hasText: TITLES.approval }).waitFor({ state: "visible", timeout: 30_000 });
    const card = chat().locator(".interrupt-card");
    await card.waitFor({ state: "visible", timeout: 30_000 });
    assert.equal((await card.locator(".interrupt-description").textContent())?.trim(), `Approve: send "${TITLES.approval}"?`);
    assert.equal((await card.locator(".interrupt-action-name").textContent())?.trim(), "send_message");
    await workbench().screenshot("chat-8a-approval-card");

    await card.locator('button[data-decision="accept"]').click();
    const done = aiMessages().filter({ hasText: `Approved. Done: send "${TITLES.approval}".` });
    await done.first().waitFor({ state: "visible", timeout: 30_000 });
    await card.waitFor({ state: "hidden", timeout: 30_000 });
    const status = await until(async () => {
      const thread = await client.threads.get(threadIds.approval);
      return thread.status === "busy" ? undefined : thread.status;
    }, "the resumed run to end");
    assert.equal(status, "idle", "the run resumed and finished on the server");
    const runs = await client.runs.list(threadIds.approval);
    assert.equal(runs.length, 2, "one run interrupted, one resumed it: nothing ran twice");
    await workbench().screenshot("chat-8b-approved");
  });

  it("9. creates an assistant from a graph's inline action: a JSON tab, Ctrl+S, and it stands under its graph", async function () {
    const { page } = workbench();
    await workbench().openLangGraphContainer();
    const assistantsPane = page
      .locator(".part.sidebar .pane")
      .filter({ has: page.locator(".pane-header", { hasText: /^\s*Assistants/ }) })
      .first();
    const graphRow = assistantsPane
      .locator('.monaco-list-row[aria-level="1"]')
      .filter({ has: page.locator(".label-name", { hasText: /^\s*echo\s*$/ }) })
      .first();
    await graphRow.waitFor({ state: "visible", timeout: 30_000 });
    await graphRow.hover();
    await graphRow.locator('.action-label[aria-label^="Create Assistant from Graph"]').click();

    await page.locator(".tabs-container .tab.active", { hasText: "echo.json" }).waitFor({ state: "visible", timeout: 30_000 });
    const languageStatus = page.locator(".part.statusbar .statusbar-item", { hasText: "LangGraph Assistant" }).first();
    await languageStatus.waitFor({ state: "visible", timeout: 30_000 });
    const editor = page.locator(".editor-instance .monaco-editor").first();
    await editor.locator(".view-lines").click();
    await page.keyboard.press("Control+A");
    const body = { name: "Ada's OpenAI agent", config: { configurable: { model_name: "openai" } }, context: {}, metadata: {} };
    await page.keyboard.insertText(JSON.stringify(body));
    await page.locator(".tabs-container .tab.active.dirty", { hasText: "echo.json" }).waitFor({ state: "visible", timeout: 30_000 });
    await workbench().screenshot("chat-9a-new-assistant-editor");
    await page.keyboard.press("Control+S");

    const created = await until(
      async () => (await client.assistants.search({ graphId: "echo", limit: 100 })).find((a) => a.name === body.name),
      "the assistant on the server",
    );
    assert.deepEqual(created.config.configurable, { model_name: "openai" });
    // The new-assistant tab gives way to the assistant's own document, titled by its name; the tree shows it under echo.
    await page.locator(".tabs-container .tab.active", { hasText: `${body.name}.json` }).waitFor({ state: "visible", timeout: 30_000 });
    assert.equal(await page.locator(".tabs-container .tab", { hasText: /^\s*echo\.json/ }).count(), 0, "the new-assistant tab is closed");
    const assistantRow = assistantsPane.locator('.monaco-list-row[aria-level="2"]').filter({ has: page.locator(".label-name", { hasText: body.name }) });
    await assistantRow.first().waitFor({ state: "visible", timeout: 30_000 });
    const rows = await assistantsPane.locator(".monaco-list-row").evaluateAll((all) =>
      all
        .map((row) => ({ index: Number(row.getAttribute("data-index")), level: row.getAttribute("aria-level"), name: row.querySelector(".label-name")?.textContent?.trim() }))
        .sort((a, b) => a.index - b.index),
    );
    const graphIndex = rows.findIndex((r) => r.level === "1" && r.name === "echo");
    const nextGraph = rows.findIndex((r, i) => i > graphIndex && r.level === "1");
    const underEcho = rows.slice(graphIndex + 1, nextGraph < 0 ? undefined : nextGraph).map((r) => r.name);
    assert.ok(underEcho.includes(body.name), `echo's assistants: ${underEcho.join(", ")}`);
    await workbench().screenshot("chat-9b-assistant-created");
  });
});
