/**
 * Debian's Chromium driven by playwright-core (never a browser download of Playwright's own), with the
 * flags that keep it from calling out, and the page hooks through which an in-host test run reports.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { assertInstalled, chromiumBin } from "./paths.mjs";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--disable-features=Translate,OptimizationHints,MediaRouter",
];

/**
 * Playwright gives every launch a fresh, empty profile folder of its own.
 * @param {{ headless?: boolean, args?: string[], slowMo?: number }} [options]
 */
export async function launchChromium(options = {}) {
  assertInstalled();
  // Chromium keeps its crash database under XDG_CONFIG_HOME whatever the profile: not in $HOME.
  const xdg = mkdtempSync(join(tmpdir(), "chromium-xdg-"));
  const env = { ...process.env, XDG_CONFIG_HOME: join(xdg, "config"), XDG_CACHE_HOME: join(xdg, "cache") };
  try {
    const browser = await chromium.launch({
      executablePath: chromiumBin,
      headless: options.headless ?? true,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      slowMo: options.slowMo,
      env,
    });
    browser.once("disconnected", () => rmSync(xdg, { recursive: true, force: true }));
    return browser;
  } catch (error) {
    rmSync(xdg, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Opens a page on the workbench and waits until it is drawn. `onExit` and `onLog` receive what the
 * workbench passes to `window.codeAutomationExit` / `window.codeAutomationLog` (smoke-test driver):
 * the exit code and console output of an extension-tests run.
 * @param {import("playwright-core").Browser} browser
 * @param {string} url
 * @param {{ onExit?: (code: number) => void, onLog?: (level: string, message: string) => void,
 *           viewport?: { width: number, height: number }, waitForWorkbench?: boolean, timeoutMs?: number }} [options]
 */
export async function openWorkbenchPage(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
  const page = await context.newPage();
  if (options.onExit) await page.exposeFunction("codeAutomationExit", (code) => options.onExit?.(Number(code)));
  if (options.onLog) await page.exposeFunction("codeAutomationLog", (level, message) => options.onLog?.(String(level), String(message)));
  await page.goto(url);
  if (options.waitForWorkbench ?? true) {
    await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: options.timeoutMs ?? 60_000 });
  }
  return page;
}
