import * as assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { planLaunch } from "../../src/localServer/launchPlan";

describe("how Start Local Server launches a folder's graphs", () => {
  let root: string;
  let bin: string;
  const project = (files: Record<string, string>) => {
    const folder = mkdtempSync(join(root, "project-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
    return folder;
  };
  const tool = (name: string) => {
    writeFileSync(join(bin, name), "#!/bin/sh\n");
    chmodSync(join(bin, name), 0o755);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "launch-plan-"));
    bin = join(root, "bin");
    mkdirSync(bin);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("a JS project runs the LangGraph CLI from the npm registry with npx, on the port, without a browser", () => {
    tool("npx");
    const folder = project({ "langgraph.json": JSON.stringify({ graphs: { agent: "./src/agent.ts:graph" } }) });
    assert.deepEqual(planLaunch(folder, 4123, bin), {
      kind: "run",
      label: "npx @langchain/langgraph-cli dev",
      command: "npx",
      args: ["--yes", "@langchain/langgraph-cli", "dev", "--no-browser", "--host", "127.0.0.1", "--port", "4123", "--config", "langgraph.json"],
    });
  });

  it("a project with its own langgraph dev script runs that script, with the flags after --", () => {
    tool("npm");
    const folder = project({
      "langgraph.json": JSON.stringify({ graphs: { agent: "./agent.ts:graph" } }),
      "package.json": JSON.stringify({ scripts: { build: "tsc", "start:graph": "npx @langchain/langgraph-cli dev --config ./langgraph.json" } }),
    });
    const plan = planLaunch(folder, 5000, bin);
    assert.equal(plan.kind, "run");
    assert.deepEqual(plan.kind === "run" && [plan.command, ...plan.args], ["npm", "run", "start:graph", "--", "--no-browser", "--host", "127.0.0.1", "--port", "5000"]);
  });

  it("a pnpm project runs its script with pnpm", () => {
    tool("pnpm");
    const folder = project({
      "langgraph.json": "{}",
      "package.json": JSON.stringify({ scripts: { dev: "langgraphjs dev" } }),
      "pnpm-lock.yaml": "",
    });
    const plan = planLaunch(folder, 5001, bin);
    assert.deepEqual(plan.kind === "run" && [plan.command, ...plan.args.slice(0, 2)], ["pnpm", "run", "dev"]);
  });

  it("a Python project runs langgraph dev when it is on PATH", () => {
    tool("langgraph");
    const folder = project({ "langgraph.json": JSON.stringify({ python_version: "3.12", graphs: { agent: "./agent.py:graph" } }) });
    assert.deepEqual(planLaunch(folder, 6000, bin), {
      kind: "run",
      label: "langgraph dev",
      command: "langgraph",
      args: ["dev", "--no-browser", "--host", "127.0.0.1", "--port", "6000"],
    });
  });

  it("a Python project without the CLI on PATH gets the install command, and nothing runs", () => {
    tool("npx");
    const folder = project({ "langgraph.json": JSON.stringify({ graphs: { agent: "./my_agent/agent.py:graph" } }) });
    const plan = planLaunch(folder, 6001, `${bin}${delimiter}/nonexistent`);
    assert.equal(plan.kind, "missingCli");
    assert.equal(plan.kind === "missingCli" && plan.installCommand, 'pip install -U "langgraph-cli[inmem]"');
    assert.match(plan.kind === "missingCli" ? plan.message : "", /`langgraph`\) is not on PATH/);
  });

  it("a JS project on a machine without npx is told to install Node.js", () => {
    const folder = project({ "langgraph.json": JSON.stringify({ node_version: "20", graphs: { agent: "./agent.ts:graph" } }) });
    const plan = planLaunch(folder, 7000, bin);
    assert.equal(plan.kind, "missingCli");
    assert.match(plan.kind === "missingCli" ? plan.message : "", /^npx is not on PATH.*Node\.js/);
  });

  it("without a graph to go by, pyproject.toml alone makes it a Python project", () => {
    tool("langgraph");
    const folder = project({ "langgraph.json": "{}", "pyproject.toml": "" });
    const plan = planLaunch(folder, 7001, bin);
    assert.equal(plan.kind === "run" && plan.command, "langgraph");
  });
});
