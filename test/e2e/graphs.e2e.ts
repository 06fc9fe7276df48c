/**
 * Graphs as they are, through the UI of a real VS Code workbench: a supervisor thread whose sub-agents'
 * replies stream into groups labelled with their subgraphs and named "supervisor › researcher", and a
 * graph that is not a chat run from its form (an input that fails the schema refused, a valid one run,
 * each node's update shown as a card) and from its input in VS Code's JSON editor (Ctrl+Enter and Run
 * Input), and the event log beside a chat: rows of the runs, filtered, and the next run streaming the
 * extra modes it asks for; and the graph view of the supervisor.
 */
import * as assert from "node:assert/strict";
import { Client } from "@langchain/langgraph-sdk";
import type { FrameLocator, Page } from "playwright-core";
import { chooseMenuItem, threadRow, until, useWorkbench } from "./workbench";

const TEAM = "Ask the team";
const PIPELINE = "Summarise a memo";

/** The content of the visible webview that shows `selector` (several webviews can be side by side). */
async function webviewWith(page: Page, selector: string): Promise<FrameLocator> {
  const frames = page.locator("iframe.webview:visible");
  for (let i = 0; i < (await frames.count()); i++) {
    const frame = frames.nth(i).contentFrame().locator("#active-frame").contentFrame();
    if ((await frame.locator(selector).count()) > 0) return frame;
  }
  throw new Error(`no visible webview shows ${selector}`);
}


