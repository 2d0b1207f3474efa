// The built playground in a real browser (Debian's chromium through puppeteer-core, never a downloaded
// one): the table against preview() to the last bit, inline errors, the form, the URL, the exports, the
// PyTorch code and a plugin loaded by URL. Skips, saying why, where no chromium is found.
//
// "To the last bit" means against preview() run by the same JavaScript engine: the test imports the
// package's own build into the page for that. Node's V8 and the browser's may round Math.cos / Math.pow
// differently in the last place (Node 20 and Chromium 156 do, in one-cycle), so against Node's preview()
// the table is checked to the package's PyTorch parity tolerance, 1e-12 relative.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import rexPlugins from '@lrkit/example-scheduler-plugin';
import { createRegistry, preview, renderPreview, type PreviewOptions, type PreviewResult, type Registry } from '@lrkit/schedulers';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lrkitCommand } from '../src/command.js';
import { toPyTorch } from '../src/pytorch.js';
import { APP_DIR, CHROMIUM_ARGS, DIST, findChromium, serveDist } from './support.js';

const chromium = findChromium();
if ('reason' in chromium) console.log(`skipped: playground browser tests: ${chromium.reason}`);

const SEQ = { type: 'sequential', milestones: [8], schedulers: [{ type: 'linear', startFactor: 0.1, totalIters: 8 }, { type: 'cosine-annealing', tMax: 52 }] };
const CYCLE = { type: 'one-cycle', maxLr: [0.3, 0.1], totalSteps: 60, threePhase: true };
const SETTINGS: PreviewOptions = { steps: 60, lrs: [0.1, 0.01], momentum: 0.9 };

/** The page's URL for `specs` with SETTINGS; `full`: every digit in the table (the checks to the last bit need it). */
function query(specs: unknown[], extra = '', full = true): string {
  return `?${specs.map((s) => `spec=${encodeURIComponent(JSON.stringify(s))}`).join('&')}&steps=${SETTINGS.steps}&lr=${SETTINGS.lrs.join(',')}&momentum=${String(SETTINGS.momentum)}${full ? '&digits=full' : ''}${extra}`;
}

/** The cells the table must show: `String(v)` of every value, the shortest text that reads back as the same double. */
function expectedRows(r: PreviewResult): string[][] {
  return r.lrs.map((row, k) => [String(k), ...row.map(String), ...(r.momentum?.[k] ?? []).map(String)]);
}

async function tableRows(page: Page): Promise<string[][]> {
  return page.$$eval('table[data-testid=values] tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
}

function expectTable(rows: string[][], r: PreviewResult): void {
  const groups = r.lrs[0]!.length;
  expect(rows[0]).toEqual(['step', ...Array.from({ length: groups }, (_, g) => `lr${g}`), ...(r.momentum ? Array.from({ length: groups }, (_, g) => `momentum${g}`) : [])]);
  const body = rows.slice(1);
  expect(body).toEqual(expectedRows(r));
  // Full precision: every cell reads back as exactly the double preview() computed.
  body.forEach((cells, k) => [...r.lrs[k]!, ...(r.momentum?.[k] ?? [])].forEach((v, c) => expect(Object.is(Number(cells[c + 1]), v)).toBe(true)));
}

/** Node's preview() and the engine's agree to the package's parity tolerance (1e-12 relative, as parity.test.ts). */
function expectClose(engine: PreviewResult, node: PreviewResult): void {
  const flat = (r: PreviewResult) => [...r.lrs.flat(), ...(r.momentum?.flat() ?? [])];
  const [a, b] = [flat(engine), flat(node)];
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => {
    const w = b[i]!;
    if (v !== w && !(Math.abs(v - w) <= 1e-12 * Math.max(Math.abs(v), Math.abs(w)))) throw new Error(`value ${i}: browser ${v}, Node ${w}`);
  });
}

