/**
 * The Get Started walkthrough in a real workbench: its first three steps (connect, open a thread, send a
 * message) are each checked by doing what they say, not by clicking their checkbox. The walkthrough's
 * screenshot in the README (docs/images/walkthrough.png) is this file's walkthrough-three-steps-done.png.
 */
import * as assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { useWorkbench } from "./workbench";

const WALKTHROUGH_TITLE = "Get Started with LangGraph Threads";
const THREAD_TITLE = "First thread from the walkthrough";
const MESSAGE = "Hello from the walkthrough";

/** A step's checkbox in the walkthrough page: `aria-checked` says whether VS Code counts it done. */
function stepCheckbox(page: Page, stepId: string): Locator {
  return page.locator(`.gettingStartedContainer [data-done-step-id$="#${stepId}"]`).first();
}

async function stepDone(page: Page, stepId: string): Promise<boolean> {
  return (await stepCheckbox(page, stepId).getAttribute("aria-checked")) === "true";
}

async function waitForStepDone(page: Page, stepId: string): Promise<void> {
  await page.waitForFunction(
    (id) => document.querySelector(`.gettingStartedContainer [data-done-step-id$="#${id}"]`)?.getAttribute("aria-checked") === "true",
    stepId,
    { timeout: 30_000 },
  );
}

/**
 * Brings the walkthrough forward again: its tab is titled after the walkthrough ("Walkthrough: …"), or
 * "Welcome" when it came back on the overview of every walkthrough, where this one's entry opens its steps.
 */
async function showWalkthrough(page: Page): Promise<void> {
  await page.locator(".tabs-container .tab", { hasText: /^\s*(Walkthrough: |Welcome)/ }).first().click();
  // The page keeps both slides (the overview and a walkthrough's steps) in the DOM; the one not shown has its
  // buttons disabled. On the overview, this walkthrough's entry opens its steps.
  const steps = page.locator(".gettingStartedContainer .getting-started-step:not([disabled])", { hasText: "Open a thread" }).first();
  const entry = page.locator(".gettingStartedContainer button:not([disabled])", { hasText: WALKTHROUGH_TITLE }).first();
  if (!(await steps.isVisible()) && (await entry.isVisible())) await entry.click();
  await steps.waitFor({ state: "visible" });
}

describe("the Get Started walkthrough in a real VS Code workbench", function () {
  const workbench = useWorkbench({
    seed: async (client) => {
      await client.threads.create({ metadata: { title: THREAD_TITLE } });
    },
  });

  it("opens from the command palette with five steps, none done yet", async function () {
    const { page } = workbench();
    await workbench().runCommand("Welcome: Open Walkthrough...");
    await page.locator(".quick-input-widget .monaco-list-row", { hasText: WALKTHROUGH_TITLE }).first().click();
    await page.locator(".gettingStartedContainer", { hasText: WALKTHROUGH_TITLE }).first().waitFor({ state: "visible", timeout: 30_000 });
    for (const step of ["connect", "openThread", "sendMessage", "switchAssistant", "apiKey"]) {
      await stepCheckbox(page, step).waitFor({ state: "attached" });
      assert.equal(await stepDone(page, step), false, `${step} is not done before it is done`);
    }
    await workbench().screenshot("walkthrough-start");
  });

  it("step 1 is checked once the connection to the deployment works", async function () {
    const { page } = workbench();
    await workbench().runCommand("LangGraph: Test Connection");
    await page.locator(".statusbar-item", { hasText: new URL(workbench().langgraphUrl).host }).locator(".codicon-pass-filled").first().waitFor({ timeout: 30_000 });
    await waitForStepDone(page, "connect");
    assert.equal(await stepDone(page, "openThread"), false, "only the step that was done is checked");
  });

  it("step 2 is checked once a thread opens in a chat panel", async function () {
    const { page } = workbench();
    await workbench().openLangGraphContainer();
    const row = page.locator(".part.sidebar .monaco-list-row", { hasText: THREAD_TITLE }).first();
    await row.waitFor({ state: "visible", timeout: 30_000 });
    await row.click();
    await page.locator(".tabs-container .tab.active", { hasText: THREAD_TITLE }).waitFor({ state: "visible", timeout: 30_000 });
    await workbench().chatFrame().locator("textarea.composer-input").waitFor({ state: "visible", timeout: 30_000 });
    await showWalkthrough(page);
    await waitForStepDone(page, "openThread");
    assert.equal(await stepDone(page, "sendMessage"), false);
  });

  it("step 3 is checked once a message sent from the chat panel is answered", async function () {
    const { page } = workbench();
    await page.locator(".tabs-container .tab", { hasText: THREAD_TITLE }).first().click();
    const chat = workbench().chatFrame();
    const input = chat.locator("textarea.composer-input");
    await input.click();
    await input.fill(MESSAGE);
    await input.press("Enter");
    // The panel's first assistant answers (the approval graph quotes the message and waits for approval: the run ends).
    await chat.locator("article.message--ai .message-body", { hasText: MESSAGE }).first().waitFor({ state: "visible", timeout: 60_000 });
    await showWalkthrough(page);
    await waitForStepDone(page, "sendMessage");
    assert.equal(await stepDone(page, "switchAssistant"), false, "switching the assistant is still to do");
    await page.locator(".gettingStartedContainer .getting-started-step", { hasText: "Switch the assistant" }).first().click();
    await workbench().screenshot("walkthrough-three-steps-done");
  });
});
