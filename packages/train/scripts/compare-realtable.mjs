#!/usr/bin/env node
// lrkit vs a PyTorch user's version (shared/reference/realtable_torch.py: pandas, median fill plus indicator,
// one-hot, the seed job's recipe) on the real tables, over seeds, each side at its defaults for the table:
// lrkit's column plan decides alone; the reference is told what pandas cannot tell (--ignore the name, the id
// and the date column, which it would one-hot). Prints a Markdown row per table: medians over the seeds.
// Usage: node packages/train/scripts/compare-realtable.mjs [--seeds 1-5] [--only penguins,cars]
//        [--reference /path/to/realtable_torch.py] [--python /usr/bin/python3]
// Build first: pnpm --filter @lrkit/train build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { train } from '../dist/index.js';

const { values: a } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1-5' },
    only: { type: 'string' },
    reference: { type: 'string', default: fileURLToPath(new URL('../../../../shared/reference/realtable_torch.py', import.meta.url)) },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});
const [lo, hi] = a.seeds.split('-').map(Number);
const seeds = Array.from({ length: (hi ?? lo) - lo + 1 }, (_, i) => lo + i);
const tmp = mkdtempSync(join(tmpdir(), 'lrkit-realtable-'));
const vega = (name) => fileURLToPath(new URL(`../node_modules/vega-datasets/data/${name}`, import.meta.url));

/** JSON records as CSV for pandas (null as an empty cell). */
function jsonToCsv(path) {
  const records = JSON.parse(readFileSync(path, 'utf8'));
  const names = Object.keys(records[0]);
  const cell = (v) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const out = join(tmp, path.split('/').at(-1).replace(/\.json$/, '.csv'));
  writeFileSync(out, [names.join(','), ...records.map((r) => names.map((n) => cell(r[n])).join(','))].join('\n') + '\n');
  return out;
}

const adult = join(tmp, 'adult-like.csv');
execFileSync(process.execPath, [fileURLToPath(new URL('./make-adult-like.mjs', import.meta.url)), adult], { stdio: 'ignore' });

const tables = [
  { name: 'penguins', data: vega('penguins.json'), csv: () => jsonToCsv(vega('penguins.json')), target: 'Species', torch: [] },
  { name: 'cars', data: vega('cars.json'), csv: () => jsonToCsv(vega('cars.json')), target: 'Miles_per_Gallon', torch: ['--ignore', 'Name'] },
  { name: 'seattle-weather', data: vega('seattle-weather.csv'), csv: () => vega('seattle-weather.csv'), target: 'weather', torch: ['--ignore', 'date'] },
  { name: 'adult-like', data: adult, csv: () => adult, target: 'income', torch: ['--ignore', 'id'] },
  // The same table with its numeric columns alone: the signal is in the text columns and the gaps.
  { name: 'adult-like, numbers only', data: adult, csv: () => adult, target: 'income', config: { features: ['age', 'capital-gain', 'hours-per-week'] }, torch: ['--ignore', 'id,workclass,education,marital-status,occupation,sex,native-country'] },
].filter((t) => !a.only || a.only.split(',').includes(t.name));

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const rows = [];
for (const t of tables) {
  const csv = t.csv();
  const ours = [];
  const theirs = [];
  let metric;
  for (const seed of seeds) {
    const r = await train({ data: t.data, target: t.target, seed, ...(t.config ?? {}) });
    metric = r.task === 'regression' ? 'rmse' : 'accuracy';
    const p = JSON.parse(execFileSync(a.python, [a.reference, '--data', csv, '--target', t.target, '--seed', String(seed), ...t.torch], { encoding: 'utf8' }));
    ours.push(r.metrics[metric]);
    theirs.push(p[metric]);
    console.error(`${t.name} seed ${seed}: lrkit ${metric} ${r.metrics[metric].toFixed(4)}  pytorch ${p[metric].toFixed(4)}`);
  }
  const [m, p] = [median(ours), median(theirs)];
  const within = metric === 'rmse' ? m <= p * 1.05 : m >= p - 0.01;
  rows.push(`| ${t.name} | ${metric} | ${m.toFixed(4)} | ${p.toFixed(4)} | ${within ? 'yes' : 'no'} |`);
}
console.log(['| table | metric | lrkit median | PyTorch median | within 0.01 acc. / 5% RMSE |', '|---|---|---|---|---|', ...rows].join('\n'));
