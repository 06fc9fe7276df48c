#!/usr/bin/env node
/**
 * The hostile corpus (test/fixtures/hostile/vectors.ts) against the real chat panel page in Debian's
 * Chromium, driven by playwright-core.
 *
 * A local server on 127.0.0.1 serves the page `src/chat/chatPanelHtml.ts` builds, with its real CSP
 * ('self' standing in for the webview's cspSource), the codicon, base and chat stylesheets, `dist/webview.js`
 * and a stand-in for `acquireVsCodeApi` in a nonce'd inline script; one more stylesheet carries the
 * theme variables VS Code would give the page, so fonts and layout match. Every vector goes into every
 * untrusted slot (test/fixtures/hostile/scenario.ts), every event is fired at every element, links and
 * buttons are clicked (also with real mouse input), and the run fails on any execution, dialog, request
 * beyond the page's own files, navigation, popup, page error, broken layout or label drawn out of order.
 * CSP violations are only counted: each is an attempt the policy blocked.
 *
 * Passes (the first and the last run by default):
 *   panel        the page as VS Code shows it, CSP included;
 *   panel-no-csp the same page without its CSP: the sanitiser and text-only rendering must hold alone;
 *   sanitizer    raw vectors straight through `sanitizeHtml` (no markdown-it in front), without CSP.
 *
 *   node test/browser/hostile.browser.mjs [--pass=panel,panel-no-csp,sanitizer] [--only=id,id]
 *
 * Needs `node esbuild.mjs` first (it serves dist/) and /usr/bin/chromium (`node scripts/workbench/setup.mjs`
 * or `apt-get install -y chromium`). Writes test-results/hostile.png.
 */
import * as esbuild from "esbuild";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "../../scripts/workbench/browser.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CHROMIUM = "/usr/bin/chromium";
const VIEWPORT = { width: 760, height: 900 };
const VECTORS_PER_PAGE = 25;
const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value = "true"] = arg.replace(/^--/, "").split("=");
    return [key, value];
  }),
);
const passes = (args.get("pass") ?? "panel,sanitizer").split(",");
const only = args.get("only")?.split(",");
const started = performance.now();

function fail(message) {
  console.error(message);
  process.exit(2);
}

// ---- Preconditions ----------------------------------------------------------------------------------

if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: run \`node scripts/workbench/setup.mjs\` or \`apt-get install -y chromium\`.`);
const bundlePath = join(root, "dist/webview.js");
if (!existsSync(bundlePath)) fail("dist/webview.js is missing: run `node esbuild.mjs` first.");
{
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  const sources = Math.max(newest(join(root, "src/webview")), newest(join(root, "src/protocol")));
  if (statSync(bundlePath).mtimeMs < sources) fail("dist/webview.js is older than src/webview: run `node esbuild.mjs` first.");
}

// ---- Bundles: the corpus and checks for Node and for the page, the real page builder ---------------------

