/**
 * The layering of `src`, checked by `npm run lint:deps` (part of `npm test`):
 *
 *   common        pure helpers                  → nothing else in src; no vscode, no SDK
 *   deployment    gateway, domain types, …      → common
 *   protocol      host↔webview messages         → common
 *   state         stores shared by features     → common, deployment, protocol
 *   panels        the webview panel host,       → common, deployment, protocol, state
 *                 editable JSON documents
 *   features      threads, assistants, chat,    → the layers above; another feature only through
 *                 graph, langgraphJson, lmChat,    its index.ts; no cycles
 *                 inbox, localServer, walkthrough, debug, eventLog
 *   browser       webview, graphWebview,        → common, protocol; no vscode
 *                 eventLogWebview
 *   platform      what differs between the      → the features (the Node-only ones live here)
 *                 Node and web worker hosts
 *   wiring        extension.ts, parts.ts        → anything
 *
 * Paths are relative to the base directory, so the same rules also run over the small `src`-shaped
 * trees in test/fixtures/dependencyRules (the test that proves they catch what they should).
 * Type-only imports count (`tsPreCompilationDeps`): a type import still couples two layers.
 */

const FEATURES = "threads|assistants|chat|graph|eventLog|langgraphJson|lmChat|inbox|localServer|timeline|walkthrough|debug";
const SDK = "(^|/)@langchain/langgraph-sdk(/|$)";
const VSCODE = "^vscode$|(^|/)node_modules/@types/vscode/";

/** A rule that `from` may import nothing in src outside `allowed` (folder names, their own included). */
function onlyImports(name, from, allowed, comment) {
  return {
    name,
    comment,
    severity: "error",
    from: { path: `^src/(${from})/` },
    to: { path: "^src/", pathNot: `^src/(${allowed})/` },
  };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Modules that import each other cannot be understood, tested or loaded one at a time.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    onlyImports("common-is-pure", "common", "common", "common holds pure helpers: it imports nothing else in src."),
    onlyImports("deployment-layer", "deployment", "deployment|common", "deployment sits on common alone."),
    onlyImports("protocol-layer", "protocol", "protocol|common", "The host↔webview protocol sits on common alone."),
    onlyImports("state-layer", "state", "state|common|deployment|protocol", "Shared stores sit on common, deployment and protocol."),
    onlyImports("panels-layer", "panels", "panels|common|deployment|protocol|state", "The panel host sits on the layers below it, never on a feature."),
    onlyImports("browser-layer", "webview|graphWebview|eventLogWebview", "$1|common|protocol", "Webview bundles run in the browser: they share only common helpers and the protocol."),
    {
      name: "feature-layer",
      comment: "A feature builds on the shared layers and other features, never on the wiring or a browser bundle.",
      severity: "error",
      from: { path: `^src/(${FEATURES})/` },
      to: { path: "^src/(extension\\.ts|parts\\.ts|platform/|webview/|graphWebview/|eventLogWebview/)" },
    },
    {
      name: "feature-through-index",
      comment: "A feature reaches another feature only through that feature's index.ts, its public face.",
      severity: "error",
      from: { path: `^src/(${FEATURES})/` },
      to: { path: `^src/(${FEATURES})/(?!index\\.ts$)`, pathNot: "^src/$1/" },
    },
    {
      name: "sdk-only-in-gateway",
      comment: "The gateway is the one holder of the SDK client: nothing else may depend on the SDK, not even for a type.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/deployment/(gateway|clientFactory)\\.ts$" },
      to: { path: SDK },
    },
    {
      name: "no-vscode-in-pure-or-browser",
      comment: "common is pure and the webview bundles run in a browser: neither may import vscode.",
      severity: "error",
      from: { path: "^src/(common|webview|graphWebview|eventLogWebview)/" },
      to: { path: VSCODE },
    },
    {
      name: "src-not-to-tooling",
      comment: "Shipped code never imports tests, benchmarks or scripts.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(test|bench|scripts)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
