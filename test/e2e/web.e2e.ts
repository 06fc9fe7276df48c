/**
 * The browser build (`"browser"` in package.json) in the workbench's web worker extension host, as on
 * vscode.dev: the same VSIX, with `remote.extensionKind` asking for the web host. The LangGraph server
 * allows only the workbench's origin by CORS (`http.cors.allow_origins`), as a remote deployment must.
 */
import * as assert from "node:assert/strict";
import { Client } from "@langchain/langgraph-sdk";
import type { LangGraphServer } from "../../scripts/workbench/langgraphServer.mjs" with { "resolution-mode": "import" };
import { screenshotIfFailed, sidebarPane, startWorkbench, threadRow, until, type Workbench } from "./workbench";

const TITLE = "Planned in the browser";
const MESSAGE = "Where should we sail next?";

describe("the web build in the web worker extension host", function () {
  let workbench: Workbench | undefined;
  let langgraph: LangGraphServer | undefined;
  let pirateId: string;

  before(async function () {
    this.timeout(300_000);
    const { freePort } = await import("../../scripts/workbench/freePort.mjs");
    const { startLangGraphServer } = await import("../../scripts/workbench/langgraphServer.mjs");
    const port = await freePort();
    langgraph = await startLangGraphServer({ corsOrigins: [`http://127.0.0.1:${port}`] });
    const client = new Client({ apiUrl: langgraph.url, apiKey: null });
    const thread = await client.threads.create({ metadata: { title: TITLE } });
    await client.runs.wait(thread.thread_id, "echo", { input: { messages: [{ role: "human", content: "Hello from the first assistant's turn." }] } });
    pirateId = (await client.assistants.create({ graphId: "echo", name: "Pirate", config: { configurable: { persona: "Pirate" } } })).assistant_id;

    workbench = await startWorkbench({
      langgraphUrl: langgraph.url,
      port,
      settings: { "remote.extensionKind": { "langgraph-threads.langgraph-threads": ["web"] } },
    });
  });

  afterEach(async function () {
    await screenshotIfFailed(this, workbench);
  });

  after(async function () {
    this.timeout(60_000);
    await workbench?.stop();
    await langgraph?.stop();
  });

  const chat = () => workbench!.chatFrame();
  const aiMessages = () => chat().locator("article.message--ai");

  it("runs in the web worker host: Start Local Server says it needs a desktop VS Code", async function () {
    const { page } = workbench!;
    await workbench!.openLangGraphContainer();
    await workbench!.runCommand("LangGraph: Start Local Server");
    const toast = page.locator(".notifications-toasts .notification-toast", { hasText: "not available in VS Code for the Web" });
    await toast.first().waitFor({ state: "visible", timeout: 30_000 });
    await workbench!.screenshot("web-1-local-server-off");
  });

  it("says once, when a langgraph.json is opened, that its language server is off and why", async function () {
    const { page } = workbench!;
    const toasts = page.locator(".notifications-toasts .notification-toast");
    const notice = toasts.filter({ hasText: "langgraph.json language server is off in VS Code for the Web" });
    const openLangGraphJson = async () => {
      const input = page.locator(".quick-input-widget input.input");
      await page.keyboard.press("Control+P");
      await input.waitFor({ state: "visible" });
      await input.fill("langgraph.json");
      await page.locator(".quick-input-widget .monaco-list-row", { hasText: "langgraph.json" }).first().waitFor({ state: "visible" });
      await page.keyboard.press("Enter");
      await input.waitFor({ state: "hidden" });
      await page.locator(".tabs-container .tab.active", { hasText: "langgraph.json" }).waitFor({ state: "visible" });
    };
    await workbench!.runCommand("Notifications: Clear All Notifications");
    await openLangGraphJson();
    await notice.first().waitFor({ state: "visible", timeout: 30_000 });
    assert.match((await notice.first().textContent()) ?? "", /needs a desktop VS Code/);
    await workbench!.screenshot("web-1b-langgraph-json-server-off");

    // Cleared, the file closed and opened again: it is not said twice. The local server's refusal, asked
    // for after the reopening, comes from the same extension host after anything the reopening said.
    await workbench!.runCommand("Notifications: Clear All Notifications");
    await notice.first().waitFor({ state: "hidden" });
    await workbench!.runCommand("View: Close All Editors");
    await openLangGraphJson();
    await workbench!.runCommand("LangGraph: Start Local Server");
    await toasts.filter({ hasText: "not available in VS Code for the Web" }).first().waitFor({ state: "visible", timeout: 30_000 });
    assert.equal(await notice.count(), 0, "the notice is said once");
    await workbench!.runCommand("Notifications: Clear All Notifications");
    await workbench!.runCommand("View: Close All Editors");
  });

  it("lists the deployment's assistants under their graphs in the Assistants view", async function () {
    const { page } = workbench!;
    await workbench!.openLangGraphContainer();
    const assistants = sidebarPane(page, "Assistants");
    const header = assistants.locator(".pane-header").first();
    if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
    const rowNamed = (level: number, name: string) =>
      assistants.locator(`.monaco-list-row[aria-level="${level}"]`).filter({ has: page.locator(".label-name", { hasText: new RegExp(`^\\s*${name}\\s*$`) }) }).first();
    const graph = rowNamed(1, "echo");
    await graph.waitFor({ state: "visible", timeout: 60_000 });
    if ((await graph.getAttribute("aria-expanded")) === "false") await graph.click();
    await rowNamed(2, "Pirate").waitFor({ state: "visible", timeout: 30_000 });
    await workbench!.screenshot("web-2-assistants");
  });

  it("lists the deployment's threads and opens one", async function () {
    const { page } = workbench!;
    await workbench!.openLangGraphContainer();
    await threadRow(page, TITLE).first().waitFor({ state: "visible", timeout: 60_000 });
    await threadRow(page, TITLE).first().click();
    await chat().locator("h1.thread-title").filter({ hasText: TITLE }).waitFor({ state: "visible", timeout: 60_000 });
    await until(async () => (await aiMessages().locator(".message-author-name").allTextContents()).join() === "echo", "the first reply labelled echo");
    await workbench!.screenshot("web-3-thread-open");
  });

  it("sends the next message to a second assistant and shows its labelled reply", async function () {
    const picker = chat().locator("select.assistant-picker");
    await until(async () => (await picker.locator(`option[value="${pirateId}"]`).count()) > 0, "Pirate in the assistant picker");
    await picker.selectOption(pirateId);
    const input = chat().locator("textarea.composer-input");
    await input.click();
    await input.fill(MESSAGE);
    await input.press("Enter");
    const reply = aiMessages().filter({ hasText: "[Pirate]" }).first();
    await reply.waitFor({ state: "visible", timeout: 60_000 });
    assert.match((await reply.locator(".message-body").textContent()) ?? "", /^\[Pirate\] You said: "Where should we sail next\?"/);
    await until(
      async () => JSON.stringify(await aiMessages().locator(".message-author-name").allTextContents()) === JSON.stringify(["echo", "Pirate"]),
      "the replies labelled echo and Pirate",
    );
    await workbench!.screenshot("web-4-pirate-reply");
  });

  it("opens the thread's checkpoint timeline from the chat panel", async function () {
    const { page } = workbench!;
    await page.locator('.editor-actions [aria-label^="Show Checkpoint Timeline"]').first().click();
    // Room for the Checkpoints pane, as a user would make it: the panes below Threads collapsed.
    for (const other of ["Needs Input", "Assistants"]) {
      const header = sidebarPane(page, other).locator(".pane-header").first();
      if ((await header.count()) && (await header.getAttribute("aria-expanded")) === "true") await header.click();
    }
    const checkpoints = sidebarPane(page, "Checkpoints");
    await checkpoints.locator(".pane-header[aria-expanded='true']").waitFor({ state: "visible", timeout: 30_000 });
    const label = (pattern: RegExp) => checkpoints.locator(".monaco-list-row .label-name", { hasText: pattern }).first();
    await label(/^\s*step 0 · start\s*$/).waitFor({ state: "visible", timeout: 60_000 });
    // The Pirate's reply is the newest checkpoint: the timeline reads the whole thread, not only its start.
    await label(/^\s*step \d+ · agent\s*$/).waitFor({ state: "visible", timeout: 30_000 });
    await workbench!.screenshot("web-5-timeline");
  });

  it("shows the assistant's graph in the graph view", async function () {
    const { page } = workbench!;
    // The chat panel's title bar button (the palette's F1 can be lost while the webview holds focus).
    await page.locator('.editor-actions [aria-label^="Show Graph"]').first().click();
    // The graph view opens beside the chat: the page whose nodes are drawn, whichever webview it is.
    const agentNode = async () => {
      for (const frame of page.frames()) {
        if (await frame.locator('.graph-node[data-node-id="agent"]').count().catch(() => 0)) return true;
      }
      return false;
    };
    await until(agentNode, "the echo graph's agent node in a graph view", 60_000);
    await workbench!.screenshot("web-6-graph");
  });
});
