// The docs' screenshots of a report: `node scripts/screenshot.mjs REPORT.html OUT.png` (Debian's chromium,
// or CHROMIUM_PATH), the whole page at 1000 px wide.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '@lrkit/vitest-config/chromium';

const [html, out] = process.argv.slice(2);
if (!html || !out) throw new Error('usage: node scripts/screenshot.mjs REPORT.html OUT.png');
const chromium = findChromium();
if ('reason' in chromium) throw new Error(chromium.reason);
const browser = await puppeteer.launch({ executablePath: chromium.path, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 900 });
  await page.goto(pathToFileURL(resolve(html)).href);
  await page.screenshot({ path: out, fullPage: true });
} finally {
  await browser.close();
}
