#!/usr/bin/env node
/**
 * Renders the Marketplace icon (media/icon.png, 128×128: the Marketplace takes PNG, not SVG) from
 * docs/icon.svg with the machine's Chromium.  node scripts/icon.mjs
 */
import { readFileSync } from "node:fs";
import { launchChromium } from "./workbench/browser.mjs";

const svg = readFileSync("docs/icon.svg", "utf8");
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator("svg").screenshot({ path: "media/icon.png", omitBackground: true });
  console.log("media/icon.png");
} finally {
  await browser.close();
}