const scratch = mkdtempSync(join(tmpdir(), "hostile-browser-"));
/** Temporary folders go however the run ends. */
const temporary = [scratch];
process.on("exit", () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});
async function bundle(contents, format, name) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: "ts", sourcefile: `${name}.ts` },
    bundle: true,
    write: false,
    format,
    platform: format === "esm" ? "node" : "browser",
    target: "es2022",
    logLevel: "silent",
    external: ["vscode"],
    // CommonJS dependencies of the page builder (@vscode/l10n) require Node's modules from the ES module.
    ...(format === "esm" ? { banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' } } : {}),
  });
  return result.outputFiles[0].text;
}
const nodeSide = join(scratch, "corpus.mjs");
writeFileSync(
  nodeSide,
  await bundle(
    `export * from "./test/fixtures/hostile/vectors";
     export { SLOTS, tooDeepToPost } from "./test/fixtures/hostile/scenario";
     export { chatPanelHtml } from "./src/chat/chatPanelHtml";`,
    "esm",
    "corpus",
  ),
);
const { HOSTILE_VECTORS, SLOTS, PWNED_FLAG, tooDeepToPost, chatPanelHtml } = await import(pathToFileURL(nodeSide).href);
const probeSource = await bundle(
  `import * as scenario from "./test/fixtures/hostile/scenario";
   const w = window as unknown as scenario.PageWindow & Record<string, unknown>;
   const nextFrame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));
   const driver: scenario.Driver = {
     send: (data) => window.dispatchEvent(new MessageEvent("message", { data })),
     frame: nextFrame,
     settle: () => new Promise<void>((done) => setTimeout(done, 40)),
     posted: () => (w.__hostPosted as unknown[]) ?? [],
     visual: true,
   };
   w.__hostileProbe = {
     run: (payload: string, prefix: string) => {
       (w.__hostPosted as unknown[]).length = 0;
       return scenario.runScenario(w, payload, driver, prefix);
     },
     executions: () => scenario.executionProblems(w),
     visual: () => scenario.visualProblems(w),
     sanitizerPass: async (payload: string) => {
       const app = document.getElementById("app")!;
       const sanitize = w.__sanitize as (html: string) => DocumentFragment;
       let fragment: DocumentFragment | null;
       try {
         fragment = sanitize(payload);
       } catch {
         fragment = null; // DOMPurify keeps nothing of a document without a body (a <frameset>).
       }
       app.replaceChildren(...(fragment ? [fragment] : []));
       await nextFrame();
       await nextFrame();
       const problems = scenario.contentProblems(app);
       scenario.interact(w, payload);
       await new Promise((done) => setTimeout(done, 60));
       problems.push(...scenario.executionProblems(w));
       app.replaceChildren();
       return problems;
     },
   };`,
  "iife",
  "probe",
);
const sanitizerSource = await bundle(
  `import { sanitizeHtml } from "./src/webview/markdown";
   (window as unknown as Record<string, unknown>).__sanitize = sanitizeHtml;`,
  "iife",
  "sanitizer",
);

/** The host's stand-in: records what the page posts, clones it as VS Code's postMessage would. */
const HOST_STUB = `(() => {
  const posted = [];
  const violations = [];
  let state;
  let acquired = false;
  Object.defineProperty(window, "__hostPosted", { value: posted });
  Object.defineProperty(window, "__cspViolations", { value: violations });
  document.addEventListener("securitypolicyviolation", (event) => {
    if (event.isTrusted) violations.push(event.effectiveDirective + " " + (event.blockedURI || "inline"));
  }, true);
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error("acquireVsCodeApi called twice");
    acquired = true;
    return Object.freeze({
      // Chromium's structured clone gives null for a value nested thousands deep: the host would get nothing.
      postMessage: (message) => { posted.push(structuredClone(message) ?? { type: message && message.type, lostInClone: true }); },
      getState: () => state,
      setState: (next) => { state = structuredClone(next); return next; },
    });
  };
})();`;

/** Stands in for the theme variables VS Code gives every webview (Dark Modern), so the page looks as it does there. */
const THEME = `html {
  --vscode-font-family: system-ui, "Segoe UI", Ubuntu, sans-serif; --vscode-font-size: 13px; --vscode-font-weight: normal;
  --vscode-editor-font-family: "DejaVu Sans Mono", monospace; --vscode-editor-font-size: 13px; --vscode-editor-font-weight: normal;
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-errorForeground: #f85149;
  --vscode-editor-background: #1f1f1f; --vscode-editor-foreground: #cccccc; --vscode-focusBorder: #0078d4;
  --vscode-widget-border: #313131; --vscode-panel-border: #2b2b2b; --vscode-editorWidget-background: #202020;
  --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #026ec1;
  --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc; --vscode-button-secondaryHoverBackground: #3c3c3c;
  --vscode-chat-requestBackground: #2a2d2e; --vscode-input-background: #313131; --vscode-input-foreground: #cccccc;
  --vscode-input-border: #3c3c3c; --vscode-input-placeholderForeground: #989898;
  --vscode-dropdown-background: #313131; --vscode-dropdown-foreground: #cccccc; --vscode-dropdown-border: #3c3c3c;
  --vscode-inputValidation-errorBackground: #5a1d1d; --vscode-inputValidation-errorBorder: #be1100;
  --vscode-inputValidation-warningBackground: #352a05; --vscode-inputValidation-warningBorder: #b89500;
  --vscode-editorWarning-foreground: #cca700; --vscode-textLink-foreground: #4daafc; --vscode-textLink-activeForeground: #4daafc;
  --vscode-textCodeBlock-background: #2b2b2b; --vscode-textPreformat-foreground: #d0d0d0; --vscode-textPreformat-background: #3c3c3c;
  --vscode-textBlockQuote-background: #2b2b2b; --vscode-textBlockQuote-border: #616161;
  --vscode-list-hoverBackground: #2a2d2e; --vscode-toolbar-hoverBackground: #5a5d5e50; --vscode-icon-foreground: #cccccc;
  --vscode-progressBar-background: #0078d4; --vscode-testing-iconPassed: #73c991;
}`;

