/**
 * VS Code's own Chat view asking a deployment's assistant through `@langgraph`, typed into the chat
 * input of a real workbench. A test-only chat model is installed beside the extension: the Chat view
 * refuses every request while no model is registered (users with any model provider have one).
 */
import * as assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useWorkbench } from "./workbench";

const QUESTION = "Hello from the Chat view";

describe("@langgraph in VS Code's Chat view", function () {
  let scratch: string | undefined;
  let placeholderModel: string;

  before(async function () {
    scratch = mkdtempSync(join(tmpdir(), "langgraph-e2e-chat-"));
    const { packagePlaceholderModel } = await import("../../scripts/workbench/placeholderModel.mjs");
    placeholderModel = packagePlaceholderModel(scratch);
  });

  const workbench = useWorkbench(() => ({ extraVsix: [placeholderModel], settings: { "chat.disableAIFeatures": false } }));

  after(function () {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("answers `@langgraph /assistant echo …` with the echo assistant's reply, run on the deployment", async function () {
    this.timeout(180_000);
    const { page } = workbench();
    await workbench().runCommand("Chat: Open Chat");
    const input = page.locator(".interactive-input-part .monaco-editor").first();
    await input.waitFor({ state: "visible", timeout: 60_000 });
    const responses = page.locator(".interactive-response");
    // VS Code resolves chat models lazily: the first request can find the placeholder model not yet
    // registered and be refused ("Language model unavailable", or, on a busy machine, the sign-in
    // dialog VS Code shows when it knows no model); that request registers it, so once the model
    // picker shows it, the question is asked again. A user with a model provider never sees this.
    const signIn = page.getByText("Sign in to use GitHub Copilot");
    let refused = 0;
    for (;;) {
      const before = await responses.count();
      await input.click();
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Backspace");
      await page.keyboard.type(`@langgraph /assistant echo ${QUESTION}`);
      await page.keyboard.press("Enter");
      const response = responses.nth(before);
      await response
        .filter({ hasText: `You said: "${QUESTION}"` })
        .or(response.filter({ hasText: "Language model unavailable" }))
        .or(signIn)
        .first()
        .waitFor({ state: "visible", timeout: 90_000 });
      if (await signIn.isVisible()) await page.keyboard.press("Escape");
      else if (!(await response.textContent())?.includes("Language model unavailable")) break;
      refused++;
      assert.ok(refused < 2, "the Chat view refused the request again: no chat model");
      await page.locator(".interactive-input-part", { hasText: "Placeholder" }).first().waitFor({ state: "visible", timeout: 30_000 });
    }
    await workbench().screenshot("lmchat-chat-view-answer");

    // The answer is the deployment's: the echo assistant ran on a thread there with this message.
    const { client } = workbench();
    const [echo] = (await client.assistants.search({ graphId: "echo", limit: 10 })).filter((a) => a.metadata?.created_by === "system");
    const threads = await client.threads.search({ limit: 20, sortBy: "updated_at", sortOrder: "desc" });
    const asked = [];
    for (const thread of threads) {
      const runs = await client.runs.list(thread.thread_id, { limit: 20 });
      const state = JSON.stringify((await client.threads.getState(thread.thread_id)).values);
      if (runs.some((run) => run.assistant_id === echo.assistant_id && run.status === "success") && state.includes(QUESTION)) asked.push(thread.thread_id);
    }
    assert.equal(asked.length, 1, "one thread on the deployment holds the question and a successful run of echo");
  });
});
