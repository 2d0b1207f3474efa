// lrkit vs the PyTorch reference (shared/reference/tabular_torch.py) on one data set over seeds, side by side.
// Usage: node packages/train/scripts/compare-tabular.mjs --data FILE --target COL --task classification|regression
//        [--seeds 1-5] [--reference /path/to/tabular_torch.py] [--python /usr/bin/python3]
// The split seed is the seed for both (PyTorch: --seed S --split-seed S). Prints one row per seed and the
// medians: accuracy for classification, RMSE for regression. Build first: pnpm --filter @lrkit/train build.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { train, trainDefaults } from '../dist/index.js';

const { values: a } = parseArgs({
  options: {
    data: { type: 'string' },
    target: { type: 'string' },
    task: { type: 'string' },
    seeds: { type: 'string', default: '1-5' },
    reference: { type: 'string', default: new URL('../../../../shared/reference/tabular_torch.py', import.meta.url).pathname },
    python: { type: 'string', default: '/usr/bin/python3' },
    hidden: { type: 'string', default: '64' },
  },
});
const [lo, hi] = a.seeds.split('-').map(Number);
const seeds = Array.from({ length: (hi ?? lo) - lo + 1 }, (_, i) => lo + i);
const metric = a.task === 'regression' ? 'rmse' : 'accuracy';
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ours = [];
const theirs = [];
for (const seed of seeds) {
  // The reference's recipe written out (Adam 1e-3, StepLR(10, 0.1)): a run on a data file of its own would
  // otherwise take the own-data default, which the reference does not run.
  const recipe = { lr: 1e-3, schedule: trainDefaults.schedule };
  const r = await train({ data: a.data, target: a.target, task: a.task, seed, hidden: a.hidden.split(',').map(Number), ...recipe });
  const t = JSON.parse(
    execFileSync(a.python, [a.reference, '--data', a.data, '--target', a.target, '--task', a.task, '--seed', String(seed), '--split-seed', String(seed), '--hidden', a.hidden], { encoding: 'utf8' }),
  );
  ours.push(r.metrics[metric]);
  theirs.push(t[metric]);
  console.log(`seed ${seed}: lrkit ${metric} ${r.metrics[metric].toFixed(4)}  pytorch ${t[metric].toFixed(4)}`);
}
console.log(`median ${metric}: lrkit ${median(ours).toFixed(4)} [${Math.min(...ours).toFixed(4)}..${Math.max(...ours).toFixed(4)}]  pytorch ${median(theirs).toFixed(4)} [${Math.min(...theirs).toFixed(4)}..${Math.max(...theirs).toFixed(4)}]`);
