import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as l10n from "@vscode/l10n";
import { mapError, toErrorView } from "../../src/deployment/errorMapping";
import { planLaunch } from "../../src/localServer/launchPlan";

const root = join(__dirname, "..", "..");

describe("translation outside the vscode API (@vscode/l10n)", () => {
  afterEach(() => l10n.config({ contents: {} }));

  it("an error, its operation phrase and its buttons come from the configured bundle, as activation configures it", () => {
    l10n.config({
      contents: {
        "Could not {0}: {1}": "Impossible de {0} : {1}",
        "load threads": "charger les fils",
        "Cannot reach {0}. Is the server running? Check \"langgraph.deploymentUrl\".": "{0} est injoignable. Le serveur tourne-t-il ?",
        Retry: "Réessayer",
      },
    });
    const mapped = mapError(new TypeError("fetch failed"), { url: "http://127.0.0.1:9", operation: l10n.t("load threads") });
    assert.equal(mapped.message, "Impossible de charger les fils : http://127.0.0.1:9 est injoignable. Le serveur tourne-t-il ?");
    assert.deepEqual(toErrorView(mapped).actions.map((a) => a.label), ["Réessayer", "Open Settings"]);
  });

  it("the launch plan's missing-CLI message comes from the bundle", () => {
    l10n.config({ contents: { "{0} is not on PATH: the LangGraph CLI runs on Node.js. Install Node.js from {1} (npm and npx come with it).": "{0} introuvable ; installez Node.js : {1}" } });
    const plan = planLaunch(join(root, "test", "fixtures", "agents"), 2024, "");
    assert.equal(plan.kind, "missingCli");
    assert.equal(plan.kind === "missingCli" && plan.message, "npx introuvable ; installez Node.js : https://nodejs.org");
  });

  it("the host bundle and its lazily loaded chunks share one translation table (dist/chunks/l10n.js)", () => {
    // A string from @vscode/l10n's own source: any bundle that holds it carries a second, unconfigured copy.
    const ownCopy = "expected a string as the first argument to l10n.t";
    const chunks = readdirSync(join(root, "dist", "chunks")).filter((name) => name.endsWith(".js"));
    const withCopy = chunks.filter((name) => readFileSync(join(root, "dist", "chunks", name), "utf8").includes(ownCopy));
    assert.deepEqual(withCopy, ["l10n.js"]);
    assert.ok(!readFileSync(join(root, "dist", "extension.js"), "utf8").includes(ownCopy), "dist/extension.js bundles its own copy");
    const users = chunks.filter((name) => readFileSync(join(root, "dist", "chunks", name), "utf8").includes('require("./l10n.js")'));
    assert.ok(users.includes("debugAdapter.js"), `the debug adapter does not use the shared table (users: ${users.join(", ")})`);
  });
});
