import * as assert from "node:assert/strict";
import { useWorkbench } from "./workbench";

describe("the extension in a real VS Code workbench", function () {
  const workbench = useWorkbench();

  it("loads the workbench and opens the LangGraph container with its Threads and Assistants views", async function () {
    const { page } = workbench();
    await workbench().openLangGraphContainer();
    const sideBar = page.locator(".part.sidebar");
    for (const view of ["Threads", "Assistants"]) {
      await sideBar.locator(".pane-header", { hasText: view }).first().waitFor({ state: "visible" });
    }
    assert.equal((await sideBar.locator(".composite.title h2").textContent())?.trim(), "LangGraph");
    await workbench().screenshot("smoke-langgraph-container");
  });
});
