// The committed fixtures must be what real PyTorch produces today: where Debian's python3-torch is
// installed, regenerate them into a temporary folder and compare. Elsewhere the test is skipped (the
// parity test still checks lrkit against the committed files).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

const python = '/usr/bin/python3';
const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
const hasTorch = probe.status === 0;
if (!hasTorch) console.warn(`skipping the fixture freshness check: ${python} cannot import torch (${(probe.stderr || String(probe.error)).trim().split('\n').pop()})`);

const dir = join(__dirname, '..', 'fixtures');

describe('PyTorch fixtures', () => {
  it.skipIf(!hasTorch)('are what fixtures/generate.py produces with the installed torch', () => {
    const out = mkdtempSync(join(tmpdir(), 'lrkit-fixtures-'));
    onTestFinished(() => rmSync(out, { recursive: true, force: true }));
    const run = spawnSync(python, [join(dir, 'generate.py')], { env: { ...process.env, LRKIT_FIXTURES_OUT: out }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const committed = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    expect(readdirSync(out).sort()).toEqual(committed);
    for (const f of committed) expect(JSON.parse(readFileSync(join(out, f), 'utf8')), f).toEqual(JSON.parse(readFileSync(join(dir, f), 'utf8')));
  });
});
