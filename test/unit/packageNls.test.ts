import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { userVisibleStrings } from "./manifestStrings";

const root = join(__dirname, "..", "..");
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), "utf8")) as Record<string, unknown>;
const PLACEHOLDER = /^%([\w.-]+)%$/;

describe("package.json contributions are localizable", () => {
  const manifest = readJson("package.json");
  const nls = readJson("package.nls.json") as Record<string, string>;
  const strings = userVisibleStrings(manifest);

  it("every user-visible contributed string is a %placeholder%, not a literal", () => {
    assert.ok(strings.length > 50, `only ${strings.length} strings found: the walk missed the contributions`);
    const literals = strings.filter(({ value }) => typeof value !== "string" || !PLACEHOLDER.test(value));
    assert.deepEqual(literals.map(({ path, value }) => `${path}: ${JSON.stringify(value)}`), [], "literals in package.json (move them to package.nls.json)");
  });

  it("every placeholder has its English text in package.nls.json, and every entry there is used", () => {
    const keys = strings.map(({ value }) => PLACEHOLDER.exec(String(value))?.[1]).filter((key): key is string => !!key);
    const missing = keys.filter((key) => typeof nls[key] !== "string" || nls[key].trim() === "");
    assert.deepEqual(missing, [], "placeholders without text");
    const unused = Object.keys(nls).filter((key) => !keys.includes(key));
    assert.deepEqual(unused, [], "package.nls.json entries nothing uses");
  });

  it("the check finds a literal wherever a contribution shows text", () => {
    const literal = "Shown as is";
    const manifestWithLiterals = {
      displayName: "%x%",
      contributes: {
        commands: [{ command: "a.b", title: literal, category: "%x%" }],
        configuration: { title: "%x%", properties: { "a.b": { description: "%x%", items: { properties: { name: { description: literal } } } } } },
        walkthroughs: [{ title: "%x%", description: "%x%", steps: [{ title: "%x%", description: literal }] }],
        languageModelTools: [{ displayName: literal, modelDescription: "for the model only" }],
      },
    };
    const found = userVisibleStrings(manifestWithLiterals).filter(({ value }) => value === literal);
    assert.deepEqual(
      found.map(({ path }) => path),
      ["commands[0].title", "configuration[0].a.b.items.properties.name.description", "languageModelTools[0].displayName", "walkthroughs[0].steps[0].description"],
    );
  });
});
