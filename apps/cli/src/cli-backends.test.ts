// `lrkit backends`, `--backend`, and the internal-error path (exit 1).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliDir, expectedAutoBackend, fixtureDir, hasStackTrace, lines, lrkit } from './test-support';

const fx = fixtureDir('lrkit-cli-backends-');
afterAll(() => fx.remove());

interface Row {
  name: string;
  priority: number;
  available: boolean;
  reason?: string;
  default: boolean;
}

const listed = lrkit(['backends', '--json']);
const rows = JSON.parse(listed.stdout) as Row[];
const cuda = rows.find((r) => r.name === 'cuda');
const expectedAuto = await expectedAutoBackend();
const core = pathToFileURL(join(cliDir, 'node_modules', '@lrkit', 'core', 'dist', 'index.js')).href;

describe('the default backend (auto)', () => {
  it('train, lr-find and --backend auto agree on it, and say which', () => {
    const json = (args: string[]) => JSON.parse(lines(lrkit(args).stdout).at(-1)!) as Record<string, unknown>;
    expect(json(['train', '--epochs', '1', '--json']).backend).toBe(expectedAuto);
    expect(json(['train', '--epochs', '1', '--json', '--backend', 'auto']).backend).toBe(expectedAuto);
    expect(json(['lr-find', '--iterations', '10', '--json']).backend).toBe(expectedAuto);
    expect(lrkit(['train', '--epochs', '1']).stdout).toMatch(new RegExp(`^Trained 1 epochs on ${expectedAuto} in `, 'm'));
  });

  it('is wasm where native cannot run, and lrkit backends says so', () => {
    // A stand-in for an addon that was not built, registered before lrkit registers the real plugin.
    const preload = fx.file(
      'no-native.mjs',
      `import { registerBackend } from ${JSON.stringify(core)};\n` +
        `registerBackend({ name: 'native', priority: 2.5, isAvailable: () => ({ available: false, reason: 'addon not built (stand-in)' }), setup() {} });\n`,
    );
    const nodeArgs = ['--import', pathToFileURL(preload).href];
    const r = lrkit(['train', '--epochs', '1', '--json'], { nodeArgs });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(lines(r.stdout).at(-1)!)).toMatchObject({ backend: 'wasm' });
    const listing = JSON.parse(lrkit(['backends', '--json'], { nodeArgs }).stdout) as Row[];
    expect(listing.find((x) => x.default)?.name).toBe('wasm');
    expect(listing.find((x) => x.name === 'native')).toMatchObject({ available: false, reason: 'addon not built (stand-in)' });
  });
});

describe('lrkit backends', () => {
  it('lists wasm, native, cpu and cuda with availability, and why where unavailable', () => {
    expect(listed.status).toBe(0);
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['wasm', 'native', 'cpu', 'cuda']));
    for (const r of rows) {
      expect(typeof r.available).toBe('boolean');
      if (!r.available) expect(r.reason).toMatch(/\S/);
    }
    expect(rows.filter((r) => r.default)).toHaveLength(1);
    expect(rows.find((r) => r.name === 'wasm')?.available).toBe(true);
    expect(rows.find((r) => r.default)?.name).toBe(expectedAuto);

    const text = lrkit(['backends']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^wasm +\d+ +available/m);
    expect(text.stdout).toMatch(/^cpu +\d+ +available/m);
    expect(text.stdout).toMatch(cuda?.available ? /^cuda +\d+ +available/m : /^cuda +\d+ +unavailable: \S/m);
  });
});

describe('--backend', () => {
  it.skipIf(cuda?.available !== false)('cuda where it cannot run: exit 2 with the reason', () => {
    const r = lrkit(['train', '--backend', 'cuda', '--epochs', '1']);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([`lrkit: backend 'cuda' is unavailable: ${cuda?.reason}`]);
    expect(r.stdout).toBe('');
  });
  if (cuda?.available !== false) console.warn('skipping the unavailable-cuda test: cuda is available on this machine');

  it('an unknown backend: exit 2, naming the registered ones', () => {
    const r = lrkit(['train', '--backend', 'tpu', '--epochs', '1']);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^lrkit: backend 'tpu' is unavailable: no such backend; registered: .*wasm.*cpu/);
  });

  it('cpu trains', () => {
    const r = lrkit(['train', '--backend', 'cpu', '--epochs', '1', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(lines(r.stdout).at(-1)!)).toMatchObject({ backend: 'cpu', epochs: 1 });
  });

  const native = rows.find((r) => r.name === 'native');
  it.skipIf(!native?.available)('native trains with --threads, to the same numbers as with other thread counts', () => {
    const run = (threads: string) => lrkit(['train', '--backend', 'native', '--threads', threads, '--epochs', '2', '--json']);
    const [one, two] = [run('1'), run('2')];
    expect(one.status, one.stderr).toBe(0);
    const a = JSON.parse(lines(one.stdout).at(-1)!) as Record<string, unknown>;
    const b = JSON.parse(lines(two.stdout).at(-1)!) as Record<string, unknown>;
    expect(a).toMatchObject({ backend: 'native', epochs: 2 });
    expect([b.loss, b.testLoss, b.accuracy]).toEqual([a.loss, a.testLoss, a.accuracy]);
  });
  if (!native?.available) console.warn(`skipping the native --threads test: ${native?.reason ?? 'native is not listed'}`);

  it('--threads must be a positive integer: exit 2 naming the flag', () => {
    const r = lrkit(['train', '--threads', '0']);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/--threads/);
  });
});

describe('an internal error', () => {
  // A backend whose setup() fails with a plain Error stands for any bug: it is not the user's input.
  const preload = fx.file(
    'broken-backend.mjs',
    `import { registerBackend } from ${JSON.stringify(core)};\n` +
      `registerBackend({ name: 'broken', priority: -1, isAvailable: () => ({ available: true }),\n` +
      `  setup() { throw new Error('kaboom in setup'); } });\n`,
  );

  it('exits 1 with "internal error" and no stack trace; LRKIT_DEBUG=1 shows the stack', () => {
    const args = ['train', '--backend', 'broken', '--epochs', '1'];
    const r = lrkit(args, { nodeArgs: ['--import', pathToFileURL(preload).href] });
    expect(r.status, r.stderr).toBe(1);
    expect(lines(r.stderr)[0]).toBe('lrkit: internal error: kaboom in setup');
    expect(hasStackTrace(r.stderr)).toBe(false);

    const debug = lrkit(args, { nodeArgs: ['--import', pathToFileURL(preload).href], env: { LRKIT_DEBUG: '1' } });
    expect(debug.status).toBe(1);
    expect(lines(debug.stderr)[0]).toBe('lrkit: internal error: kaboom in setup');
    expect(hasStackTrace(debug.stderr)).toBe(true);
  });
});