function panelPage(withCsp) {
  const fakeWebview = { cspSource: "'self'", asWebviewUri: (uri) => uri };
  const uriOf = (...parts) => ({ toString: () => `/${parts.join("/")}` });
  // (webview, uriOf), or (webview, extensionUri, uriOf) in older versions of the page builder.
  let html = chatPanelHtml.length >= 3 ? chatPanelHtml(fakeWebview, uriOf(), uriOf) : chatPanelHtml(fakeWebview, uriOf);
  const nonce = /<script nonce="([^"]+)"/.exec(html)?.[1];
  if (!nonce) fail("chatPanelHtml no longer puts a nonce on its script: update this check.");
  html = html.replace(/<script nonce=/, `<script nonce="${nonce}">${HOST_STUB}</script>\n<script nonce=`);
  html = html.replace(/<link rel="stylesheet"/, `<link rel="stylesheet" href="/vscode-theme.css">\n<link rel="stylesheet"`);
  if (!withCsp) {
    const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, "");
    if (withoutCsp === html) fail("could not find the CSP <meta> in chatPanelHtml's page");
    html = withoutCsp;
  }
  return html;
}
const cspOfPage = /content="([^"]*)"/.exec(panelPage(true).match(/<meta http-equiv="Content-Security-Policy"[^>]*>/)[0])[1];

// ---- Server ---------------------------------------------------------------------------------------------

const FILES = {
  "/dist/webview.js": join(root, "dist/webview.js"),
  "/dist/codicons/codicon.css": join(root, "dist/codicons/codicon.css"),
  "/dist/codicons/codicon.ttf": join(root, "dist/codicons/codicon.ttf"),
  "/media/base.css": join(root, "media/base.css"),
  "/media/chat.css": join(root, "media/chat.css"),
};
const TYPES = { ".js": "text/javascript", ".css": "text/css", ".ttf": "font/ttf", ".html": "text/html" };
const PAGES = {
  "/panel.html": () => panelPage(true),
  "/panel-no-csp.html": () => panelPage(false),
  // No panel here to keep links from navigating: the page cancels every link click itself, as the panel does.
  "/sanitizer.html": () => `<!DOCTYPE html><html><head><meta charset="UTF-8"><title>sanitizer</title></head>
<body><div id="app"></div><script src="/probe/sanitizer.js"></script>
<script>for (const type of ["click", "auxclick"]) document.addEventListener(type, (event) => {
  if (event.target instanceof Element && event.target.closest("a")) event.preventDefault();
}, true);</script></body></html>`,
};
const served = [];
const server = createServer((request, response) => {
  const path = new URL(request.url ?? "/", "http://x").pathname;
  served.push(path);
  const page = PAGES[path];
  if (page) {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    return response.end(page());
  }
  if (path === "/vscode-theme.css") {
    response.writeHead(200, { "content-type": "text/css" });
    return response.end(THEME);
  }
  if (path === "/probe/sanitizer.js") {
    response.writeHead(200, { "content-type": "text/javascript" });
    return response.end(sanitizerSource);
  }
  const file = FILES[path];
  if (!file) {
    response.writeHead(404);
    return response.end();
  }
  response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
  response.end(readFileSync(file));
});
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const origin = `http://127.0.0.1:${server.address().port}`;
const OWN = new Set(["/panel.html", "/panel-no-csp.html", "/sanitizer.html", "/probe/sanitizer.js", "/vscode-theme.css", "/favicon.ico", ...Object.keys(FILES)]);

