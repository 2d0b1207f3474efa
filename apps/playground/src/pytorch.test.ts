import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { preview } from '@lrkit/schedulers';
import { describe, expect, it } from 'vitest';
import { toPyTorch } from './pytorch.js';
import type { RunSettings } from './settings.js';

const one: RunSettings = { steps: 30, lrs: [0.1], momentum: 0 };
const two: RunSettings = { steps: 40, lrs: [0.1, 0.05], momentum: 0.9 };

// Specs that PyTorch has, with the settings to run them: leaves, composites, momentum, metrics, fractional epochs.
const CASES: [string, unknown, RunSettings][] = [
  ['step', { type: 'step', stepSize: 3, gamma: 0.5 }, one],
  ['sequential warmup then cosine, two groups', { type: 'sequential', milestones: [5], schedulers: [{ type: 'linear', startFactor: 0.1, totalIters: 5 }, { type: 'cosine-annealing', tMax: 35 }] }, two],
  ['chained', { type: 'chained', schedulers: [{ type: 'constant-factor', factor: 0.5, totalIters: 4 }, { type: 'exponential', gamma: 0.95 }] }, one],
  ['one-cycle with momentum', { type: 'one-cycle', maxLr: [0.2, 0.1], totalSteps: 40, threePhase: true }, two],
  ['cyclic exp_range', { type: 'cyclic', baseLr: 0.01, maxLr: 0.1, stepSizeUp: 4, mode: 'exp_range', gamma: 0.97 }, two],
  ['warm restarts, fractional epochs', { type: 'cosine-annealing-warm-restarts', t0: 2, tMult: 2, stepsPerEpoch: 5 }, one],
  ['reduce-on-plateau', { type: 'reduce-on-plateau', patience: 1, factor: 0.5 }, { ...one, steps: 8, metrics: [1, 0.9, 0.95, 0.96, 0.97, 0.5, 0.6, 0.7] }],
  ['swa', { type: 'swa', swaLr: 0.02, annealEpochs: 5, annealStrategy: 'linear' }, one],
  ['cosine, tMax left out (the steps fill it)', { type: 'cosine-annealing', etaMin: 0.01 }, one],
  ['constant (the rate held)', { type: 'constant' }, one],
  ['cyclic, momentum per group', { type: 'cyclic', baseLr: 0.01, maxLr: 0.1, stepSizeUp: 3, cycleMomentum: false }, { ...two, steps: 12, momentum: [0.9, 0.5] }],
];

