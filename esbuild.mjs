/**
 * One build for every entry point: the extension host (Node, CommonJS, `vscode` external), the same host
 * for the browser's web worker extension host (vscode.dev), the chat webview (browser, IIFE) and the
 * langgraph.json language server (Node, CommonJS).
 *   node esbuild.mjs [--watch] [--production]
 */
import * as esbuild from "esbuild";
import { cpSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";

const watch = process.argv.includes("--watch");
const production = process.argv.includes("--production");

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : "linked",
  logLevel: "warning",
  legalComments: "none",
};

/**
 * Code the extension host loads on first use, each in a bundle of its own, so activation neither reads nor
 * parses it: the host bundle keeps a plain `require("./chunks/…")` where the source requires the module.
 */
const hostChunks = [
  { name: "languageClient", module: "./client", importer: /src[\\/]langgraphJson[\\/]/, entryPoints: ["src/langgraphJson/client.ts"] },
  // The JSON language service ships UMD builds whose inner requires esbuild cannot follow: its ESM build.
  { name: "stateSchema", module: "./stateSchema", importer: /src[\\/]timeline[\\/]/, entryPoints: ["src/timeline/stateSchema.ts"], options: { mainFields: ["module", "main"] } },
  { name: "debugAdapter", module: "./langgraphDebugSession", importer: /src[\\/]debug[\\/]/, entryPoints: ["src/debug/langgraphDebugSession.ts"] },
  { name: "inputCheck", module: "./inputCheck", importer: /src[\\/]chat[\\/]/, entryPoints: ["src/chat/inputCheck.ts"] },
  { name: "threadTransfer", module: "./transferActions", importer: /src[\\/]timeline[\\/]/, entryPoints: ["src/timeline/transferActions.ts"] },
  { name: "localServerStart", module: "./localServerStart", importer: /src[\\/]localServer[\\/]/, entryPoints: ["src/localServer/localServerStart.ts"] },
  { name: "graphPanel", module: "./graphParts", importer: /src[\\/]graph[\\/]/, entryPoints: ["src/graph/graphParts.ts"] },
  { name: "chatPanel", module: "./chatPanelParts", importer: /src[\\/]chat[\\/]/, entryPoints: ["src/chat/chatPanelParts.ts"] },
  { name: "timelineActions", module: "./timelineActions", importer: /src[\\/]timeline[\\/]/, entryPoints: ["src/timeline/timelineActions.ts"] },
  { name: "threadEdits", module: "./threadEdits", importer: /src[\\/]threads[\\/]/, entryPoints: ["src/threads/threadEdits.ts"] },
  { name: "assistantCommands", module: "./assistantCommands", importer: /src[\\/]assistants[\\/]/, entryPoints: ["src/assistants/assistantCommands.ts"] },
  { name: "inboxCommands", module: "./inboxCommands", importer: /src[\\/]inbox[\\/]/, entryPoints: ["src/inbox/inboxCommands.ts"] },
  { name: "eventLogPanel", module: "./eventLogPanelParts", importer: /src[\\/]eventLog[\\/]/, entryPoints: ["src/eventLog/eventLogPanelParts.ts"] },
  { name: "timelineRows", module: "./timelineRows", importer: /src[\\/]timeline[\\/]/, entryPoints: ["src/timeline/timelineRows.ts"] },
  { name: "chatCommands", module: "./chatCommandParts", importer: /src[\\/]chat[\\/]/, entryPoints: ["src/chat/chatCommandParts.ts"] },
  { name: "deploymentCommands", module: "./deploymentCommands", importer: /src[\\/]deployment[\\/]/, entryPoints: ["src/deployment/deploymentCommands.ts"] },
  { name: "lmChat", module: "./lmChatParts", importer: /src[\\/]lmChat[\\/]/, entryPoints: ["src/lmChat/lmChatParts.ts"] },
  { name: "langchainCore", module: "./langchainCore", importer: /src[\\/]deployment[\\/]/, entryPoints: ["src/deployment/langchainCore.ts"] },
  { name: "dagre", module: "@dagrejs/dagre", stdin: { contents: 'module.exports = require("@dagrejs/dagre");', resolveDir: ".", loader: "js" } },
  // One translation table for the host bundle and every chunk: activation configures it once.
  { name: "l10n", module: "@vscode/l10n", stdin: { contents: 'module.exports = require("@vscode/l10n");', resolveDir: ".", loader: "js" } },
];

/**
 * Each chunk's module becomes a require of its bundle: `./chunks/x.js` from the host bundle, `./x.js` from
 * another chunk (`own` is the chunk being built, which holds its module itself). So every chunk shares the
 * host's translation table (`l10n`) and the graph panel the dagre chunk.
 */