// ---- Browser --------------------------------------------------------------------------------------------

const userDataDir = mkdtempSync(join(tmpdir(), "hostile-chromium-"));
const xdg = mkdtempSync(join(tmpdir(), "hostile-xdg-"));
temporary.push(userDataDir, xdg);
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM,
  headless: true,
  args: ["--headless", ...CHROMIUM_ARGS],
  env: { ...process.env, XDG_CONFIG_HOME: join(xdg, "config"), XDG_CACHE_HOME: join(xdg, "cache") },
  viewport: VIEWPORT,
});

/** Everything the browser did that no content may cause, per page. */
const watch = { requests: [], dialogs: [], popups: [], navigations: [], pageErrors: [], consoleCsp: 0 };
function isOwn(url) {
  try {
    const parsed = new URL(url);
    return parsed.origin === origin && OWN.has(parsed.pathname);
  } catch {
    return false;
  }
}
// Nothing leaves the machine even if a check failed: everything but the page's own files is aborted.
await context.route("**/*", (route) => (isOwn(route.request().url()) ? route.continue() : route.abort("blockedbyclient")));
context.on("request", (request) => {
  if (!isOwn(request.url())) watch.requests.push(`${request.method()} ${request.url().slice(0, 120)}`);
});
let mainPage;
let expectedUrl;
let openingPage = false;
context.on("page", (page) => {
  if (!openingPage) watch.popups.push(page.url());
});

/** A page with every watcher attached; a new one replaces a page a failed vector left navigating. */
async function newMainPage() {
  openingPage = true;
  const previous = mainPage;
  mainPage = await context.newPage();
  openingPage = false;
  await previous?.close().catch(() => undefined);
  const page = mainPage;
  page.on("dialog", (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message().slice(0, 80)}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on("pageerror", (error) => watch.pageErrors.push(String(error.message ?? error).slice(0, 300)));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) watch.consoleCsp++;
    else if (message.type() === "error" && !/Failed to load resource/.test(message.text())) watch.pageErrors.push(`console: ${message.text().slice(0, 300)}`);
  });
  page.on("framenavigated", (frame) => {
    if (page === mainPage && frame === page.mainFrame() && expectedUrl && frame.url() !== expectedUrl) watch.navigations.push(frame.url());
  });
}
for (const page of context.pages()) await page.close();
await newMainPage();

function drain() {
  const taken = { ...watch, requests: [...watch.requests], dialogs: [...watch.dialogs], popups: [...watch.popups], navigations: [...watch.navigations], pageErrors: [...watch.pageErrors] };
  watch.requests.length = watch.dialogs.length = watch.popups.length = watch.navigations.length = watch.pageErrors.length = 0;
  watch.consoleCsp = 0;
  return taken;
}

async function open(path) {
  expectedUrl = undefined;
  try {
    await mainPage.goto(`${origin}${path}`, { waitUntil: "load" });
  } catch {
    await newMainPage();
    await mainPage.goto(`${origin}${path}`, { waitUntil: "load" });
  }
  expectedUrl = `${origin}${path}`;
  await mainPage.evaluate(probeSource);
}

/** Real input on top of the synthetic events: hover the messages, click links with every button. */
async function realInput() {
  const links = await mainPage.locator(".message-body a").all();
  for (const link of links.slice(0, 3)) {
    try {
      await link.scrollIntoViewIfNeeded({ timeout: 1000 });
      await link.click({ timeout: 1000 });
      await link.click({ timeout: 1000, modifiers: ["Control"] });
      await link.click({ timeout: 1000, button: "middle" });
    } catch {
      // A link hidden in a collapsed block cannot be clicked for real; the synthetic clicks covered it.
    }
  }
  const box = await mainPage.locator(".message-scroller").boundingBox({ timeout: 2000 });
  if (box) for (let y = box.y + 5; y < box.y + box.height; y += 60) await mainPage.mouse.move(box.x + box.width / 2, y);
  await mainPage.keyboard.press("Tab", { timeout: 2000 });
}