describe('copy as PyTorch', () => {
  it('writes the constructor with PyTorch names and only the options the spec sets', () => {
    const code = toPyTorch({ type: 'step', stepSize: 3, gamma: 0.5 }, one);
    expect(code.ok && code.code).toContain('scheduler = lr_scheduler.StepLR(optimizer, step_size=3, gamma=0.5)\n');
    const seq = toPyTorch(CASES[1]![1], two);
    expect(seq.ok && seq.code).toContain(
      's0 = lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)\ns1 = lr_scheduler.CosineAnnealingLR(optimizer, T_max=35)\n' +
        'scheduler = lr_scheduler.SequentialLR(optimizer, schedulers=[s0, s1], milestones=[5])\n',
    );
    expect(seq.ok && seq.code).toContain('lrs = [0.1, 0.05]\n');
    expect(seq.ok && seq.code).toContain('momentum=0.9)');
    expect(toPyTorch({ type: 'cosine-annealing' }, one)).toMatchObject({ ok: true, code: expect.stringContaining('scheduler = lr_scheduler.CosineAnnealingLR(optimizer, T_max=30)\n') });
    expect(toPyTorch({ type: 'constant' }, one)).toMatchObject({ ok: true, code: expect.stringContaining('scheduler = lr_scheduler.ConstantLR(optimizer, factor=1.0, total_iters=0)\n') });
    const oc = toPyTorch(CASES[3]![1], two);
    expect(oc.ok && oc.code).toContain('lr_scheduler.OneCycleLR(optimizer, max_lr=[0.2, 0.1], total_steps=40, three_phase=True)');
    expect(oc.ok && oc.code).toContain('print("step,lr0,lr1,momentum0,momentum1")');
    const plateau = toPyTorch(CASES[6]![1], CASES[6]![2]);
    expect(plateau.ok && plateau.code).toContain('scheduler.step(metrics[step - 1])');
    expect(toPyTorch(CASES[5]![1], one)).toMatchObject({ ok: true, code: expect.stringContaining('scheduler.step(step / 5)') });
    expect(toPyTorch(CASES[7]![1], one)).toMatchObject({ ok: true, code: expect.stringContaining('from torch.optim.swa_utils import SWALR') });
  });

  it('says why where PyTorch has no equivalent', () => {
    expect(toPyTorch({ type: 'warmup-cosine', warmupSteps: 5, totalSteps: 30 }, one)).toEqual({
      ok: false,
      reason: "schedule: 'warmup-cosine' has no torch.optim.lr_scheduler equivalent (it is lrkit's own or a plugin)",
    });
    expect(toPyTorch({ type: 'one-cycle', maxLr: 0.1, totalSteps: 30, clampFinal: true }, one)).toMatchObject({ ok: false, reason: expect.stringMatching(/^schedule\.clampFinal: /) });
    expect(toPyTorch({ type: 'chained', schedulers: [{ type: 'step', stepSize: 2 }, { type: 'reduce-on-plateau' }] }, { ...one, steps: 2, metrics: [1, 1] })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^schedule\.schedulers\[1\]: PyTorch's SequentialLR and ChainedScheduler cannot hold ReduceLROnPlateau/),
    });
  });

  it('refuses an invalid spec with the package error', () => {
    expect(() => toPyTorch({ type: 'step', stepSize: 2, gama: 0.5 }, one)).toThrow(/schedule\.gama: unknown option \(did you mean 'gamma'\?\)/);
  });

  const python = '/usr/bin/python3';
  const torch = existsSync(python) ? spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' }) : null;
  const reason = !torch ? `${python} not found` : torch.status !== 0 ? `${python} has no torch (apt-get install python3-torch)` : '';
  if (reason) console.log(`skipped: running the generated PyTorch code: ${reason}`);

  it.skipIf(reason !== '')('the generated scripts, run by real PyTorch, print preview() to 1e-12', () => {
    const scripts = CASES.map(([name, spec, settings]) => {
      const code = toPyTorch(spec, settings);
      if (!code.ok) throw new Error(`${name}: ${code.reason}`);
      return code.code;
    });
    // One interpreter runs every script (importing torch takes seconds), each in its own globals, as if alone.
    const driver = scripts.map((code, i) => `print("### ${i}")\nexec(compile(${JSON.stringify(code)}, "case${i}", "exec"), {"__name__": "__main__"})\n`).join('');
    const run = spawnSync(python, ['-'], { input: driver, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const outputs = run.stdout.split(/^### \d+\n/m).slice(1);
    expect(outputs).toHaveLength(CASES.length);
    let same = 0;
    let all = 0;
    CASES.forEach(([name, spec, settings], i) => {
      const expected = preview(spec, settings);
      const lines = outputs[i]!.trim().split('\n');
      expect(lines[0], name).toBe(['step', ...settings.lrs.map((_, g) => `lr${g}`), ...(expected.momentum ? settings.lrs.map((_, g) => `momentum${g}`) : [])].join(','));
      expect(lines.length - 1, name).toBe(settings.steps + 1);
      lines.slice(1).forEach((line, k) => {
        const cells = line.split(',').map(Number);
        expect(cells[0], name).toBe(k);
        const want = [...expected.lrs[k]!, ...(expected.momentum?.[k] ?? [])];
        expect(cells.length - 1, name).toBe(want.length);
        want.forEach((w, c) => {
          const got = cells[c + 1]!;
          all++;
          if (got === w) same++;
          // PyTorch parity is 1e-12 relative (V8 and glibc round cos/pow differently in the last place).
          if (got !== w && !(Math.abs(got - w) <= 1e-12 * Math.max(Math.abs(got), Math.abs(w)))) throw new Error(`${name}: step ${k} column ${c + 1}: PyTorch ${got}, preview ${w}`);
        });
      });
    });
    console.log(`PyTorch ${torch!.stdout.trim()}: ${same} of ${all} values identical to preview()'s, the rest within 1e-12 relative`);
  });
});
