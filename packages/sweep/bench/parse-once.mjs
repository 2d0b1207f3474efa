// What the trial process's table cache saves: the same trials run in one process, alternately reading the
// data file each time (as before the cache) and through one tableCache (as a trial process now runs them),
// interleaved so that the machine's load falls on both alike. Per trial: wall time minus training time.
// Prints one JSON line: per variant, median, min and max seconds.
//
// node parse-once.mjs --data digits.csv --target digit --trials 20 [--batch 32]
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { tableCache } from '@lrkit/train/internal';
import { runTrial } from '../dist/index.js';

const { values: a } = parseArgs({
  options: { data: { type: 'string' }, target: { type: 'string' }, trials: { type: 'string', default: '20' }, batch: { type: 'string', default: '32' }, epochs: { type: 'string', default: '2' } },
});
const config = { data: resolve(a.data), target: a.target, task: 'classification', epochs: Number(a.epochs), seed: 1, threads: 1, hidden: [64], batchSize: Number(a.batch) };
const tables = tableCache();
const outside = { read: [], cached: [] };
for (let i = 0; i < Number(a.trials); i++) {
  // lr varies as a sweep's would; each variant runs the same lr.
  const lr = 1e-3 * 1.2 ** i;
  for (const variant of i % 2 ? ['cached', 'read'] : ['read', 'cached']) {
    const t0 = performance.now();
    const r = await runTrial({ id: `${variant}${i}`, params: { lr }, config: { ...config, lr } }, undefined, variant === 'cached' ? tables : undefined);
    if (r.status !== 'done') throw new Error(r.error);
    outside[variant].push((performance.now() - t0 - r.trainMs) / 1000);
  }
}
const stats = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return { median: +((s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2).toFixed(3), min: +s[0].toFixed(3), max: +s.at(-1).toFixed(3) };
};
console.log(JSON.stringify({ data: a.data, trials: Number(a.trials), read: stats(outside.read), cached: stats(outside.cached) }));
