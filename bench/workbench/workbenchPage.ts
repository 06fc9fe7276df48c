/**
 * The moves the workbench scenarios share: the side bar's containers, rows and tabs, the webview frame a
 * click opened and the performance marks in it, and the host's marks from the file the extension writes.
 */
import { readFileSync } from "node:fs";
import type { Frame, Page } from "playwright-core";
import { LAST_CLICK, MARKS, RECORD_CLICKS, ROW_PAINTED, watchRow } from "./pageProbes";

export interface Mark {
  name: string;
  time: number;
  detail?: unknown;
}

export interface HostMark {
  name: string;
  time: number;
  detail: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `read` to give a value (a completion check only: the times come from marks). */
export async function until<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export class WorkbenchPage {
  constructor(
    readonly page: Page,
    private readonly hostMarksFile: string,
  ) {}

  async recordClicks(): Promise<void> {
    await this.page.evaluate(RECORD_CLICKS);
  }

  async lastClick(): Promise<number> {
    return this.page.evaluate<number>(LAST_CLICK);
  }

  containerItem(title: string) {
    return this.page.locator(`.activitybar [aria-label^="${title}"]`).first();
  }

  /** Shows the Explorer (its keyboard shortcut: the click is what the scenarios measure, not this). */
  async showExplorer(): Promise<void> {
    await this.page.keyboard.press("Control+Shift+E");
    await this.page.locator(".part.sidebar .composite.title", { hasText: /Explorer/i }).waitFor({ state: "visible" });
  }

  /** Shows a view container (LangGraph, Bench Minimal); clicking the open one would close it. */
  async showContainer(title: string): Promise<void> {
    const heading = (await this.page.locator(".part.sidebar .composite.title h2").textContent().catch(() => ""))?.trim();
    if (heading?.toUpperCase() !== title.toUpperCase()) await this.containerItem(title).click();
    await this.page.locator(".part.sidebar .composite.title", { hasText: new RegExp(title, "i") }).waitFor({ state: "visible" });
  }

  /** Clicks a view container's activity bar item: the click → the row `label` painted, in ms. */
  async clickUntilRow(container: string, label: string): Promise<number> {
    await this.page.evaluate(watchRow(label));
    await this.containerItem(container).click();
    const painted = await this.page.evaluate<number>(ROW_PAINTED);
    return painted - (await this.lastClick());
  }

  row(label: string) {
    return this.page.locator(".part.sidebar .monaco-list-row").filter({ has: this.page.locator(".label-name", { hasText: new RegExp(`^\\s*${label}\\s*$`) }) });
  }

  /** Clicks a side bar row; returns the frames of the webview it opens, for `marksIn`. */
  async clickRow(label: string): Promise<{ click: number; before: Set<Frame> }> {
    const before = new Set(this.page.frames());
    await this.row(label).first().click();
    return { click: await this.lastClick(), before };
  }

  /** The first mark named `name` (passing `accept`) in a frame that appeared since `before`. */
  async markIn(before: Set<Frame>, name: string, accept: (mark: Mark) => boolean = () => true, timeoutMs?: number): Promise<{ mark: Mark; frame: Frame; marks: Mark[] }> {
    return until(async () => {
      for (const frame of this.page.frames()) {
        if (before.has(frame) || frame.isDetached()) continue;
        const marks = await frame.evaluate<Mark[]>(MARKS).catch(() => [] as Mark[]);
        const mark = marks.find((m) => m.name === name && accept(m));
        if (mark) return { mark, frame, marks };
      }
      return undefined;
    }, `the mark ${name}`, timeoutMs);
  }

  /** Closes every editor tab, one by one. */
  async closeAllTabs(): Promise<void> {
    while ((await this.page.locator(".tabs-container .tab").count()) > 0) await this.closeActiveTab();
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }

  /** Closes the active editor tab (a chat or a webview panel) with its close button. */
  async closeActiveTab(): Promise<void> {
    const tabs = this.page.locator(".tabs-container .tab");
    const count = await tabs.count();
    await this.page.locator(".tabs-container .tab.active .tab-actions .action-label").first().click();
    await until(async () => ((await tabs.count()) < count ? true : undefined), "the tab to close", 10_000);
  }

  /** The extension host's marks since `since` (epoch ms), from `LANGGRAPH_PERF_MARKS`. */
  hostMarks(since: number): HostMark[] {
    let text: string;
    try {
      text = readFileSync(this.hostMarksFile, "utf8");
    } catch {
      return [];
    }
    return text
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [name, time, detail] = line.split("\t");
        return { name, time: Number(time), detail: detail ?? "" };
      })
      .filter((mark) => mark.time >= since);
  }
}
