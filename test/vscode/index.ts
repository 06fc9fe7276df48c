/**
 * The tests module that VS Code loads into the extension host (`extensionTestsPath`): it runs mocha over
 * the in-host test files bundled next to it. Both launchers use it: `run.mjs` (code-server in Chromium)
 * and `runElectron.mjs` (`@vscode/test-electron`, desktop VS Code).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import Mocha from "mocha";

/**
 * In the browser workbench the extension host's console reaches the launcher mixed into the
 * workbench's own log, one message per console call: the reporter's lines carry a prefix so the
 * launcher can print them alone and in order.
 */
const outputPrefix = process.env.VSCODE_TEST_OUTPUT_PREFIX ?? "";

export function run(): Promise<void> {
  if (outputPrefix) {
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
      for (const line of format(...args).split("\n")) console.log(outputPrefix + line);
    };
  }
  const mocha = new Mocha({
    ui: "bdd",
    timeout: 60_000,
    color: process.env.VSCODE_TEST_COLOR === "1",
    grep: process.env.VSCODE_TEST_GREP || undefined,
    reporter: "spec",
  });
  const files = readdirSync(__dirname, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.js"))
    .sort();
  for (const file of files) mocha.addFile(join(__dirname, file));

  // A throw in the executor, mocha's own included, rejects the promise with what was thrown.
  return new Promise<number>((resolve) => {
    if (files.length === 0) throw new Error(`no *.test.js file next to ${__filename}`);
    mocha.run(resolve);
  }).then((failures) => {
    if (failures > 0) throw new Error(`${failures} in-host test(s) failed`);
  });
}
