// Parity with real PyTorch: fixtures/*.json were produced by fixtures/generate.py with Debian's
// python3-torch 1.13; every rate and momentum is checked to 1e-12 relative.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScheduler } from './index.js';
import type { ParamGroupLike } from './types.js';

interface Case {
  name: string;
  spec: Record<string, unknown>;
  steps: number;
  lrs: number[];
  momentum?: number;
  optimizer?: 'adam';
  beta1?: number;
  metrics?: number[];
  expected: { lrs: number[][]; momentum: number[][] };
}

// The same functions as LAMBDAS in python/torch_schedulers.py (shared with fixtures/generate.py).
const LAMBDAS: Record<string, (e: number) => number> = {
  pow095: (e) => 0.95 ** e,
  inv1: (e) => 1.0 / (e + 1),
  mul098: () => 0.98,
  mulstep: (e) => (e % 3 === 0 ? 0.5 : 1.0),
};

const dir = join(__dirname, '..', 'fixtures');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

function close(actual: number, expected: number): boolean {
  if (actual === expected) return true;
  if (process.env.LRKIT_PARITY_EXACT) return false;
  return Math.abs(actual - expected) <= 1e-12 * Math.max(Math.abs(actual), Math.abs(expected));
}

/** Replace lambda names (JSON can't hold functions) by the functions, anywhere in the spec tree. */
function withFunctions(spec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...spec };
  if (spec.type === 'lambda' || spec.type === 'multiplicative') out.lrLambda = LAMBDAS[spec.lrLambda as string];
  if (Array.isArray(spec.schedulers)) out.schedulers = (spec.schedulers as Record<string, unknown>[]).map(withFunctions);
  return out;
}

describe('parity with PyTorch 1.13', () => {
  it('has fixtures for every PyTorch built-in', () => {
    const types = files.map((f) => f.replace(/\.json$/, '')).sort();
    expect(types).toEqual(
      [
        'chained', 'constant-factor', 'cosine-annealing', 'cosine-annealing-warm-restarts', 'cyclic', 'exponential', 'lambda', 'linear',
        'multi-step', 'multiplicative', 'one-cycle', 'polynomial', 'reduce-on-plateau', 'sequential', 'step', 'swa',
      ].sort(),
    );
  });

  for (const file of files) {
    const { cases } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: Case[] };
    describe(file.replace(/\.json$/, ''), () => {
      for (const c of cases) {
        it(c.name, () => {
          const groups: ParamGroupLike[] = c.lrs.map((lr) =>
            c.optimizer === 'adam' ? { lr, betas: [c.beta1 ?? 0.9, 0.999] } : { lr, momentum: c.momentum ?? 0 },
          );
          const s = createScheduler(withFunctions(c.spec), { paramGroups: groups });
          const mom = () => groups.map((g) => (g.betas ? g.betas[0] : g.momentum!));
          const mismatches: string[] = [];
          const compare = (k: number) => {
            const lrs = groups.map((g) => g.lr);
            const ms = mom();
            lrs.forEach((v, i) => {
              if (!close(v, c.expected.lrs[k]![i]!)) mismatches.push(`step ${k} group ${i} lr: ${v} vs torch ${c.expected.lrs[k]![i]}`);
            });
            ms.forEach((v, i) => {
              if (!close(v, c.expected.momentum[k]![i]!)) mismatches.push(`step ${k} group ${i} momentum: ${v} vs torch ${c.expected.momentum[k]![i]}`);
            });
          };
          compare(0);
          for (let k = 1; k <= c.steps; k++) {
            s.step(c.metrics?.[k - 1]);
            compare(k);
          }
          expect(mismatches.slice(0, 5)).toEqual([]);
          expect(s.getLastLr()).toEqual(groups.map((g) => g.lr));
        });
      }
    });
  }
});
