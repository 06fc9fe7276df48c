import type { Browser, Page } from "playwright-core";

export declare const CHROMIUM_ARGS: string[];
export declare function launchChromium(options?: { headless?: boolean; args?: string[]; slowMo?: number }): Promise<Browser>;
export declare function openWorkbenchPage(
  browser: Browser,
  url: string,
  options?: {
    onExit?: (code: number) => void;
    onLog?: (level: string, message: string) => void;
    viewport?: { width: number; height: number };
    waitForWorkbench?: boolean;
    timeoutMs?: number;
  },
): Promise<Page>;