const splitHostChunks = (dir, own) => ({
  name: "split-host-chunks",
  setup(build) {
    for (const chunk of hostChunks.filter((c) => c.name !== own)) {
      const filter = new RegExp(`^${chunk.module.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);
      build.onResolve({ filter }, (args) =>
        !chunk.importer || chunk.importer.test(args.importer) ? { path: `${dir}${chunk.name}.js`, external: true } : undefined,
      );
    }
  },
});

/**
 * The web worker host's bundle wires `src/platform/web.ts` where the desktop bundle has `src/platform`
 * (the Node host's features), so nothing that needs a process, a socket or the disk is bundled. It is one
 * file: the lazily loaded modules are bundled in, still evaluated only when first required.
 */
const webPlatform = {
  name: "web-platform",
  setup(build) {
    build.onResolve({ filter: /^\.\/platform$/ }, (args) =>
      /src[\\/]extension\.ts$/.test(args.importer) ? { path: join(args.resolveDir, "platform", "web.ts") } : undefined,
    );
  },
};

/**
 * The deployment SDK imports @langchain/core's messages and uuid for its thread streams, which the extension
 * does not use: they come from `src/deployment/langchainCoreOnDemand.ts` instead, which loads them on first
 * use, so activation does not evaluate core and langsmith.
 */
const sdkCoreOnDemand = {
  name: "sdk-core-on-demand",
  setup(build) {
    build.onResolve({ filter: /^@langchain\/core\/(messages|utils\/uuid)$/ }, (args) =>
      /node_modules[\\/]@langchain[\\/]langgraph-sdk[\\/]/.test(args.importer) ? { path: join(import.meta.dirname, "src", "deployment", "langchainCoreOnDemand.ts") } : undefined,
    );
  },
};

const host = { ...common, platform: "node", format: "cjs", target: "node18", external: ["vscode"] };
const entries = [
  { ...host, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js", plugins: [sdkCoreOnDemand, splitHostChunks("./chunks/")] },
  {
    ...common,
    entryPoints: ["src/extension.ts"],
    outfile: "dist/web/extension.js",
    platform: "browser",
    format: "cjs",
    target: "es2022",
    // node:fs only for the benchmark's marks, which the define below turns off (src/panels/perfMarks.ts).
    external: ["vscode", "node:fs"],
    mainFields: ["browser", "module", "main"],
    // The host's worker runs from a blob: URL, which is no base URI: @cfworker/json-schema builds one from
    // `self.location` as it loads and would throw. Without it, the library uses its own fixed base.
    define: { "self.location": "undefined", "process.env.LANGGRAPH_PERF_MARKS": "undefined" },
    plugins: [webPlatform, sdkCoreOnDemand],
  },
  ...hostChunks.map(({ name, entryPoints, stdin, options }) => ({
    ...host,
    ...options,
    ...(stdin ? { stdin } : { entryPoints }),
    outfile: `dist/chunks/${name}.js`,
    plugins: [sdkCoreOnDemand, splitHostChunks("./", name)],
  })),
  { ...common, entryPoints: ["src/webview/main.ts"], outfile: "dist/webview.js", platform: "browser", format: "iife", target: "es2022" },
  { ...common, entryPoints: ["src/graphWebview/main.ts"], outfile: "dist/graphWebview.js", platform: "browser", format: "iife", target: "es2022" },
  { ...common, entryPoints: ["src/eventLogWebview/main.ts"], outfile: "dist/eventLogWebview.js", platform: "browser", format: "iife", target: "es2022" },
  // The JSON language service ships UMD builds whose inner requires esbuild cannot follow: use its ESM build.
  { ...common, entryPoints: ["src/langgraphJson/server.ts"], outfile: "dist/langgraphJsonServer.js", platform: "node", format: "cjs", target: "node18", mainFields: ["module", "main"] },
];

function copyAssets() {
  // Codicons are served from the extension itself: webviews may load nothing remote.
  mkdirSync("dist/codicons", { recursive: true });
  for (const file of ["codicon.css", "codicon.ttf"]) cpSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);
}

function printSizes() {
  for (const { outfile } of entries) {
    const kib = (statSync(outfile).size / 1024).toFixed(1);
    console.log(`${outfile.padEnd(32)} ${kib.padStart(8)} KiB`);
  }
}

/**
 * In watch mode, one "[watch] build started" / "[watch] build finished" pair per rebuild of all bundles:
 * the lines the F5 task's background problem matcher (.vscode/tasks.json) waits for before launching.
 */
function watchMarkers() {
  let building = 0;
  return {
    name: "watch-markers",
    setup(build) {
      build.onStart(() => {
        if (building++ === 0) console.log("[watch] build started");
      });
      build.onEnd(() => {
        if (--building === 0) console.log("[watch] build finished");
      });
    },
  };
}

copyAssets();
if (watch) {
  const markers = watchMarkers();
  const contexts = await Promise.all(entries.map((options) => esbuild.context({ ...options, plugins: [...(options.plugins ?? []), markers] })));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log("watching…");
} else {
  await Promise.all(entries.map((options) => esbuild.build(options)));
  printSizes();
}
