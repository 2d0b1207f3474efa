// Checkpoints survive SIGKILL: a checkpointed run killed part-way and resumed ends with the same weights,
// optimizer moments, schedule state and history, bit for bit, as the same run never interrupted. The
// schedule is one-cycle stepped per batch with SGD, so the momentum it writes cycles on every step too.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, fixtureDir, lines, lrkit } from './test-support';

const fx = fixtureDir('lrkit-cli-checkpoint-');
afterAll(() => fx.remove());

// Long enough (about 100 epochs after the kill point) that the SIGKILL sent on epoch 4's line lands
// mid-run even on a loaded machine: with 12 epochs the run sometimes finished before the kill arrived.
const epochs = 100;
// 455 training rows in batches of 32: 15 steps an epoch.
const schedule = JSON.stringify({ type: 'one-cycle', maxLr: 0.05, totalSteps: epochs * 15, interval: 'step' });
const args = (dir: string) => ['train', '--optimizer', 'sgd', '--lr', '0.01', '--hidden', '256,256', '--epochs', String(epochs), '--seed', '5', '--schedule', schedule, '--checkpoint-dir', dir, '--json'];

/** Starts the run and SIGKILLs it once the epoch line `killAfter` appears (its checkpoint then exists or is being written). */
function runAndKill(dir: string, killAfter: number): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args(dir)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      err += chunk;
      if (new RegExp(`^Epoch \\[${killAfter}/`, 'm').test(err)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

function checkpoint(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as Record<string, unknown>;
}

describe('lrkit train --checkpoint-dir / --resume', () => {
  // About two whole runs of training: 8 s on a quiet machine, over 60 s (the default timeout) on a loaded one.
  it('a run SIGKILLed part-way and resumed finishes bit-identical to the uninterrupted run', async () => {
    const whole = join(fx.dir, 'whole');
    const cut = join(fx.dir, 'cut');
    const a = lrkit(args(whole));
    expect(a.status, a.stderr).toBe(0);

    const killed = await runAndKill(cut, 4);
    expect(killed.signal).toBe('SIGKILL');
    // Killed part-way: the last complete checkpoint is readable, from before the end of the run.
    const partial = checkpoint(cut);
    expect(partial.epoch as number).toBeGreaterThanOrEqual(3);
    expect(partial.epoch as number).toBeLessThan(epochs);

    const b = lrkit([...args(cut), '--resume']);
    expect(b.status, b.stderr).toBe(0);
    const ja = JSON.parse(lines(a.stdout)[0]!) as Record<string, unknown>;
    const jb = JSON.parse(lines(b.stdout)[0]!) as Record<string, unknown>;
    expect(jb.resumedFromEpoch).toBe(partial.epoch);

    const ca = checkpoint(whole);
    const cb = checkpoint(cut);
    expect(cb.epoch).toBe(epochs);
    // Weights, every optimizer moment and the step count, the schedule's state, the RNG position, the history.
    for (const key of ['model', 'optimizer', 'scheduler', 'rng', 'history', 'settings', 'data']) expect(cb[key], key).toEqual(ca[key]);
    expect(JSON.stringify(cb.model)).toBe(JSON.stringify(ca.model));
    // The momentum really cycled: one-cycle wrote a momentum other than SGD's initial 0.
    expect((ca.optimizer as { paramGroups: { momentum: number }[] }).paramGroups[0]!.momentum).toBeGreaterThan(0.8);
    for (const k of ['accuracy', 'f1', 'rocAuc', 'loss', 'testLoss']) expect(jb[k], k).toBe(ja[k]);
    // No temp file left behind after the resumed run's own writes.
    expect(readdirSync(cut)).toEqual(['checkpoint.json']);
  }, 180_000);

  it('refuses to resume with a setting that changes the result, naming it', () => {
    const dir = join(fx.dir, 'settings');
    expect(lrkit(['train', '--epochs', '2', '--checkpoint-dir', dir]).status).toBe(0);
    const r = lrkit(['train', '--epochs', '2', '--batch-size', '16', '--checkpoint-dir', dir, '--resume']);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^lrkit: batchSize: the checkpoint in '.*' was made with batchSize 32, this run has 16/)]);
    // It says how to start afresh, in the names the flags are made from (--resume, --checkpoint-dir).
    expect(r.stderr).toContain(`: resume with the same settings, or start afresh: leave out resume and give another checkpoint.dir, or delete '${dir}' first\n`);
    const fresh = lrkit(['train', '--epochs', '2', '--checkpoint-dir', dir]);
    expect(fresh.stderr).toBe(`lrkit: checkpoint.dir: '${dir}' already holds a checkpoint: resume it (resume: true), or give another checkpoint.dir, or delete '${dir}' first\n`);
    const other = fx.file('other.csv', `a,b,k\n${Array.from({ length: 20 }, (_, i) => `${i},${i % 3},${i % 2 ? 'p' : 'q'}`).join('\n')}\n`);
    const d = lrkit(['train', '--epochs', '2', '--data', other, '--target', 'k', '--checkpoint-dir', dir, '--resume']);
    expect(d.status).toBe(2);
    expect(d.stderr).toMatch(/^lrkit: (resume: the checkpoint in '.*' was made on another data set|target: )/);
  });
});
