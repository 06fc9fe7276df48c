/**
 * A real VS Code workbench (code-server) with the packed extension installed, a real LangGraph server
 * with the example graphs, and a Chromium page on it — plus the few moves the end-to-end tests repeat.
 * `test/e2e/run.mjs` installs the workbench and packs the VSIX once, and passes its path in
 * `LANGGRAPH_E2E_VSIX`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import type { Browser, FrameLocator, Locator, Page } from "playwright-core";
import type { CodeServer } from "../../scripts/workbench/codeServer.mjs" with { "resolution-mode": "import" };
import type { LangGraphServer } from "../../scripts/workbench/langgraphServer.mjs" with { "resolution-mode": "import" };

// The harness modules are ES modules (plain Node scripts): loaded with import() from here.
const harness = {
  paths: () => import("../../scripts/workbench/paths.mjs"),
  codeServer: () => import("../../scripts/workbench/codeServer.mjs"),
  browser: () => import("../../scripts/workbench/browser.mjs"),
  langgraph: () => import("../../scripts/workbench/langgraphServer.mjs"),
};

export interface WorkbenchOptions {
  /** The VSIX to install; default: `LANGGRAPH_E2E_VSIX`, else langgraph-threads.vsix at the repository root. */
  vsix?: string;
  /** A running LangGraph server to point at; default: start one with the example graphs. */
  langgraphUrl?: string;
  /** More user settings (`langgraph.deploymentUrl` is set to the LangGraph server already). */
  settings?: Record<string, unknown>;
  /** The workspace folder's content; default: a copy of test/fixtures/agents. */
  workspaceFrom?: string;
  /** Other extensions to install beside it (a test-only chat model). */
  extraVsix?: string[];
  /** Fills the deployment (threads, runs, assistants) before the workbench opens on it. */
  seed?: (client: Client) => Promise<void>;
  /** The workbench's port (its origin is what a CORS rule allows); default: a free one. */
  port?: number;
}

export interface Workbench {
  page: Page;
  browser: Browser;
  codeServer: CodeServer;
  /** The LangGraph server the extension talks to. */
  langgraphUrl: string;
  /** Another client of that deployment: what teammates, Studio or cron jobs would do. */
  client: Client;
  /** Clicks the LangGraph container in the activity bar (unless it is open already). */
  openLangGraphContainer(): Promise<void>;
  /** Runs a command by its title from the command palette (F1). */
  runCommand(title: string): Promise<void>;
  /** The content of the visible chat webview (webviews are an iframe inside an iframe). */
  chatFrame(): FrameLocator;
  /** Saves a screenshot to test-results/screenshots/NAME.png and returns its path. */
  screenshot(name: string): Promise<string>;
  stop(): Promise<void>;
}

export const screenshotsDir = join(__dirname, "..", "..", "test-results", "screenshots");

/**
 * The servers run in process groups of their own, so a signal that ends the test process would leave
 * them running: on SIGINT/SIGTERM, every workbench still open is stopped before the process exits.
 */
