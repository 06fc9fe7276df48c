import * as assert from "node:assert/strict";
import { screenshotIfFailed, startWorkbench, type Workbench } from "./workbench";

describe("the extension in a real VS Code workbench", function () {
  let workbench: Workbench | undefined;

  before(async function () {
    workbench = await startWorkbench();
  });

  afterEach(async function () {
    await screenshotIfFailed(this, workbench);
  });

  after(async function () {
    await workbench?.stop();
  });

  it("loads the workbench and opens the LangGraph container with its Threads and Assistants views", async function () {
    const { page } = workbench!;
    await workbench!.openLangGraphContainer();
    const sideBar = page.locator(".part.sidebar");
    for (const view of ["Threads", "Assistants"]) {
      await sideBar.locator(".pane-header", { hasText: view }).first().waitFor({ state: "visible" });
    }
    assert.equal((await sideBar.locator(".composite.title h2").textContent())?.trim(), "LangGraph");
    await workbench!.screenshot("smoke-langgraph-container");
  });
});