describe("multi-agent and non-chat graphs through the workbench UI", function () {
  let client: Client;
  let supervisorId: string;
  let pipelineId: string;

  const workbench = useWorkbench({
    seed: async (deployment) => {
      client = deployment;
      const system = async (graphId: string) => (await client.assistants.search({ graphId, limit: 20 })).find((a) => a.metadata?.created_by === "system")!.assistant_id;
      supervisorId = await system("supervisor");
      pipelineId = await system("pipeline");
      await client.threads.create({ metadata: { title: TEAM } });
      await client.threads.create({ metadata: { title: PIPELINE } });
    },
  });

  const chat = () => workbench().chatFrame();

  async function open(title: string, assistantId: string): Promise<void> {
    const { page } = workbench();
    await workbench().openLangGraphContainer();
    const row = threadRow(page, title);
    await row.waitFor({ state: "visible", timeout: 60_000 });
    await row.click();
    await chat().locator("h1.thread-title").filter({ hasText: title }).waitFor({ state: "visible", timeout: 30_000 });
    const picker = chat().locator("select.assistant-picker");
    await until(async () => (await picker.locator(`option[value="${assistantId}"]`).count()) > 0, "the assistant in the picker");
    await picker.selectOption(assistantId);
  }

  it("streams a supervisor's sub-agents into groups named after their subgraphs, labelled supervisor › agent", async function () {
    this.timeout(120_000);
    await open(TEAM, supervisorId);
    const input = chat().locator("textarea.composer-input");
    await input.click();
    await input.fill("LangGraph");
    await input.press("Enter");
    const groups = chat().locator(".subgraph-group .subgraph-name");
    await until(async () => (await groups.allTextContents()).join(",") === "researcher,writer", "the researcher's and the writer's groups");
    await chat().locator('button.send-button[data-mode="send"]').waitFor({ state: "attached", timeout: 30_000 });
    const names = await chat().locator("article.message--ai .message-author-name").allTextContents();
    assert.ok(names.includes("supervisor › researcher"), names.join(" | "));
    assert.ok(names.includes("supervisor › writer"), names.join(" | "));
    const researcher = chat().locator(".subgraph-group", { has: chat().locator(".subgraph-name", { hasText: "researcher" }) });
    assert.match((await researcher.textContent()) ?? "", /search_notes/, "the researcher's tool call is inside its group");
    await workbench().screenshot("graphs-1-supervisor");
  });

  it("runs a graph that is not a chat from its form: a bad input refused, a good one run, node updates as cards", async function () {
    this.timeout(120_000);
    await open(PIPELINE, pipelineId);
    // The composer becomes a run form once the graph's schema is read (the server takes seconds for it).
    const run = chat().locator("button.send-button", { hasText: "Run" });
    await run.waitFor({ state: "visible", timeout: 60_000 });
    const input = chat().locator("textarea.composer-input");
    await input.fill('{"document": 5}');
    await run.click();
    const errors = chat().locator(".composer-errors li");
    await errors.first().waitFor({ state: "visible", timeout: 10_000 });
    assert.match((await errors.allTextContents()).join(" "), /document/);
    assert.equal((await client.runs.list((await client.threads.search({ metadata: { title: PIPELINE } }))[0].thread_id)).length, 0, "no run was started");

    await input.fill('{"document": "The memo  asks for   a short summary."}');
    await input.press("Control+Enter");
    const updates = chat().locator("article.message--update .message-author-name");
    await until(async () => (await updates.allTextContents()).join(",") === "clean,analyze,summarize", "the three nodes' update cards", 60_000);
    assert.match((await chat().locator("article.message--update").last().textContent()) ?? "", /wrote/);
    assert.equal(await input.inputValue(), '{"document": "The memo  asks for   a short summary."}', "the input stays for the next run");
    await workbench().screenshot("graphs-2-run-form");
  });

  it("edits the run input in VS Code's JSON editor from the form: a wrong type marked as typed and refused at Ctrl+Enter, left as typed; a valid input run with Run Input", async function () {
    this.timeout(180_000);
    const { page } = workbench();
    await open(PIPELINE, pipelineId);
    const input = chat().locator("textarea.composer-input");
    await chat().locator("button.send-button", { hasText: "Run" }).waitFor({ state: "visible", timeout: 60_000 });
    await input.fill('{"document": 5}');
    await chat().locator("button.composer-json-button").click();
    const tab = page.locator(".tabs-container .tab", { hasText: ".input.json" });
    await tab.waitFor({ state: "visible", timeout: 30_000 });
    const editor = page.locator(".editor-instance .monaco-editor", { hasText: "$schema" }).first();
    await editor.waitFor({ state: "visible", timeout: 30_000 });
    const lines = editor.locator(".view-lines");
    // Monaco renders spaces as no-break spaces.
    const shown = async () => ((await lines.textContent()) ?? "").replace(/\u00a0/g, " ");
    assert.match(await shown(), /"document": 5/, "the document starts from the form's text");
    // VS Code's JSON support marks the wrong type against the graph's input schema (a schema problem is a warning).
    await editor.locator(".squiggly-warning, .squiggly-error").first().waitFor({ state: "attached", timeout: 60_000 });

    const threadId = (await client.threads.search({ metadata: { title: PIPELINE } }))[0].thread_id;
    const runsBefore = (await client.runs.list(threadId)).length;
    const updates = chat().locator("article.message--update .message-author-name");
    const cardsBefore = await updates.count();
    await lines.click();
    await page.keyboard.press("Control+Enter");
    const refused = page.locator(".notifications-toasts .notification-toast", { hasText: "Not run" });
    await refused.waitFor({ state: "visible", timeout: 30_000 });
    assert.match((await refused.textContent()) ?? "", /document/, "the refusal names the wrong key");
    assert.equal((await client.runs.list(threadId)).length, runsBefore, "no run was started");
    assert.match(await shown(), /"document": 5/, "the refused input is left as typed");
    await workbench().runCommand("Notifications: Clear All Notifications");
    await refused.waitFor({ state: "detached", timeout: 10_000 });

    // One line: JSON's auto-closing brackets would otherwise type over what they closed.
    await lines.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText('{"document": "Edited   in the JSON editor."}');
    const edited = page.locator(".editor-instance .monaco-editor .view-lines", { hasText: "Edited" }).first();
    await edited.waitFor({ state: "visible", timeout: 10_000 });
    await page.locator(".editor-actions .action-label[aria-label^='Run Input']").first().click();
    await until(async () => (await updates.count()) === cardsBefore + 3, "the run's three update cards", 60_000);
    assert.deepEqual((await updates.allTextContents()).slice(cardsBefore), ["clean", "analyze", "summarize"]);
    await chat().locator("button.send-button", { hasText: "Run" }).waitFor({ state: "visible", timeout: 30_000 });
    assert.equal((await client.runs.list(threadId)).length, runsBefore + 1, "one run");
    const state = await client.threads.getState(threadId);
    assert.equal((state.values as { document?: string }).document, "Edited   in the JSON editor.", "the edited input ran");
    await until(async () => (await input.inputValue()).includes("Edited   in the JSON editor."), "the panel's form showing the input that ran");
    await workbench().screenshot("graphs-3-run-input-editor");
    // The input's editor goes (it was saved when it ran), by its tab: a command palette can lose the focus to the panel.
    await tab.hover();
    await tab.locator(".tab-actions .action-label").click();
    await tab.waitFor({ state: "detached", timeout: 10_000 });
  });

  it("attaches a workspace file to the chat from the Explorer's context menu: its name in the composer, its text sent with the message", async function () {
    this.timeout(120_000);
    const { page } = workbench();
    await open(TEAM, supervisorId);
    await workbench().runCommand("View: Show Explorer");
    const file = page.locator(".explorer-folders-view .monaco-list-row", { has: page.locator(".label-name", { hasText: /^echo\.ts$/ }) });
    await file.waitFor({ state: "visible", timeout: 30_000 });
    await file.click({ button: "right" });
    await chooseMenuItem(page, "Attach to LangGraph Chat");
    const attachment = chat().locator(".composer-attachments li.attachment--text .attachment-name");
    await attachment.waitFor({ state: "visible", timeout: 30_000 });
    assert.equal(await attachment.textContent(), "echo.ts");

    const threadId = (await client.threads.search({ metadata: { title: TEAM } }))[0].thread_id;
    const input = chat().locator("textarea.composer-input");
    await input.click();
    await input.fill("What does this file do?");
    await input.press("Enter");
    await until(async () => (await chat().locator(".composer-attachments li").count()) === 0, "the composer to hand the file over");
    // The composer empties before the host has started the run: wait for the server to hold the message
    // and for its run to end, so the next test starts on an idle thread.
    let sent = "";
    await until(
      async () => {
        const runs = await client.runs.list(threadId);
        sent = JSON.stringify((await client.threads.getState(threadId)).values);
        return /What does this file do\?/.test(sent) && runs.every((run) => run.status !== "pending" && run.status !== "running");
      },
      "the message on the server and its run ended",
      60_000,
    );
    await chat().locator('button.send-button[data-mode="send"]').waitFor({ state: "attached", timeout: 60_000 });
    assert.match(sent, /What does this file do\?/, "the message was sent");
    assert.match(sent, /echo\.ts/, "the file went with it");
    assert.match(sent, /MessagesAnnotation/, "with its text");
    await workbench().screenshot("graphs-4-explorer-attach");
  });

  it("shows a thread's events beside its chat: rows filtered by text and mode, and the next run streams every mode", async function () {
    this.timeout(120_000);
    const { page } = workbench();
    await open(TEAM, supervisorId);
    await workbench().runCommand("LangGraph: Show Event Log");
    const log = await until(() => webviewWith(page, ".event-log .event-row"), "the event log with rows", 30_000);
    const modes = async () => new Set(await log.locator(".event-row .event-mode").allTextContents());
    // The run before the log opened streamed the chat's own modes.
    assert.ok((await modes()).has("messages-tuple"), [...(await modes())].join(","));
    assert.ok(!(await modes()).has("checkpoints"));

    const chatFrame = await webviewWith(page, "textarea.composer-input");
    const input = chatFrame.locator("textarea.composer-input");
    await input.click();
    await input.fill("status");
    await input.press("Enter");
    // The log follows the new run, which streams the modes it ticks (all of them).
    await until(async () => (await modes()).has("checkpoints") && (await modes()).has("tasks"), "rows of checkpoints and tasks from the new run", 60_000);
    await chatFrame.locator('button.send-button[data-mode="send"]').waitFor({ state: "attached", timeout: 30_000 });

    const filter = log.locator("input.event-filter");
    await filter.fill("custom");
    await until(async () => /^\d+ of \d+ events$/.test((await log.locator(".event-count").textContent()) ?? ""), "the filtered count");
    // The count is written before the windowed list draws the rows it counts.
    await until(async () => [...(await modes())].join(",") === "custom", "only custom rows under the filter");
    await log.locator(".event-row").first().click();
    await until(async () => /"event": "custom/.test((await log.locator(".event-detail").textContent()) ?? ""), "the event's JSON under its row");
    await workbench().screenshot("graphs-5-event-log");
  });

  it("shows the supervisor's graph from the chat panel's title bar: its nodes drawn in the graph view", async function () {
    this.timeout(120_000);
    const { page } = workbench();
    await open(TEAM, supervisorId);
    // The graph view's host side is a bundle of its own in the VSIX, loaded on this first use.
    await page.locator('.editor-actions [aria-label^="Show Graph"]').first().click();
    const graph = await until(() => webviewWith(page, '.graph-node[data-node-id="supervisor"]'), "the supervisor graph's nodes in a graph view", 60_000);
    const drawn = await graph.locator(".graph-node").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-node-id")));
    // The researcher is a subgraph: its own nodes are drawn inside it.
    for (const node of ["supervisor", "researcher:agent", "researcher:tools", "writer"]) assert.ok(drawn.includes(node), `${node} in ${drawn.join(",")}`);
    await workbench().screenshot("graphs-6-graph-view");
  });
});
