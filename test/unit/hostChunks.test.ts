import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dist = join(__dirname, "..", "..", "dist");

/**
 * The source files whose code a development bundle holds: esbuild heads each module's code with `// src/…`
 * (a module may come in several pieces). A piece that only requires a shared chunk (the translation
 * table) is an import left over from code tree-shaken away, not the module's code.
 */
function modulesOf(bundle: string): Set<string> {
  const pieces = readFileSync(join(dist, bundle), "utf8").split(/^\/\/ (?=\S+\.(?:ts|js|mjs|cjs)$)/m).slice(1);
  const held = new Set<string>();
  for (const piece of pieces) {
    const [name, ...lines] = piece.split("\n");
    const code = lines.filter((line) => line.trim() && !/^var \w+ = __toESM\(require\("\.\/(chunks\/)?\w+\.js"\)\);$/.test(line));
    if (name.startsWith("src/") && code.length > 0) held.add(name);
  }
  return held;
}

/** Per chunk of dist/chunks/, modules that run only once its feature is used: activation must not parse them. */
const lazy: Record<string, string[]> = {
  chatPanel: ["src/chat/chatSession.ts", "src/chat/chatPanel.ts", "src/chat/runController.ts", "src/chat/historyService.ts", "src/chat/branchActions.ts", "src/protocol/chatPageStrings.ts", "src/protocol/chatMessageSchemas.ts"],
  chatCommands: ["src/chat/inputDocuments.ts", "src/chat/attachCommand.ts", "src/chat/fileAttachments.ts"],
  graphPanel: ["src/graph/graphPanel.ts", "src/graph/graphSession.ts", "src/graph/graphCommands.ts"],
  eventLogPanel: ["src/eventLog/eventLogPanelParts.ts", "src/eventLog/eventLogSession.ts", "src/protocol/eventLogMessageSchemas.ts"],
  timelineActions: ["src/timeline/timelineCommands.ts", "src/timeline/compareCommands.ts", "src/timeline/checkpointDocuments.ts", "src/timeline/checkpointEditor.ts"],
  timelineRows: ["src/timeline/timelineModel.ts", "src/timeline/checkpointLines.ts"],
  threadTransfer: ["src/timeline/transferActions.ts", "src/timeline/threadTransfer.ts"],
  threadEdits: ["src/threads/threadEdits.ts", "src/threads/threadActions.ts", "src/threads/stateCommands.ts"],
  assistantCommands: ["src/assistants/assistantCommands.ts", "src/assistants/assistantDocuments.ts", "src/assistants/assistantDraft.ts"],
  inboxCommands: ["src/inbox/inboxCommands.ts", "src/inbox/interruptAnswer.ts", "src/chat/threadRun.ts"],
  deploymentCommands: ["src/deployment/deploymentCommands.ts"],
  lmChat: ["src/lmChat/participant.ts", "src/lmChat/tools.ts", "src/lmChat/conversation.ts"],
  debugAdapter: ["src/debug/langgraphDebugSession.ts"],
  localServerStart: ["src/localServer/localServerStart.ts"],
};

describe("the host bundle's lazily loaded chunks (esbuild.mjs hostChunks)", () => {
  const host = modulesOf("extension.js");

  for (const [chunk, modules] of Object.entries(lazy)) {
    it(`${chunk}: its modules are in dist/chunks/${chunk}.js, not in dist/extension.js`, () => {
      assert.ok(existsSync(join(dist, "chunks", `${chunk}.js`)), `dist/chunks/${chunk}.js is built`);
      const own = modulesOf(join("chunks", `${chunk}.js`));
      assert.deepEqual(modules.filter((module) => !own.has(module)), [], `missing from the chunk`);
      assert.deepEqual(modules.filter((module) => host.has(module)), [], `bundled into the host`);
    });
  }

  it("langchainCore: @langchain/core and langsmith, which the SDK imports only for streams the extension does not use, are in their chunk, not in dist/extension.js", () => {
    const packagesIn = (bundle: string) => readFileSync(join(dist, bundle), "utf8").match(/^\/\/ node_modules\/(?:@langchain\/core|langsmith)\//gm) ?? [];
    assert.deepEqual(packagesIn("extension.js"), [], "bundled into the host");
    assert.ok(packagesIn(join("chunks", "langchainCore.js")).length > 0, "held by dist/chunks/langchainCore.js");
    assert.ok(readFileSync(join(dist, "extension.js"), "utf8").includes('require("./chunks/langchainCore.js")'), "required on first use");
    // The chunk as built gives the SDK core's own classes and functions.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built chunk, as the host requires it
    const core = require(join(dist, "chunks", "langchainCore.js")) as typeof import("../../src/deployment/langchainCore");
    assert.equal(new core.AIMessage({ content: "from the chunk" }).getType(), "ai");
    assert.match(core.v7(), /^[0-9a-f-]{36}$/);
  });

  it("the host bundle requires each chunk where its feature starts, by its path", () => {
    const text = readFileSync(join(dist, "extension.js"), "utf8");
    for (const chunk of Object.keys(lazy)) assert.ok(text.includes(`require("./chunks/${chunk}.js")`), `dist/extension.js requires ./chunks/${chunk}.js`);
  });
});