// ---- Passes ---------------------------------------------------------------------------------------------

const vectors = HOSTILE_VECTORS.filter((vector) => !only || only.includes(vector.id));
const failures = [];
const totals = { tried: 0, executions: 0, cspViolations: 0, events: 0, links: 0, buttons: 0, blockedRequests: 0 };
const timings = {};
const slowest = [];

function judge(pass, vector, problems, seen, violations) {
  const deepOk = tooDeepToPost(vector.payload);
  const errors = seen.pageErrors.filter((error) => !(deepOk && /Maximum call stack size exceeded|could not be cloned/i.test(error)));
  const all = [
    ...problems,
    ...seen.dialogs.map((dialog) => `EXECUTED: a dialog opened (${dialog})`),
    ...seen.requests.map((request) => `outbound request ${request}`),
    ...seen.popups.map((url) => `a popup opened: ${url}`),
    ...seen.navigations.map((url) => `the page navigated to ${url.slice(0, 100)}`),
    ...errors.map((error) => `page error: ${error}`),
  ];
  totals.cspViolations += violations + seen.consoleCsp;
  totals.blockedRequests += seen.requests.length;
  if (all.some((problem) => problem.includes("EXECUTED") || problem.includes("polluted"))) totals.executions++;
  for (const problem of all) failures.push(`[${pass}] ${vector.id}: ${problem}`);
  return all.length === 0;
}

for (const pass of passes) {
  const passStarted = performance.now();
  if (pass === "panel" || pass === "panel-no-csp") {
    const path = pass === "panel" ? "/panel.html" : "/panel-no-csp.html";
    // Vectors share a page (each run uses its own message ids and starts with a snapshot, which replaces
    // everything); a fresh page every few vectors and after any problem keeps one from affecting another.
    let onPage = 0;
    for (const [index, vector] of vectors.entries()) {
      const vectorStarted = performance.now();
      totals.tried++;
      let ok = false;
      try {
        if (onPage === 0 || onPage >= VECTORS_PER_PAGE) {
          await open(path);
          onPage = 0;
        }
        drain();
        const violationsBefore = await mainPage.evaluate(() => window.__cspViolations.length);
        const result = await mainPage.evaluate(
          ({ payload, prefix }) => window.__hostileProbe.run(payload, prefix),
          { payload: vector.payload, prefix: `v${index}-` },
        );
        await realInput();
        await mainPage.waitForTimeout(60);
        const after = await mainPage.evaluate(() => window.__hostileProbe.executions());
        const violations = (await mainPage.evaluate(() => window.__cspViolations.length)) - violationsBefore;
        totals.events += result.events;
        totals.links += result.linksClicked;
        totals.buttons += result.buttonsClicked;
        ok = judge(pass, vector, [...result.problems, ...after.map((problem) => `after real input: ${problem}`)], drain(), violations);
      } catch (error) {
        judge(pass, vector, [`the run broke off: ${String(error?.message ?? error).split("\n")[0]}`], drain(), 0);
      }
      slowest.push({ id: `[${pass}] ${vector.id}`, ms: performance.now() - vectorStarted });
      onPage = ok ? onPage + 1 : 0;
      if (!ok) process.stdout.write(`  ✗ [${pass}] ${vector.id}\n`);
    }
  } else if (pass === "sanitizer") {
    await open("/sanitizer.html");
    drain();
    for (const vector of vectors) {
      totals.tried++;
      let ok = false;
      try {
        const problems = await mainPage.evaluate((payload) => window.__hostileProbe.sanitizerPass(payload), vector.payload);
        await mainPage.evaluate((flag) => delete window[flag], PWNED_FLAG);
        ok = judge(pass, vector, problems, drain(), 0);
      } catch (error) {
        judge(pass, vector, [`the run broke off: ${String(error?.message ?? error).split("\n")[0]}`], drain(), 0);
      }
      if (!ok) {
        process.stdout.write(`  ✗ [${pass}] ${vector.id}\n`);
        await open("/sanitizer.html");
      }
    }
  } else {
    fail(`unknown pass ${pass}`);
  }
  timings[pass] = (performance.now() - passStarted) / 1000;
  console.log(`  ${pass}: ${vectors.length} vectors in ${timings[pass].toFixed(1)}s`);
}

