import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, runInProcesses } from './pool';
import { tempDir } from './test-support';
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
