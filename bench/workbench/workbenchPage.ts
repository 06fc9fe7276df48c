/**
 * The moves the workbench scenarios share: the side bar's containers, rows and tabs, the webview frame a
 * click opened and the performance marks in it, and the host's marks from the file the extension writes.
 */
import { readFileSync } from "node:fs";
import type { Frame, Page } from "playwright-core";
import { LAST_CLICK, MARKS, RECORD_CLICKS, ROW_PAINTED, SHOWN_CONTAINER, watchRow } from "./pageProbes";

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
    /** The workbench's address on a folder no window has opened yet. */
    private readonly newWindowUrl: () => string,
  ) {}

  async recordClicks(): Promise<void> {
    await this.page.evaluate(RECORD_CLICKS);
  }

  async lastClick(): Promise<number> {
    return this.page.evaluate<number>(LAST_CLICK);
  }

  /** A view container's activity bar item, by the start of its aria-label (a badge may follow the title). */
  containerItem(title: string) {
    return this.page.locator(`.activitybar .action-label[aria-label^="${title}"]`).first();
  }

  /** The title of the view container the side bar shows, or undefined when the side bar is closed. */
  async shownContainer(): Promise<string | undefined> {
    return this.page.evaluate<string | undefined>(SHOWN_CONTAINER);
  }

  private async waitShown(title: string, timeoutMs: number): Promise<boolean> {
    return until(async () => ((await this.shownContainer())?.startsWith(title) ? true : undefined), `the side bar to show ${title}`, timeoutMs)
      .then(() => true)
      .catch(() => false);
  }

  /** Shows the Explorer by its keyboard shortcut (the click is what the scenarios measure, not this). */
  async showExplorer(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.page.keyboard.press("Control+Shift+E");
      if (await this.waitShown("Explorer", 10_000)) return;
    }
    throw new Error(`the side bar shows ${(await this.shownContainer()) ?? "nothing"} after Ctrl+Shift+E, not the Explorer`);
  }

  /**
   * Opens a new window on a new empty folder, as a user's next window: a new extension host where
   * nothing is activated until something asks for it, and no restored layout (a window of the same
   * folder would restore the container shown last, activating its extension as the window starts).
   * Waits for the containers' items and for the workbench to settle (built-in extensions starting).
   */
  async freshWindow(containers: string[], settleMs = 5000): Promise<void> {
    await this.page.goto(this.newWindowUrl());
    for (const title of containers) await this.containerItem(title).waitFor({ state: "visible", timeout: 60_000 });
    if (!(await this.waitShown("Explorer", 10_000))) throw new Error(`the new window shows ${(await this.shownContainer()) ?? "nothing"}, not the Explorer`);
    await sleep(settleMs);
    await this.recordClicks();
  }

  /**
   * Shows a view container (LangGraph, Bench Minimal). Clicking the item of the container already shown
   * closes the side bar, so it clicks only when another one (or none) is shown.
   */
  async showContainer(title: string): Promise<void> {
    if ((await this.shownContainer())?.startsWith(title)) return;
    await this.clickContainer(title);
  }

  /**
   * Clicks a container's activity bar item until the side bar shows it: a click that lands while the
   * workbench re-renders the bar is lost (the item takes focus and nothing switches), so it clicks again.
   * The time of the click that worked is the last mouse press the page recorded.
   */
  private async clickContainer(title: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.containerItem(title).click();
      if (await this.waitShown(title, 10_000)) return;
      if ((await this.shownContainer())?.startsWith(title)) return;
    }
    throw new Error(`the side bar shows ${(await this.shownContainer()) ?? "nothing"} after three clicks on ${title}`);
  }

  /** Clicks a view container's activity bar item: the click → the row `label` painted, in ms. */
  async clickUntilRow(container: string, label: string): Promise<number> {
    if ((await this.shownContainer())?.startsWith(container)) throw new Error(`${container} is shown before its click`);
    await this.page.evaluate(watchRow(label));
    await this.clickContainer(container);
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
