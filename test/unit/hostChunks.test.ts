import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dist = join(__dirname, "..", "..", "dist");

/** The source files a development bundle holds: esbuild heads each module's code with `// src/…`. */
function modulesOf(bundle: string): Set<string> {
  return new Set([...readFileSync(join(dist, bundle), "utf8").matchAll(/^\/\/ (src\/\S+\.ts)$/gm)].map((match) => match[1]));
}

/** Per chunk of dist/chunks/, modules that run only once its feature is used: activation must not parse them. */
const lazy: Record<string, string[]> = {
  chatPanel: ["src/chat/chatSession.ts", "src/chat/chatPanel.ts", "src/chat/runController.ts", "src/chat/historyService.ts", "src/chat/branchActions.ts", "src/protocol/chatPageStrings.ts", "src/protocol/chatMessageSchemas.ts"],
  graphPanel: ["src/graph/graphPanel.ts", "src/graph/graphSession.ts"],
  threadTransfer: ["src/timeline/transferActions.ts", "src/timeline/threadTransfer.ts"],
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

  it("the host bundle requires each chunk where its feature starts, by its path", () => {
    const text = readFileSync(join(dist, "extension.js"), "utf8");
    for (const chunk of Object.keys(lazy)) assert.ok(text.includes(`require("./chunks/${chunk}.js")`), `dist/extension.js requires ./chunks/${chunk}.js`);
  });
});
