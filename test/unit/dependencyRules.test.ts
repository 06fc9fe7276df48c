/**
 * The layering rules in .dependency-cruiser.cjs are only worth having if they fail: this runs them, as
 * `npm run lint:deps` does, over two small `src`-shaped trees, one that breaks them on purpose and one
 * that follows them.
 */
import assert from "node:assert/strict";
import { resolve } from "node:path";
// dependency-cruiser ships as ES modules only: its types are imported as such, the module at run time.
import type { IConfiguration, ICruiseOptions, ICruiseResult } from "dependency-cruiser" with { "resolution-mode": "import" };

const root = resolve(__dirname, "../..");
const fixtures = resolve(root, "test/fixtures/dependencyRules");

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS, as dependency-cruiser reads it
const config = require(resolve(root, ".dependency-cruiser.cjs")) as {
  forbidden: NonNullable<IConfiguration["forbidden"]>;
  options: ICruiseOptions;
};

/** "rule: from → to" for every violation found in the fixture tree `name`. */
async function violations(name: string): Promise<string[]> {
  const { cruise } = await import("dependency-cruiser");
  const { tsConfig: _projectTsConfig, ...options } = config.options;
  const result = await cruise(["src"], {
    ...options,
    // Paths are relative to the fixture, so the rules' `^src/…` patterns apply to it as to the project.
    baseDir: resolve(fixtures, name),
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  const output = result.output as ICruiseResult;
  return output.summary.violations
    .map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
    .sort();
}

describe("dependency rules (.dependency-cruiser.cjs)", function () {
  this.timeout(60_000);

  it("report a cycle, a feature reached past its index and the other layer breaks", async () => {
    const found = await violations("violating");
    assert.deepEqual(found, [
      "browser-layer: src/webview/app.ts → src/graphWebview/view.ts",
      "common-is-pure: src/common/text.ts → src/deployment/gateway.ts",
      "feature-through-index: src/chat/session.ts → src/threads/list.ts",
      // The cycle closes through type-only imports: reported once, from where it was entered.
      "no-circular: src/chat/draft.ts → src/chat/session.ts",
      "no-vscode-in-pure-or-browser: src/webview/host.ts → ../../../../node_modules/@types/vscode/index.d.ts",
      "sdk-only-in-gateway: src/chat/client.ts → ../../../../node_modules/@langchain/langgraph-sdk/dist/index.d.ts",
    ]);
  });

  it("pass a tree that follows them", async () => {
    assert.deepEqual(await violations("clean"), []);
  });
});
