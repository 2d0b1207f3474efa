#!/usr/bin/env node
// Guards on the range test's rate for the own-data default (the valley, then a cosine over the run), measured
// against the default itself. None of them is the default: docs/measurements.md ("Guards on the found rate")
// has the tables and why. schedule-defaults.mjs runs the same guards on its seven data sets (against the
// 24-trial sweep); this script runs them on the real tables and on larger generated ones:
//
//   node packages/train/scripts/rate-guards.mjs [--seeds 1-5] [--only adult-like,friedman1 10000 rows]
//
// Each (table, seed): the default run, then each guard's rate trained with the same cosine. A guard that
// leaves the found rate alone trains exactly the default run (the range test runs on its own copy of the
// model and shuffle stream), so its result is the default's. Build first: pnpm --filter @lrkit/train... build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Each guard: the rate to train at, from the range test's suggestions and the optimizer steps of the run. */
export const RATE_GUARDS = {
  'half the valley': ({ found }) => found.lr / 2,
  'steep instead of valley': ({ found }) => found.suggestions.steep.lr,
  // Caps the cosine's summed rate (steps x lr / 2): 12.5 is the loosest cap under which no data set of the
  // 24-trial sweep loses its best rate (friedman1: 1e-2 over 1,250 steps).
  'valley, at most 12.5 / steps': ({ found, steps }) => Math.min(found.lr, 12.5 / steps),
  'valley, at most 10 / steps': ({ found, steps }) => Math.min(found.lr, 10 / steps),
};

/**
 * The rate `guard` gives `config` (a train() config with no rate or schedule): the range test's suggestions
 * and the training rows come from a one-epoch run, since the test runs before training and its curve does
 * not depend on the epochs.
 */
export async function guardedRate(train, config, guard, epochs) {
  const probe = await train({ ...config, epochs: 1 });
  const steps = Math.ceil(probe.trainSize / probe.config.batchSize) * epochs;
  return { lr: RATE_GUARDS[guard]({ found: probe.lrFound, steps }), found: probe.lrFound.lr, steps };
}

/** friedman1 (8 features, noise 1) as scikit-learn's make_friedman1 defines it, from a seeded generator. */
function writeFriedman1(path, rows, seed) {
  let state = seed >>> 0;
  // mulberry32, as make-adult-like.mjs
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lines = ['x0,x1,x2,x3,x4,x5,x6,x7,y'];
  for (let i = 0; i < rows; i++) {
    const x = Array.from({ length: 8 }, random);
    const y = 10 * Math.sin(Math.PI * x[0] * x[1]) + 20 * (x[2] - 0.5) ** 2 + 10 * x[3] + 5 * x[4] + normal();
    lines.push([...x, y].map((v) => v.toFixed(6)).join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function main() {
  const { train, trainDefaults } = await import('../dist/index.js');
  const { values: a } = parseArgs({ options: { seeds: { type: 'string', default: '1-5' }, only: { type: 'string' } } });
  const [lo, hi] = a.seeds.split('-').map(Number);
  const seeds = Array.from({ length: (hi ?? lo) - lo + 1 }, (_, i) => lo + i);
  const tmp = mkdtempSync(join(tmpdir(), 'lrkit-rate-guards-'));
  const vega = (name) => fileURLToPath(new URL(`../node_modules/vega-datasets/data/${name}`, import.meta.url));
  const adult = (rows) => {
    const out = join(tmp, `adult-like-${rows}.csv`);
    execFileSync(process.execPath, [fileURLToPath(new URL('./make-adult-like.mjs', import.meta.url)), out, '--rows', String(rows)], { stdio: 'ignore' });
    return out;
  };
  const friedman1 = (rows) => {
    const out = join(tmp, `friedman1-${rows}.csv`);
    writeFriedman1(out, rows, 12345);
    return out;
  };
  const tables = [
    { name: 'penguins', data: () => vega('penguins.json'), target: 'Species' },
    { name: 'cars', data: () => vega('cars.json'), target: 'Miles_per_Gallon' },
    { name: 'seattle-weather', data: () => vega('seattle-weather.csv'), target: 'weather' },
    { name: 'adult-like', data: () => adult(6000), target: 'income' },
    { name: 'adult-like, numeric columns alone', data: () => adult(6000), target: 'income', config: { features: ['age', 'capital-gain', 'hours-per-week'] } },
    { name: 'adult-like 20000 rows', data: () => adult(20000), target: 'income' },
    { name: 'friedman1 10000 rows', data: () => friedman1(10000), target: 'y' },
    { name: 'friedman1 50000 rows', data: () => friedman1(50000), target: 'y' },
  ].filter((t) => !a.only || a.only.split(',').includes(t.name));
  const median = (xs) => {
    const s = [...xs].sort((x, y) => x - y);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const guards = Object.keys(RATE_GUARDS);
  const rows = [];
  for (const t of tables) {
    const config = { data: t.data(), target: t.target, ...(t.config ?? {}) };
    const results = Object.fromEntries(['default', ...guards].map((g) => [g, []]));
    let metric;
    for (const seed of seeds) {
      const base = await train({ ...config, seed });
      metric = base.task === 'regression' ? 'rmse' : 'accuracy';
      results.default.push(base.metrics[metric]);
      for (const g of guards) {
        const { lr, found } = await guardedRate(train, { ...config, seed }, g, trainDefaults.epochs);
        const r = lr === found ? base : await train({ ...config, seed, lr, schedule: { type: 'cosine-annealing' } });
        results[g].push(r.metrics[metric]);
        console.error(`${t.name} seed ${seed} ${g}: lr ${lr.toExponential(2)} (found ${found.toExponential(2)}) ${metric} ${r.metrics[metric].toFixed(4)}`);
      }
    }
    rows.push(`| ${t.name} (${metric}) | ${['default', ...guards].map((g) => median(results[g]).toFixed(4)).join(' | ')} |`);
  }
  console.log([`| table | default (valley) | ${guards.join(' | ')} |`, `| --- | --- | ${guards.map(() => '---').join(' | ')} |`, ...rows].join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
