// A program that uses several schedules runs them all through the same shared code (ClosedFormNode,
// ChainableNode, the composites, one `fill` literal shared by two built-ins): call sites there turn
// polymorphic once several schedule classes have passed, and V8 may then box a double on every step
// where one schedule alone never does. So every built-in is measured here after the others have run in
// the same process: in the registry order (lrkit-bench's order, which had inverse-time at 31.85 B a step
// behind exponential-decay) and in a shuffled order with a fixed seed.
// In a fresh process, one ChainableNode schedule after another used to box too: with 2-4 of its classes
// seen, V8 inlines their computeLr into the shared step() polymorphically and reads a subclass's own
// double field (StepNode's gamma, cosine-annealing's cached 1 + cos) on the union of the classes' maps,
// where it is double-or-undefined, so boxed: 16-32 B a step. Those pairs are measured below, each in its
// own child process (V8's feedback is per process), on a bundle of the sources built here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleSpecs } from './examples.js';
import { allocating, measureInOrder } from './test-allocation-order.js';

const registryOrder = exampleSpecs(1).map((s) => s.type);
const shuffled = fc.sample(fc.shuffledSubarray(registryOrder, { minLength: registryOrder.length }), { seed: 14, numRuns: 1 })[0]!;

describe('step() allocation with every built-in in one process', () => {
  it('the shuffled order is a real permutation of the registry', () => {
    expect([...shuffled].sort()).toEqual([...registryOrder].sort());
    expect(shuffled).not.toEqual(registryOrder);
  });

  it('in the registry order, no built-in allocates per step', async () => {
    expect(allocating(await measureInOrder(registryOrder))).toEqual({});
  }, 120_000);

  it('in a shuffled order (fixed seed), no built-in allocates per step', async () => {
    expect(allocating(await measureInOrder(shuffled))).toEqual({});
  }, 120_000);
});

// Every ordered pair of the ChainableNode-based built-ins (and the composites over them) was run in a
// fresh process on the code before the fix (`nums` in ChainableNode); these are the pairs whose second
// schedule allocated, keyed by that schedule. cosine-annealing alone allocated 16 B a step in 9 of 15 runs.
const FAILED_AFTER: Record<string, string[]> = {
  exponential: ['constant-factor', 'cosine-annealing', 'lambda', 'linear', 'multiplicative', 'one-cycle', 'polynomial', 'sequential', 'swa'],
  chained: ['constant-factor', 'cosine-annealing', 'lambda', 'linear', 'multiplicative', 'one-cycle', 'polynomial', 'sequential', 'swa', 'warmup'],
  'cosine-annealing': ['exponential', 'linear', 'multi-step', 'multiplicative'],
  warmup: ['chained', 'constant-factor', 'one-cycle', 'sequential'],
  sequential: ['warmup'],
};
const pairs = Object.entries(FAILED_AFTER).flatMap(([second, firsts]) => firsts.map((first) => [first, second] as const));

describe('step() allocation of one ChainableNode schedule after another, each pair in a fresh process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-alloc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // The child measures the types given as arguments, in that order, and prints their bytes per step.
  const child = join(dir, 'measure.mjs');
  const build = buildSync({
    stdin: {
      contents: `import { measureInOrder } from './test-allocation-order.ts';
console.log(JSON.stringify(await measureInOrder(process.argv.slice(2))));`,
      resolveDir: __dirname,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  writeFileSync(child, build.outputFiles[0]!.contents);

  it('every pair is of built-ins with example specs', () => {
    for (const [first, second] of pairs) expect(registryOrder).toEqual(expect.arrayContaining([first, second]));
    expect(pairs.length).toBe(28);
  });

  const measurePair = (first: string, second: string): Record<string, number> => {
    const run = spawnSync(process.execPath, [child, first, second], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`child for ${first}, ${second} failed: ${run.stderr}`);
    return allocating(JSON.parse(run.stdout) as Record<string, number>);
  };

  it('no pair allocates per step (either schedule)', () => {
    const found: Record<string, number> = {};
    for (const [first, second] of pairs) {
      // On a loaded machine a child may measure code the JIT has not optimised yet in every run
      // (measureAllocation), which boxes; boxing by the optimised code happens in every process, so a
      // pair counts only when a second fresh process allocates too.
      let bad = measurePair(first, second);
      if (Object.keys(bad).length > 0) bad = measurePair(first, second);
      for (const [type, b] of Object.entries(bad)) found[type === first ? `${first} (first)` : `${second} after ${first}`] = b;
    }
    expect(found).toEqual({});
  }, 120_000);
});