// ---- Screenshot: a handful of vectors on one screen ----------------------------------------------------------

try {
  // A page left navigating by a failed vector is replaced by a fresh one.
  await open("/panel.html");
  const pick = (id) => HOSTILE_VECTORS.find((vector) => vector.id === id)?.payload ?? id;
  const author = { id: "asst-1", name: "Researcher", graphId: "research_graph" };
  const showcase = ["style-attr-overlay", "fake-error-banner", "md-link-title-spoof", "script-plain", "fake-assistant-label"];
  await mainPage.evaluate(
    ({ messages, title, evilName, action }) => {
      const send = (data) => window.dispatchEvent(new MessageEvent("message", { data }));
      send({
        type: "snapshot",
        thread: { threadId: "t", title, status: "interrupted" },
        assistants: [
          { id: "asst-1", name: "Researcher", graphId: "research_graph" },
          { id: "asst-evil", name: evilName, graphId: evilName },
        ],
        selectedAssistantId: "asst-1",
        run: { phase: "idle" },
        loading: false,
        messages,
        error: { message: title, actions: [{ id: "retry", label: "Retry" }] },
        interrupt: { id: "i", assistantId: "asst-1", valueJson: "{}", request: { action, description: title, argsJson: '{"path": "/"}', allow: { accept: true, edit: true, respond: true, ignore: true } } },
      });
      send({ type: "attribution", authors: { "m-1": { id: "asst-evil", name: evilName, graphId: evilName } } });
    },
    {
      messages: [
        { id: "h-0", role: "human", content: pick("bidi-rlo-filename"), toolCalls: [] },
        ...showcase.map((id, index) => ({ id: `m-${index}`, role: "ai", content: pick(id), toolCalls: [], author })),
        { id: "m-tools", role: "ai", content: "", author, toolCalls: [{ id: "c", name: pick("bidi-rlo-reversed-name"), args: pick("json-proto"), result: { content: pick("img-onerror"), status: "error" } }] },
      ],
      title: pick("bidi-rlo-filename"),
      evilName: pick("bidi-rlo-reversed-name"),
      action: pick("bidi-trojan-source"),
    },
  );
  await mainPage.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const drawn = await mainPage.evaluate(() => [...window.__hostileProbe.visual(), ...window.__hostileProbe.executions()]);
  for (const problem of drawn) failures.push(`[screenshot] ${problem}`);
  mkdirSync(join(root, "test-results"), { recursive: true });
  await mainPage.screenshot({ path: join(root, "test-results/hostile.png") });
  const seen = drain();
  for (const request of seen.requests) failures.push(`[screenshot] outbound request ${request}`);
} catch (error) {
  failures.push(`[screenshot] could not be taken: ${String(error?.message ?? error).split("\n")[0]}`);
}

await context.close();
server.close();

// ---- Report ---------------------------------------------------------------------------------------------------

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`  page CSP: ${cspOfPage}`);
slowest.sort((a, b) => b.ms - a.ms);
console.log(`  slowest: ${slowest.slice(0, 6).map(({ id, ms }) => `${id} ${(ms / 1000).toFixed(1)}s`).join(", ")}`);
console.log(
  `  ${totals.events} events fired, ${totals.links} links and ${totals.buttons} buttons clicked; ` +
    `${totals.cspViolations} CSP violations (attempts the policy blocked); ${totals.blockedRequests} outbound requests; ` +
    `served ${served.length} own requests; screenshot test-results/hostile.png; ${seconds}s`,
);
const slots = passes.some((pass) => pass.startsWith("panel")) ? SLOTS.length : 1;
console.log(`hostile vectors: ${vectors.length} tried across ${slots} slots, executions: ${totals.executions}`);
if (failures.length > 0) {
  console.log(`\n${failures.length} problems:`);
  for (const failure of failures.slice(0, 200)) console.log(`  ${failure}`);
  if (failures.length > 200) console.log(`  … and ${failures.length - 200} more`);
  process.exit(1);
}
console.log("all hostile checks passed");
