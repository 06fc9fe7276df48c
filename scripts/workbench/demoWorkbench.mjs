/**
 * The start of the demo and of the README's screenshots: the workbench installed, the VSIX packed, a
 * LangGraph server with the example graphs seeded with threads, and code-server with the VSIX installed,
 * pointed at that server, on a copy of the example agents.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startCodeServer } from "./codeServer.mjs";
import { startLangGraphServer } from "./langgraphServer.mjs";
import { packVsix } from "./packVsix.mjs";
import { repoRoot } from "./paths.mjs";
import { seedThreads } from "./seedThreads.mjs";
import { setup } from "./setup.mjs";

/**
 * Everything it starts goes on `cleanups`, so the caller stops it all however it ends.
 * @param {object} options
 * @param {string} options.name  names the scratch folder (langgraph-NAME-…)
 * @param {(message: string) => void} options.say
 * @param {{ push(step: () => Promise<unknown>): void }} options.cleanups  see cleanupStack.mjs
 * @param {import("./seedThreads.mjs").SeedThread[]} options.threads  what to seed
 * @param {number} [options.seedGapMs]  see seedThreads()
 * @param {string} [options.vsix]  install this VSIX instead of packing one
 * @param {boolean} [options.vsixInRepo]  pack to langgraph-threads.vsix at the repository root (as
 *   `npm run package` does) rather than into the scratch folder
 * @param {number} [options.port]  code-server's port (default: a free one)
 * @param {Record<string, unknown>} [options.settings]  more user settings than `langgraph.deploymentUrl`
 */
export async function startDemoWorkbench(options) {
  const { say, cleanups } = options;
  await setup();
  const scratch = mkdtempSync(join(tmpdir(), `langgraph-${options.name}-`));
  cleanups.push(async () => rmSync(scratch, { recursive: true, force: true }));
  let vsix = options.vsix && resolve(options.vsix);
  if (!vsix) {
    say("packing the VSIX…");
    vsix = packVsix(join(options.vsixInRepo ? repoRoot : scratch, "langgraph-threads.vsix"));
  }

  const langgraph = await startLangGraphServer();
  cleanups.push(langgraph.stop);
  say(`LangGraph server at ${langgraph.url}; seeding threads…`);
  await seedThreads(langgraph.url, options.threads, { say, gapMs: options.seedGapMs });

  // The workspace: a copy of the example agents, with their langgraph.json and their dependencies.
  const workspace = join(scratch, "langgraph-agents");
  const server = await startCodeServer({
    port: options.port,
    vsix,
    workspace,
    copyWorkspaceFrom: join(repoRoot, "test", "fixtures", "agents"),
    linkDependencies: true,
    settings: { "langgraph.deploymentUrl": langgraph.url, ...options.settings },
  });
  cleanups.push(server.stop);
  return { langgraph, server, workspace };
}
