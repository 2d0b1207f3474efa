import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, runInProcesses } from './pool';
import { tempDir, trialScript } from './test-support';
import type { TrialRecord, TrialRequest } from './trial';

const tmp = tempDir('lrkit-pool-');
afterAll(() => tmp.remove());

describe('runInProcesses', () => {
  it('gives back a trial whose process dies, and reports it failed after MAX_ATTEMPTS deaths', async () => {
    // A trial script that dies on every trial it is sent, counting its deaths in a file.
    const deaths = join(tmp.dir, 'deaths');
    writeFileSync(deaths, '');
    const script = join(tmp.dir, 'dying.mjs');
    writeFileSync(script, `import { appendFileSync } from 'node:fs';\nprocess.on('message', () => { appendFileSync(${JSON.stringify(deaths)}, 'x'); process.exit(3); });\n`);
    const requests: TrialRequest[] = [{ id: 'a', params: { lr: 1 }, config: {} }];
    const records: TrialRecord[] = [];
    await runInProcesses(() => requests.shift(), (r) => records.push(r), { workers: 2, trialScript: script });
    expect(records).toEqual([{ id: 'a', params: { lr: 1 }, status: 'failed', history: [], error: `the trial process died (exit code 3), ${MAX_ATTEMPTS} times` }]);
    expect(readFileSync(deaths, 'utf8')).toBe('x'.repeat(MAX_ATTEMPTS));
  });
});

describe('the trial process', () => {
  const long: TrialRequest = { id: 't', params: {}, config: { epochs: 400, backend: 'wasm' } };

  it('says nothing when its parent dies mid-trial (no write EPIPE stack trace on the terminal)', async () => {
    // A parent that forks the trial process, hands it a long trial, tells us its pid and is SIGKILLed.
    const stderr = join(tmp.dir, 'trial-stderr');
    const parent = join(tmp.dir, 'parent.mjs');
    writeFileSync(
      parent,
      `import { fork } from 'node:child_process';\nimport { openSync } from 'node:fs';\n` +
        `const child = fork(${JSON.stringify(trialScript)}, [], { stdio: ['ignore', 'ignore', openSync(${JSON.stringify(stderr)}, 'w'), 'ipc'] });\n` +
        `child.on('message', () => { process.stdout.write(String(child.pid)); process.kill(process.pid, 'SIGKILL'); });\n` +
        `child.send(${JSON.stringify({ type: 'run', request: long })});\n`,
    );
    const pid = await new Promise<number>((resolve) => {
      const p = spawn(process.execPath, [parent], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.on('close', () => resolve(Number(out)));
    });
    expect(pid).toBeGreaterThan(0);
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 300 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
    expect(readFileSync(stderr, 'utf8')).toBe('');
  }, 60_000);
});
