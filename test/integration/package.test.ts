import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

describe("the VSIX", () => {
  it("holds only bundles and media and stays under 2 MB", function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), "vsix-"));
    const out = join(dir, "test.vsix");
    try {
      const root = resolve(__dirname, "../..");
      const output = execFileSync(process.execPath, ["scripts/package.mjs", "--out", out], { cwd: root, encoding: "utf8" });
      const files = output.split("\n").filter((l) => l.startsWith("  ")).map((l) => l.trim());
      assert.ok(files.includes("dist/extension.js"));
      assert.ok(files.includes("dist/webview.js"));
      assert.ok(files.includes("dist/eventLogWebview.js"));
      assert.ok(files.includes("dist/langgraphJsonServer.js"));
      for (const file of files) assert.match(file, /^(dist\/|media\/|package\.json$|package\.nls\.json$|l10n\/bundle\.l10n\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/, file);
      // What the Marketplace shows: the icon, the changelog, and the English text of every contribution and runtime string.
      for (const file of ["media/icon.png", "CHANGELOG.md", "package.nls.json", "l10n/bundle.l10n.json"]) assert.ok(files.includes(file), `${file} is packaged`);
      assert.ok(!files.some((f) => f.endsWith(".map") || f.endsWith(".ts")), "no sources or maps");
      assert.ok(statSync(out).size < 2 * 1024 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      // The package script minifies the bundles; rebuild the development ones for later suites.
      execFileSync(process.execPath, ["esbuild.mjs"], { cwd: resolve(__dirname, "../.."), stdio: "ignore" });
    }
  });
});
