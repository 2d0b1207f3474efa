// A signal stops lrkit within about a second whatever the work is doing: the main thread keeps the
// signals, the command runs in a worker thread (work-link.ts). Each case here blocks the work thread's
// event loop for good, which a handler on that thread would never see.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, fixtureDir } from './test-support';

const fx = fixtureDir('lrkit-cli-signals-');
afterAll(() => fx.remove());

interface Stopped {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** From the signal to the process's end. */
  ms: number;
}

/** Runs lrkit, sends `signal` once stderr shows `ready` (or after `delayMs`), and times the way out. */
function stopWhileBlocked(args: string[], signal: NodeJS.Signals, when: { ready?: RegExp; delayMs?: number }): Promise<Stopped> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: fx.dir });
    let stderr = '';
    let sentAt: number | undefined;
    const send = () => {
      if (sentAt !== undefined) return;
      sentAt = Date.now();
      child.kill(signal);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lrkit ${args.join(' ')} did not end within 20 s of ${signal}\nstderr: ${stderr}`));
    }, 20_000 + (when.delayMs ?? 0));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (when.ready?.test(stderr)) send();
    });
    if (when.delayMs !== undefined) setTimeout(send, when.delayMs);
    child.on('close', (status, sig) => {
      clearTimeout(timer);
      resolve({ status, signal: sig, stderr, ms: Date.now() - (sentAt ?? Date.now()) });
    });
  });
}

// A scheduler plugin whose lr() never returns once training has started: it says so first, on stderr.
const forever = fx.file(
  'forever.mjs',
  `export default { name: 'forever', apiVersion: 1, parse: (o) => o,\n` +
    `  create: (options, groups) => ({ lr: (step) => { if (step > 0) { process.stderr.write('looping\\n'); for (;;) {} } return groups.map((g) => g.baseLr); } }) };\n`,
);

describe('a signal stops lrkit within about a second, whatever the work', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s: a plugin whose lr() never returns', async (signal) => {
    const r = await stopWhileBlocked(['train', '--plugin', forever, '--schedule', '{"type":"forever"}', '--epochs', '3', '--backend', 'wasm'], signal, { ready: /looping/ });
    expect([r.status, r.signal]).toEqual([null, signal]);
    expect(r.stderr).toBe(`looping\nlrkit: stopped by ${signal}\n`);
    expect(r.ms).toBeLessThan(2000);
  });

  it('SIGTERM: lr-find --iterations 100000000 (one synchronous loop), and no temporary file is left', async () => {
    const r = await stopWhileBlocked(['lr-find', '--iterations', '100000000', '--backend', 'wasm', '--out', 'lr.csv'], 'SIGTERM', { delayMs: 1500 });
    expect([r.status, r.signal]).toEqual([null, 'SIGTERM']);
    expect(r.stderr).toMatch(/lrkit: stopped by SIGTERM\n$/);
    expect(r.ms).toBeLessThan(2000);
    expect(readdirSync(fx.dir).filter((f) => f.includes('lr.csv'))).toEqual([]);
  });
});
