import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ts from "typescript";

const AGENTS = resolve(__dirname, "../fixtures/agents");

/** What VS Code's TypeScript reports for the folder's files (with its tsconfig.json when it has one). */
function problems(folder: string): string[] {
  const configPath = ts.findConfigFile(folder, (file) => ts.sys.fileExists(file));
  const inFolder = configPath?.startsWith(folder) ? configPath : undefined;
  const parsed = inFolder
    ? ts.parseJsonConfigFileContent(ts.readConfigFile(inFolder, (file) => ts.sys.readFile(file)).config, ts.sys, folder)
    : { options: { strict: true, noEmit: true }, fileNames: ts.sys.readDirectory(folder, [".ts"]) };
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? d.file.fileName.slice(folder.length + 1) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

/** The e2e workbench and the screenshots open a copy of the example agents; its TypeScript must be clean. */
describe("the example agents copied into a workbench workspace", () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "example-agents-"));
    cpSync(AGENTS, folder, { recursive: true });
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("type-check without errors once their dependencies are linked, and not without", async function () {
    this.timeout(120_000);
    const bare = problems(folder);
    assert.ok(
      bare.some((p) => /^tools\.ts: Cannot find module '@langchain\/langgraph'/.test(p)),
      bare.join("\n"),
    );
    const { linkDependencies } = await import("../../scripts/workbench/workspaceDependencies.mjs");
    linkDependencies(folder);
    assert.deepEqual(problems(folder), []);
  });
});
