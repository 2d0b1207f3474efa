// `lrkit playground` as a user runs it: the built executable serves the page, and Debian's chromium
// (never a downloaded one) loads it, takes a spec typed into the page and draws and tabulates it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { preview } from '@lrkit/schedulers';
import { CHROMIUM_ARGS, findChromium } from '@lrkit/vitest-config/chromium';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, lrkit } from '../test-support';

const chromium = findChromium();
if ('reason' in chromium) console.log(`skipped: lrkit playground in chromium: ${chromium.reason}`);

/** Starts `lrkit playground ARGS` and resolves with the address it prints. */
async function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cliPath, 'playground', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  for await (const chunk of child.stdout!) {
    out += String(chunk);
    const m = /open (http:\/\/\S+) in a browser/.exec(out);
    if (m) return { child, url: m[1]! };
  }
  throw new Error(`lrkit playground printed no address; stdout: ${out}; stderr: ${err}`);
}

describe('lrkit playground', () => {
  const children: ChildProcess[] = [];
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    for (const c of children) c.kill('SIGKILL');
  });

  it('serves the page and its files, and nothing outside its folder', async () => {
    const { child, url } = await start(['--port', '0']);
    children.push(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
    const js = await fetch(new URL(script, url));
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(new URL('plugins/rex.js', url))).status).toBe(200);
    expect((await fetch(`${url}..%2f..%2fpackage.json`)).status).toBe(404);
    child.kill('SIGINT');
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    // Ctrl-C ends it as the signal's own default action would (shutdown.ts), with nothing left to finish.
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });
  });

  it('refuses a port in use and a bad port, naming the flag', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    const r = lrkit(['playground', '--port', String(port)]);
    busy.close();
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`lrkit: --port: 127.0.0.1:${port} is in use; choose another port, or --port 0 for any free one\n`);
    const bad = lrkit(['playground', '--port', '70000']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("lrkit: --port must be a port number from 0 to 65535, got '70000'\n");
  });

  it.skipIf('reason' in chromium)('loads in chromium, takes a typed spec, and draws and tabulates it', async () => {
    const { child, url } = await start(['--port', '0']);
    children.push(child);
    browser = await puppeteer.launch({ executablePath: (chromium as { path: string }).path, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${url}?steps=20&digits=full`);
    await page.waitForSelector('main[data-ready=true]');
    const spec = { type: 'cosine-annealing', tMax: 20, etaMin: 0.001 };
    // Typed as a person does, key by key, into the first spec's editor.
    await page.click('textarea[name=spec-0]', { clickCount: 3 });
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await page.keyboard.press('Backspace');
    await page.type('textarea[name=spec-0]', JSON.stringify(spec));
    await page.waitForFunction(() => document.querySelector('.spec-card .label')?.textContent === 'cosine-annealing');
    expect(await page.$$eval('[data-testid=lr-panel] path[data-series]', (ps) => ps.length)).toBe(1);
    const rows = await page.$$eval('table[data-testid=values] tbody tr', (trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent)));
    const expected = preview(spec, { steps: 20, lrs: [0.1] }).lrs;
    expect(rows.length).toBe(21);
    // Chromium's Math.cos may differ from Node's in the last place: to the schedulers' parity tolerance.
    rows.forEach((cells, k) => {
      expect(cells[0]).toBe(String(k));
      expect(Math.abs(Number(cells[1]) - expected[k]![0]!)).toBeLessThanOrEqual(1e-12 * Math.abs(expected[k]![0]!));
    });
    expect(errors).toEqual([]);
  });
});
