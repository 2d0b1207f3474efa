// The sweep report and `sweep serve` as a person sees them: in Debian's chromium through puppeteer-core
// (never a downloaded one), skipped with the reason where there is none. Screenshots go to
// $LRKIT_SCREENSHOTS (the ones in docs/ were taken so: LRKIT_SCREENSHOTS=docs), else to a temporary folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '@lrkit/vitest-config/chromium';
import { outcomeOf } from './embedded';
import { renderReport } from './report';
import { FAILED, madeUpSweep, PRUNED } from './report-support';
import { serveReport, type ReportServer } from './serve';
import { SweepState } from './state';

const chromium = findChromium();
if ('reason' in chromium) console.log(`skipped: sweep report browser tests: ${chromium.reason}`);

const shots = process.env.LRKIT_SCREENSHOTS ? resolve(process.env.LRKIT_SCREENSHOTS) : mkdtempSync(join(tmpdir(), 'lrkit-report-shots-'));
mkdirSync(shots, { recursive: true });

/** The computed stroke of each trial's line in one chart, by trial id. */
async function strokes(page: Page, chart: string): Promise<Map<string, string>> {
  const pairs = await page.$$eval(`figure[data-chart="${chart}"] path[data-id]:not(.mark)`, (els) => els.map((e) => [e.getAttribute('data-id')!, getComputedStyle(e).stroke]));
  return new Map(pairs as [string, string][]);
}

describe.skipIf('reason' in chromium)('the sweep report in chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const { outcome, order } = madeUpSweep();
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-report-'));

  beforeAll(async () => {
    browser = await puppeteer.launch({ executablePath: (chromium as { path: string }).path, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 900 });
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
    if (!process.env.LRKIT_SCREENSHOTS) rmSync(shots, { recursive: true, force: true });
  });

  it('shows every view, one colour per trial for 15 trials, the pruned trials as pruned, and lights a trial up on hover', async () => {
    await page.setContent(renderReport(outcome, { order }), { waitUntil: 'load' });
    // Every chart is there and drawn at a size a person can read.
    const charts = await page.$$eval('figure[data-chart] svg', (svgs) => svgs.map((s) => ({ name: s.closest('figure')!.getAttribute('data-chart'), ...s.getBoundingClientRect().toJSON() })));
    expect(charts.map((c) => c.name)).toEqual(['history', 'slice-lr', 'slice-schedule', 'slice-hidden', 'parallel', 'importance', 'lr', 'val-metric', 'loss', 'val-loss']);
    for (const c of charts) expect(c.width * c.height).toBeGreaterThan(400 * 250);

    // One colour per trial, the same in every chart: 14 trials trained (one failed at once... it has one epoch too).
    const loss = await strokes(page, 'loss');
    expect(loss.size).toBe(15);
    expect(new Set(loss.values()).size).toBe(15);
    for (const chart of ['lr', 'parallel']) for (const [id, c] of await strokes(page, chart)) expect(c).toBe(loss.get(id));
    const dots = await page.$$eval('figure[data-chart="history"] circle[data-id]', (els) => els.map((e) => getComputedStyle(e).fill));
    expect(new Set(dots).size).toBe(15 - PRUNED.length - FAILED.length);

    // Pruned: a cross where each stopped, dashed, and said so in the table; never among the errors.
    for (const chart of ['val-metric', 'loss', 'val-loss']) expect(await page.$$eval(`figure[data-chart="${chart}"] path.cross`, (els) => els.length)).toBe(PRUNED.length);
    expect(await page.$$eval('tr[data-status=pruned] td:last-child', (tds) => tds.map((t) => t.textContent))).toEqual(PRUNED.map(() => '✕ pruned'));
    expect(await page.$$eval('ul.pruned li', (lis) => lis.map((l) => l.textContent))).toEqual(PRUNED.map(() => expect.stringMatching(/pruned after epoch \d: validation loss/)));
    expect(await page.$$eval('ul.errors li', (lis) => lis.length)).toBe(FAILED.length);

    // The warmup shows: the first trial's rate rises over its first steps (up the page: y falls).
    const first = order[0]!;
    const d = await page.$eval(`figure[data-chart="lr"] path[data-id="${first}"]`, (p) => p.getAttribute('d')!);
    const ys = [...d.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys[10]!).toBeLessThan(ys[0]! - 20);

    await page.screenshot({ path: join(shots, 'sweep-report.png'), fullPage: true });

    // Pointing at a trial's dot lights up its row and lines; the others fade.
    const best = outcome.best!.id;
    await page.hover(`figure[data-chart="history"] circle[data-id="${best}"]`);
    expect(await page.$eval(`tr[data-id="${best}"]`, (tr) => tr.classList.contains('on'))).toBe(true);
    const faded = await page.$eval(`figure[data-chart="loss"] path[data-id="${order[1]}"]`, (p) => getComputedStyle(p).opacity);
    expect(Number(faded)).toBeLessThan(0.5);
    expect(await page.$eval(`figure[data-chart="loss"] path[data-id="${best}"]`, (p) => getComputedStyle(p).opacity)).toBe('1');
    const hover = await page.$eval(`figure[data-chart="history"] circle[data-id="${best}"] title`, (t) => t.textContent);
    expect(hover).toMatch(/^#\d+ \w{8} \(done\): accuracy 0\.9\d*\nlr=/);
    await page.screenshot({ path: join(shots, 'sweep-report-hover.png'), clip: { x: 0, y: 0, width: 1000, height: 900 } });
    expect(errors).toEqual([]);
  }, 60_000);

  it('sweep serve: the page follows the trials as they finish', async () => {
    const { records, order: all } = madeUpSweep();
    const state = new SweepState(dir, 'made-up');
    state.writeManifest({ spec: { name: 'made-up', metric: 'accuracy', mode: 'max' } as never, trials: all.map((id) => ({ id, params: {} })) });
    for (const r of records.slice(0, 5)) state.save(r);
    const read = async () => {
      const manifest = state.readManifest();
      const outcome = outcomeOf(manifest.spec, manifest.trials, state.records());
      return { outcome, pending: manifest.trials.length - outcome.trials.length, order: manifest.trials.map((t) => t.id) };
    };
    let server: ReportServer | undefined;
    try {
      server = await serveReport({ read, port: 0, intervalMs: 100 });
      await page.goto(server.url);
      await page.waitForSelector('main[data-version="1"]');
      expect(await page.$$eval('tbody tr', (rows) => rows.length)).toBe(5);
      for (const r of records.slice(5)) state.save(r);
      await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 15, { timeout: 20_000 });
      expect(await page.$eval('main', (m) => Number(m.dataset.version))).toBeGreaterThan(1);
      expect(await page.$eval('#live', (p) => p.textContent)).toMatch(/^live: updated /);
      expect(await page.$$eval('figure[data-chart="loss"] path.cross', (els) => els.length)).toBe(PRUNED.length);
      await page.screenshot({ path: join(shots, 'sweep-serve.png'), clip: { x: 0, y: 0, width: 1000, height: 900 } });
      // A damaged state file: the page keeps the last state and says why it is not updating.
      writeFileSync(join(state.dir, 'trials', 'damaged.json'), '{"id": "another"}');
      await page.waitForFunction(() => document.getElementById('live')!.className === 'problem', { timeout: 20_000 });
      expect(await page.$eval('#live', (p) => p.textContent)).toMatch(/could not read the sweep: .*damaged\.json/);
      expect(await page.$$eval('tbody tr', (rows) => rows.length)).toBe(15);
    } finally {
      await server?.close();
    }
    expect(errors).toEqual([]);
  }, 60_000);
});
