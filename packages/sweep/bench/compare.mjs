// lrkit's side of the Optuna comparison: one sweep per sampler seed, run with one worker by the CLI
// (`lrkit sweep run`), over the search space of optuna_reference.py. Prints one JSON line: per seed, the
// metric of each trial in the order they ran, the command's wall seconds and the trials' training seconds.
//
// node compare.mjs --sampler tpe --data digits.csv --target digit --trials 40 --seeds 0,1,2,3,4 --epochs 2
// (--metric logLoss: the test cross-entropy, minimised, where accuracy reaches 1 on a small test split;
// --fixed-batch 32: batch size not searched, as realtable_torch.py trains a table with batches of 32)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({
  options: {
    sampler: { type: 'string', default: 'tpe' },
    data: { type: 'string' },
    target: { type: 'string' },
    trials: { type: 'string', default: '40' },
    seeds: { type: 'string', default: '0,1,2,3,4' },
    epochs: { type: 'string', default: '2' },
    metric: { type: 'string', default: 'accuracy' },
    'fixed-batch': { type: 'string' },
    cli: { type: 'string', default: new URL('../../../apps/cli/dist/index.js', import.meta.url).pathname },
  },
});
const space = {
  lr: { logUniform: [1e-4, 0.3] },
  batchSize: { int: [16, 128], log: true },
  'hidden.0': { int: [16, 256], log: true },
};
if (a['fixed-batch'] !== undefined) delete space.batchSize;
const results = [];
for (const seed of a.seeds.split(',').map(Number)) {
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-compare-'));
  try {
    const n = Number(a.trials);
    const block = a.sampler === 'tpe' ? { tpe: { trials: n, samplerSeed: seed, ...space } } : { random: { samples: n, samplerSeed: seed, ...space } };
    const train = { data: resolve(a.data), target: a.target, task: 'classification', epochs: Number(a.epochs), seed: 1, threads: 1, hidden: [64], ...(a['fixed-batch'] !== undefined ? { batchSize: Number(a['fixed-batch']) } : {}) };
    const file = join(dir, 'sweep.json');
    writeFileSync(file, JSON.stringify({ name: 'compare', train, ...block, metric: a.metric }));
    const t0 = performance.now();
    execFileSync(process.execPath, [a.cli, 'sweep', 'run', file, '--workers', '1', '--state-dir', join(dir, 'state'), '--json'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const wall = (performance.now() - t0) / 1000;
    const manifest = JSON.parse(readFileSync(join(dir, 'state', 'compare', 'sweep.json'), 'utf8'));
    const order = manifest.sequence ?? manifest.trials.map((t) => t.id);
    const record = (id) => JSON.parse(readFileSync(join(dir, 'state', 'compare', 'trials', `${id}.json`), 'utf8'));
    const records = order.map(record);
    const unique = [...new Set(order)].map(record);
    results.push({
      seed,
      values: records.map((r) => r.metrics?.[a.metric] ?? null),
      wall_s: wall,
      train_s: unique.reduce((s, r) => s + (r.trainMs ?? 0) / 1000, 0),
      ran: unique.length,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(JSON.stringify({ sampler: `lrkit-${a.sampler}`, data: a.data, metric: a.metric, results }));