/** Replace a textarea's text at once, as a paste does (typing key by key would run preview() per key). */
async function paste(page: Page, selector: string, text: string): Promise<void> {
  await page.$eval(selector, (el, t) => {
    (el as HTMLTextAreaElement).value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

async function waitForFile(dir: string, name: string): Promise<Buffer> {
  // Generous: a PNG export on a loaded 2-core machine can take seconds.
  for (let i = 0; i < 300; i++) {
    if (readdirSync(dir).includes(name)) return readFileSync(join(dir, name));
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no download named ${name} in ${dir} after 30 s (saw ${readdirSync(dir).join(', ') || 'nothing'})`);
}

describe.skipIf('reason' in chromium)('the playground in chromium', () => {
  let server: Awaited<ReturnType<typeof serveDist>>;
  let browser: Browser;
  let page: Page;
  let downloads: string;
  const pageErrors: string[] = [];

  /** Load the page; `ready`: wait until the specs have run (false where the settings are in error). */
  async function open(search: string, ready = true): Promise<void> {
    await page.goto(`${server.url}${search}`);
    await page.waitForSelector(ready ? 'main[data-ready=true]' : 'main');
  }

  /** preview() computed in the page's engine by the package's own build (not the app's bundle). */
  async function enginePreview(spec: unknown, options: PreviewOptions, pluginUrl?: string): Promise<PreviewResult> {
    // A string, not a function: vitest would rewrite import() in a function's source for Node.
    const result = await page.evaluate(`(async () => {
      const lib = await import('/__test/index.js');
      const registry = lib.createRegistry();
      const pluginUrl = ${JSON.stringify(pluginUrl ?? null)};
      if (pluginUrl) for (const p of (await import(pluginUrl)).default) registry.register(p);
      return lib.preview(${JSON.stringify(spec)}, ${JSON.stringify(options)}, registry);
    })()`);
    return result as PreviewResult;
  }

  /** The table is the engine's preview() to the last bit, and Node's to 1e-12. */
  async function expectPreviewTable(spec: unknown, options: PreviewOptions, registry?: Registry, pluginUrl?: string): Promise<void> {
    const engine = await enginePreview(spec, options, pluginUrl);
    expectTable(await tableRows(page), engine);
    expectClose(engine, preview(spec, options, registry));
  }

  beforeAll(async () => {
    server = await serveDist({ '/__test': dirname(fileURLToPath(import.meta.resolve('@lrkit/schedulers'))) });
    browser = await puppeteer.launch({
      executablePath: (chromium as { path: string }).path,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 1400 });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    downloads = mkdtempSync(join(tmpdir(), 'lrkit-playground-'));
    const cdp = await browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it('shows preview() to full precision for each spec in the URL, with momentum, and marks the phases', async () => {
    await open(query([SEQ, CYCLE]));
    await expectPreviewTable(SEQ, SETTINGS);
    await page.click('[role=tab]:nth-of-type(2)');
    await expectPreviewTable(CYCLE, SETTINGS);
    // Both specs drawn, two groups each; momentum only for one-cycle; spec #1's phase at its milestone.
    expect(await page.$$eval('[data-testid=lr-panel] path[data-series]', (ps) => ps.map((p) => p.getAttribute('data-series')))).toEqual(['0-0', '0-1', '1-0', '1-1']);
    expect(await page.$$eval('[data-testid=momentum-panel] path[data-series]', (ps) => ps.map((p) => p.getAttribute('data-series')))).toEqual(['1-0', '1-1']);
    // The pointer over step 8 reads every series there, to full precision.
    const box = (await (await page.$('[data-testid=chart]'))!.boundingBox())!;
    await page.mouse.move(box.x + ((72 + (8 / 60) * (960 - 96)) * box.width) / 960, box.y + 200);
    const readout = await page.waitForSelector('[data-testid=readout]');
    const lines = await readout!.$$eval('text', (ts) => ts.map((t) => t.textContent));
    const seq8 = (await enginePreview(SEQ, SETTINGS)).lrs[8]!;
    // Spec #1 steps per epoch, #2 per step: the axis counts step() calls and says which is which.
    expect(await page.$eval('[data-testid=x-axis]', (e) => e.textContent)).toBe('step() calls: per epoch for #1, per optimizer step for #2');
    expect(lines.slice(0, 3)).toEqual(['call 8', `#1 group 0 lr ${String(seq8[0])}`, `#1 group 1 lr ${String(seq8[1])}`]);
    expect(await page.$$eval('[data-spec] .interval', (es) => es.map((e) => e.textContent))).toEqual(['per epoch', 'per step']);
    expect(await page.$$eval('[data-testid=lr-panel] [data-phase]', (gs) => gs.map((g) => `${g.getAttribute('data-spec')}@${g.getAttribute('data-phase')}`))).toEqual(['0@8']);
    expect(pageErrors).toEqual([]);
  });

  it('pages a long table, 1,000 rows at a time', async () => {
    const spec = { type: 'cosine-annealing', tMax: 2500 };
    const options: PreviewOptions = { steps: 2500, lrs: [0.1] };
    await open(`?spec=${encodeURIComponent(JSON.stringify(spec))}&steps=2500&digits=full`);
    const engine = await enginePreview(spec, options);
    const all = expectedRows(engine);
    expect((await tableRows(page)).slice(1)).toEqual(all.slice(0, 1000));
    await page.click('[data-action=next-page]');
    await page.click('[data-action=next-page]');
    expect(await page.$eval('[data-testid=pager] span', (e) => e.textContent)).toBe('steps 2000 to 2500 of 2500');
    expect((await tableRows(page)).slice(1)).toEqual(all.slice(2000));
  });

  it('draws the rates on a log axis from the checkbox or the URL, saying what it cannot draw', async () => {
    await open(query([{ type: 'step', stepSize: 10, gamma: 0.1 }]));
    expect(await page.$('[data-testid=log-hidden]')).toBeNull();
    await page.click('input[name=log-y]');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('y') === 'log');
    expect(await page.$eval('[data-testid=lr-panel]', (g) => g.textContent)).toContain('learning rate (log)');
    // A linear one-cycle ends below 0 (PyTorch's overshoot): not drawable on a log axis, and the chart says so.
    await open(`${query([{ type: 'one-cycle', maxLr: 0.1, totalSteps: 60, annealStrategy: 'linear' }])}&y=log`);
    expect(await page.$eval('[data-testid=log-hidden]', (e) => e.textContent)).toBe('values <= 0 are not drawn on a log axis');
    await open(`${query([SEQ])}&y=ln`, false);
    expect(await page.$eval('.chart .field-error', (e) => e.textContent)).toBe("y: expected 'linear' or 'log', got 'ln'");
  });

  it("shows the package's own error messages inline", async () => {
    await open(query([SEQ]));
    const bad = { type: 'step', stepSize: 2, gama: 0.5 };
    await paste(page, 'textarea[name=spec-0]', JSON.stringify(bad));
    let message = '';
    try {
      preview(bad, SETTINGS);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^schedule\.gama: unknown option \(did you mean 'gamma'\?\)/);
    await page.waitForFunction((m) => document.querySelector('[data-testid=spec-error]')?.textContent === m, {}, message);
    await paste(page, 'textarea[name=spec-0]', '{"type": "step",');
    const json = await page.waitForFunction(() => document.querySelector('[data-testid=spec-error]')?.textContent?.startsWith('spec: invalid JSON: ') && document.querySelector('[data-testid=spec-error]')!.textContent);
    expect(await json.jsonValue()).toMatch(/^spec: invalid JSON: .+/);
    // The view is in the URL, errors included.
    await page.waitForFunction(() => new URLSearchParams(location.search).get('spec') === '{"type": "step",');
    // A run longer than one-cycle allows names steps.
    await open(`?spec=${encodeURIComponent('{"type":"one-cycle","maxLr":0.1,"totalSteps":10}')}&steps=20`);
    expect(await page.$eval('[data-testid=spec-error]', (e) => e.textContent)).toBe('steps: the run steps the schedule 20 times, but the schedule allows at most 10 (schedule.totalSteps)');
  });

  it('writes 10 significant digits by default, every digit on the switch, in a tooltip and in the CSV', async () => {
    // 0.1 * 0.1 in the schedule's arithmetic: 0.010000000000000002, the same double PyTorch computes.
    const spec = { type: 'step', stepSize: 2, gamma: 0.1 };
    await open(query([spec], '', false));
    const engine = await enginePreview(spec, SETTINGS);
    const rows = (await tableRows(page)).slice(1);
    expect(engine.lrs[2]![0]).toBe(0.1 * 0.1);
    expect(rows[2]![1]).toBe('0.01');
    expect(rows.map((r) => r.slice(1).map(Number))).toEqual(engine.lrs.map((row) => row.map((v) => Number(v.toPrecision(10)))));
    expect(await page.$eval('table[data-testid=values] tbody tr:nth-child(3) td:nth-child(2)', (td) => td.getAttribute('title'))).toBe('0.010000000000000002');
    expect(await page.$eval('[data-testid=x-axis]', (e) => e.textContent)).toBe('epoch (step() once per epoch)');
    await page.click('input[name=full-digits]');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('digits') === 'full');
    expectTable(await tableRows(page), engine);
  });

  it('shows keys the type has no option for, with their error, and the interval, in the form', async () => {
    await open(query([{ type: 'step', stepSize: 2, gama: 0.5 }]));
    await page.click('[data-spec="0"] [data-action=form]');
    const unknown = await page.waitForSelector('[data-field="schedule.gama"]');
    expect(await unknown!.$eval('.name', (e) => e.textContent)).toBe('gama (unknown)');
    expect(await unknown!.$eval('code', (e) => e.textContent)).toBe('0.5');
    expect(await unknown!.$eval('.field-error', (e) => e.textContent)).toMatch(/^schedule\.gama: unknown option \(did you mean 'gamma'\?\)/);
    await unknown!.$eval('[data-action=remove-key]', (b) => (b as HTMLButtonElement).click());
    // The URL follows the render (an effect), so wait for it rather than for the error to go.
    await page.waitForFunction(() => !('gama' in JSON.parse(new URLSearchParams(location.search).get('spec')!)));
    expect(await page.$('[data-testid=spec-error]')).toBeNull();
    expect(JSON.parse(new URL(page.url()).searchParams.get('spec')!)).toEqual({ type: 'step', stepSize: 2 });
    // The top-level interval: per step draws on an optimizer-step axis.
    await page.select('select[name="schedule.interval"]', 'step');
    await page.waitForFunction(() => JSON.parse(new URLSearchParams(location.search).get('spec')!).interval === 'step');
    expect(await page.$eval('[data-testid=x-axis]', (e) => e.textContent)).toBe('optimizer step (step() once per step)');
    expect(await page.$eval('[data-spec] .interval', (e) => e.textContent)).toBe('per step');
  });

  it('says how to open it when the page is opened from disk, instead of going blank', async () => {
    await page.goto(pathToFileURL(join(DIST, 'index.html')).href);
    const text = await page.$eval('#app', (e) => e.textContent ?? '');
    expect(text).toContain('cannot run from a file');
    expect(text).toContain('npx lrkit playground');
  });

  it('builds a spec with the form generated from the option schema, errors under the field, into the URL', async () => {
    await open(query([SEQ]));
    await page.click('[data-spec="0"] [data-action=form]');
    await page.select('fieldset[data-path=schedule] > label select[name=type]', 'exponential');
    const required = await page.waitForSelector('[data-field="schedule.gamma"] .field-error');
    expect(await required!.evaluate((e) => e.textContent)).toBe('schedule.gamma: is required (multiplicative factor per step)');
    await page.type('input[name="schedule.gamma"]', '0.9');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => !document.querySelector('[data-testid=spec-error]'));
    const spec = { type: 'exponential', gamma: 0.9 };
    await expectPreviewTable(spec, SETTINGS);
    expect(JSON.parse(new URL(page.url()).searchParams.get('spec')!)).toEqual(spec);
    // The example menu adds a spec, to the page and the URL.
    await page.select('select[name=example]', '1');
    await page.waitForFunction(() => new URLSearchParams(location.search).getAll('spec').length === 2);
    expect(JSON.parse(new URL(page.url()).searchParams.getAll('spec')[1]!)).toEqual({ type: 'one-cycle', maxLr: 0.1, totalSteps: 100 });
    await page.click('[data-spec="1"] [data-action=remove]');
    // A nested form: sequential's children each get a form of their own, paths as the package names them.
    await page.select('fieldset[data-path=schedule] > label select[name=type]', 'sequential');
    await page.click('[data-field="schedule.schedulers"] > button.add-child');
    await page.click('[data-field="schedule.schedulers"] > button.add-child');
    await page.type('input[name="schedule.milestones"]', '5');
    await page.keyboard.press('Tab');
    await page.type('input[name="schedule.schedulers[0].stepSize"]', 'x');
    await page.keyboard.press('Tab');
    const nested = await page.waitForSelector('[data-field="schedule.schedulers[0].stepSize"] .field-error');
    expect(await nested!.evaluate((e) => e.textContent)).toBe('schedule.schedulers[0].stepSize: expected a finite number, got the string "x"');
  });

  it('exports the CSV that lrkit schedule writes, the chart as SVG and as PNG', async () => {
    await open(query([SEQ, CYCLE]));
    await page.click('[role=tab]:nth-of-type(2)');
    await page.click('[data-action=export-csv]');
    const csv = (await waitForFile(downloads, 'lrkit-one-cycle.csv')).toString('utf8');
    expect(csv).toBe(renderPreview(await enginePreview(CYCLE, SETTINGS), 'csv'));
    await page.click('[data-action=export-svg]');
    const svg = (await waitForFile(downloads, 'lrkit-schedules.svg')).toString('utf8');
    expect(svg).toMatch(/^<\?xml [^>]*>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.match(/data-series="/g)).toHaveLength(6);
    await page.click('[data-action=export-png]');
    const png = await waitForFile(downloads, 'lrkit-schedules.png');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(w).toBe(1920);
    expect(h).toBeGreaterThan(800);
  });

  it('shows the PyTorch script that toPyTorch writes, or why there is none, and the lrkit command', async () => {
    await open(query([SEQ, { type: 'warmup-cosine', warmupSteps: 5, totalSteps: 60 }]));
    const settings = { steps: SETTINGS.steps, lrs: [...SETTINGS.lrs], momentum: 0.9 };
    await page.click('[data-spec="0"] [data-action=pytorch]');
    const code = toPyTorch(SEQ, settings);
    expect(code.ok).toBe(true);
    expect(await page.$eval('[data-testid=code][data-kind=pytorch] pre', (e) => e.textContent)).toBe(code.ok && code.code);
    await page.click('[data-spec="1"] [data-action=pytorch]');
    expect(await page.$eval('[data-testid=code]', (e) => e.textContent)).toContain("'warmup-cosine' has no torch.optim.lr_scheduler equivalent");
    await page.click('[data-spec="1"] [data-action=lrkit]');
    expect(await page.$eval('[data-testid=code][data-kind=lrkit] pre', (e) => e.textContent)).toBe(lrkitCommand({ type: 'warmup-cosine', warmupSteps: 5, totalSteps: 60 }, settings));
  });

  it('loads a plugin by URL (the REX example, served beside the app) and reports a bad URL', async () => {
    const spec = { type: 'rex', totalSteps: 30, minLr: 0.001 };
    const registry: Registry = createRegistry();
    for (const p of rexPlugins) registry.register(p);
    await open(`?plugin=./plugins/rex.js&plugin=./plugins/nope.js&spec=${encodeURIComponent(JSON.stringify(spec))}&steps=30&digits=full`);
    await expectPreviewTable(spec, { steps: 30, lrs: [0.1] }, registry, './plugins/rex.js');
    const items = await page.$$eval('[data-testid=plugins] li', (lis) => lis.map((li) => li.textContent ?? ''));
    expect(items[0]).toContain('./plugins/rex.js: registered rex');
    expect(items[1]).toMatch(/^\.\/plugins\/nope\.js: plugin \.\/plugins\/nope\.js: cannot import the module: /);
    // A module on another site (localhost is another origin than 127.0.0.1) waits until the user says so.
    const foreign = `${server.url.replace('127.0.0.1', 'localhost')}plugins/rex.js`;
    await open(`?plugin=${encodeURIComponent(foreign)}&spec=${encodeURIComponent(JSON.stringify(spec))}&steps=30&digits=full`);
    expect(await page.$eval('[data-testid=plugins] li', (li) => li.textContent)).toContain('not loaded: the link names a module on another site');
    expect(await page.$eval('[data-testid=spec-error]', (e) => e.textContent)).toMatch(/^schedule\.type: unknown schedule 'rex'/);
    await page.click('[data-action=trust-plugin]');
    // While plugins load nothing runs (no table, no errors): wait for the run after the load.
    await page.waitForFunction(() => document.querySelector('main[data-ready=true]') && !document.querySelector('[data-testid=spec-error]'));
    expect(await page.$eval('[data-testid=plugins] li', (li) => li.textContent)).toContain(`${foreign}: registered rex`);
    await expectPreviewTable(spec, { steps: 30, lrs: [0.1] }, registry, './plugins/rex.js');
    // The form lists the plugin's type beside the built-ins.
    await page.click('[data-spec="0"] [data-action=form]');
    expect(await page.$$eval('select[name=type] option', (os) => os.map((o) => o.textContent))).toContain('rex (plugin)');
  });

  it('takes a screenshot of a comparison', async () => {
    const warmup = { type: 'sequential', milestones: [10], schedulers: [{ type: 'linear', startFactor: 0.1, totalIters: 10 }, { type: 'cosine-annealing', tMax: 90 }] };
    const wsd = { type: 'warmup-stable-decay', warmupSteps: 10, stableSteps: 60, decaySteps: 30, decay: '1-sqrt' };
    const cycle = { type: 'one-cycle', maxLr: 0.1, totalSteps: 100 };
    await open(`?${[warmup, wsd, cycle].map((s) => `spec=${encodeURIComponent(JSON.stringify(s))}`).join('&')}&steps=100&momentum=0.9`);
    // The committed picture is rewritten only when asked, so a test run leaves the work tree as it was.
    const path = process.env.LRKIT_UPDATE_SCREENSHOT === '1' ? join(APP_DIR, 'docs', 'screenshot.png') : join(downloads, 'screenshot.png');
    await page.setViewport({ width: 1100, height: 1400 });
    const box = (await (await page.$('[data-testid=chart]'))!.boundingBox())!;
    await page.mouse.move(box.x + ((72 + 0.8 * (960 - 96)) * box.width) / 960, box.y + 200);
    await page.waitForSelector('[data-testid=readout]');
    await page.screenshot({ path });
    const png = readFileSync(path);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1100, 1400]);
    expect(pageErrors).toEqual([]);
  });
});