const running = new Set<() => Promise<void>>();
let stoppingAll: Promise<void> | undefined;
function stopAllOnSignal(signal: NodeJS.Signals) {
  stoppingAll ??= (async () => {
    const cap = new Promise<void>((resolve) => setTimeout(resolve, 15_000).unref());
    await Promise.race([Promise.all([...running].map((stop) => stop())), cap]);
    process.exit(128 + (signal === "SIGINT" ? 2 : 15));
  })();
}
function track(stop: () => Promise<void>) {
  if (running.size === 0 && !stoppingAll) {
    process.on("SIGINT", stopAllOnSignal);
    process.on("SIGTERM", stopAllOnSignal);
  }
  running.add(stop);
}
function untrack(stop: () => Promise<void>) {
  running.delete(stop);
  if (running.size === 0 && !stoppingAll) {
    process.off("SIGINT", stopAllOnSignal);
    process.off("SIGTERM", stopAllOnSignal);
  }
}

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const { repoRoot, assertInstalled } = await harness.paths();
  assertInstalled();
  const stops: (() => Promise<void>)[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      for (const step of stops.reverse()) await step().catch(() => undefined);
      untrack(stop);
    })());
  track(stop);
  try {
    let langgraphUrl = options.langgraphUrl;
    if (!langgraphUrl) {
      const { startLangGraphServer } = await harness.langgraph();
      const server: LangGraphServer = await startLangGraphServer();
      stops.push(() => server.stop());
      langgraphUrl = server.url;
    }
    const client = new Client({ apiUrl: langgraphUrl, apiKey: null });
    await options.seed?.(client);

    const { startCodeServer } = await harness.codeServer();
    const codeServer = await startCodeServer({
      vsix: [options.vsix ?? process.env.LANGGRAPH_E2E_VSIX ?? join(repoRoot, "langgraph-threads.vsix"), ...(options.extraVsix ?? [])],
      copyWorkspaceFrom: options.workspaceFrom ?? join(repoRoot, "test", "fixtures", "agents"),
      linkDependencies: true,
      settings: { "langgraph.deploymentUrl": langgraphUrl, ...options.settings },
      port: options.port,
    });
    stops.push(() => codeServer.stop());

    const { launchChromium, openWorkbenchPage } = await harness.browser();
    const browser = await launchChromium();
    stops.push(() => browser.close());
    const page = await openWorkbenchPage(browser, codeServer.workbenchUrl());

    return {
      page,
      browser,
      codeServer,
      langgraphUrl,
      client,
      openLangGraphContainer: () => openLangGraphContainer(page),
      runCommand: (title) => runCommand(page, title),
      chatFrame: () => chatFrame(page),
      screenshot: (name) => screenshot(page, name),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Mocha hooks for a suite that drives one workbench: it starts before the suite (`options` is read
 * then, so an earlier `before` can prepare what it names), each failed test leaves a screenshot, and
 * it stops after the suite.
 */
export function useWorkbench(options: WorkbenchOptions | (() => WorkbenchOptions) = {}): () => Workbench {
  let workbench: Workbench | undefined;
  before(async function () {
    this.timeout(300_000);
    workbench = await startWorkbench(typeof options === "function" ? options() : options);
  });
  afterEach(async function () {
    await screenshotIfFailed(this, workbench);
  });
  after(async function () {
    this.timeout(60_000);
    await workbench?.stop();
  });
  return () => {
    if (!workbench) throw new Error("the workbench did not start");
    return workbench;
  };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A view of the side bar by its header; a string matches the header's start ("Threads", not "Assistants"). */
export function sidebarPane(page: Page, name: string | RegExp): Locator {
  const header = typeof name === "string" ? new RegExp(`^\\s*${escapeRegExp(name)}`) : name;
  return page
    .locator(".part.sidebar .pane")
    .filter({ has: page.locator(".pane-header", { hasText: header }) })
    .first();
}

/** The Threads view's row of the thread titled exactly `title`. */
export function threadRow(page: Page, title: string): Locator {
  return sidebarPane(page, "Threads")
    .locator(".monaco-list-row")
    .filter({ has: page.locator(".label-name", { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) });
}

/**
 * Chooses an item of the open context menu. On a busy machine a click can land while the menu still
 * settles and leave it open with the item highlighted: then Enter chooses it, as it would for a user.
 */
export async function chooseMenuItem(page: Page, label: string): Promise<void> {
  const menu = page.locator(".context-view .monaco-menu");
  const item = menu.locator(".action-label", { hasText: label }).first();
  await item.waitFor({ state: "visible", timeout: 30_000 });
  await item.hover();
  await item.click();
  try {
    await menu.waitFor({ state: "detached", timeout: 3_000 });
  } catch {
    await item.hover();
    await page.keyboard.press("Enter");
    await menu.waitFor({ state: "detached", timeout: 10_000 });
  }
}

/** The open quick pick's row whose label is exactly `label`, or matches it. */
export function quickPickRow(page: Page, label: string | RegExp): Locator {
  const name = typeof label === "string" ? new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) : label;
  return page.locator(".quick-input-widget .monaco-list-row").filter({ has: page.locator(".label-name", { hasText: name }) }).first();
}

/**
 * Opens a quick pick with `open` and clicks its row labelled `label`. A quick pick closes when it loses
 * the focus, and a webview that is still taking it (after a click on its tab) can close one that just
 * opened: then it is opened again, at most three times, and the log says so.
 */
export async function pickQuickItem(page: Page, open: () => Promise<void>, label: string | RegExp, before?: () => Promise<unknown>): Promise<void> {
  const widget = page.locator(".quick-input-widget");
  for (let attempt = 1; ; attempt++) {
    await open();
    const row = quickPickRow(page, label);
    await row.waitFor({ state: "visible", timeout: 30_000 });
    await before?.();
    try {
      await row.click({ timeout: 5_000 });
      await widget.waitFor({ state: "hidden", timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3 || (await widget.isVisible())) throw error;
      console.log(`    the quick pick closed before "${String(label)}" was clicked: opening it again`);
    }
  }
}

/** The activity bar item of the extension's view container ("LangGraph"). */
export function langGraphContainerItem(page: Page) {
  return page.locator('.activitybar [aria-label^="LangGraph"]').first();
}

export async function openLangGraphContainer(page: Page): Promise<void> {
  const item = langGraphContainerItem(page);
  await item.waitFor({ state: "visible", timeout: 30_000 });
  // Clicking the item of the open container would close it again.
  const sideBarTitle = page.locator(".part.sidebar .composite.title h2");
  if ((await sideBarTitle.textContent().catch(() => ""))?.trim() !== "LangGraph") await item.click();
  await page.locator(".part.sidebar .composite.title", { hasText: "LangGraph" }).waitFor({ state: "visible" });
  await leaveActivityBar(page);
}

/**
 * Moves the mouse off the activity bar into the editor area. Left on the container's item, the mouse keeps
 * its hover ("LangGraph - 1 thread needs input") open over the side bar's first rows, where it takes the
 * pointer events meant for them.
 */
async function leaveActivityBar(page: Page): Promise<void> {
  const editor = await page.locator(".part.editor").boundingBox();
  if (editor) await page.mouse.move(editor.x + editor.width / 2, editor.y + editor.height / 2);
  await page.locator(".context-view .hover-contents").waitFor({ state: "hidden", timeout: 5_000 }).catch(() => undefined);
}

/**
 * Waits until the focused element stays the same for two reads 150 ms apart (at most 3 s): a click on a
 * webview's tab hands the focus on to the webview a moment later, and a quick pick opened before that
 * would close when it arrives.
 */
async function focusSettled(page: Page): Promise<void> {
  const focused = () => page.evaluate(() => {
    const element = document.activeElement;
    return element ? `${element.tagName}.${element.className}` : "";
  });
  let last = await focused();
  for (let read = 0; read < 20; read++) {
    await page.waitForTimeout(150);
    const now = await focused();
    if (now === last) return;
    last = now;
  }
}

export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator(".quick-input-widget input.input");
  for (let attempt = 1; ; attempt++) {
    // F1 does nothing while the focus is inside a webview: give it back to the workbench first.
    const activeTab = page.locator(".tabs-container .tab.active").first();
    if (await activeTab.isVisible().catch(() => false)) {
      await activeTab.click();
      await focusSettled(page);
    }
    await page.keyboard.press("F1");
    try {
      await input.waitFor({ state: "visible", timeout: 10_000 });
      break;
    } catch (error) {
      // A webview that was still taking the focus can swallow the key: the next press reaches the workbench.
      if (attempt === 3) throw error;
    }
  }
  await input.fill(`>${title}`);
  await page
    .locator(".quick-input-widget .monaco-list-row", { hasText: title })
    .first()
    .waitFor({ state: "visible" });
  await page.keyboard.press("Enter");
}

export function chatFrame(page: Page): FrameLocator {
  return page.locator("iframe.webview:visible").first().contentFrame().locator("#active-frame").contentFrame();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path });
  return path;
}

/** For `afterEach`: a screenshot of the page when the test that just ran failed. */
export async function screenshotIfFailed(context: Mocha.Context, workbench: Workbench | undefined): Promise<void> {
  const test = context.currentTest;
  if (!workbench || test?.state !== "failed") return;
  const path = await workbench.screenshot(`failed-${test.fullTitle()}`).catch(() => undefined);
  if (path) console.log(`    screenshot: ${path}`);
}

/** Polls `read` until it gives a value; after `timeoutMs` fails naming `what` and the last answer or error. */
export async function until<T>(read: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
