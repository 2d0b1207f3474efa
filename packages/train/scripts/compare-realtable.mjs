#!/usr/bin/env node
// lrkit vs a PyTorch user's version (shared/reference/realtable_torch.py: pandas, median fill plus indicator,
// one-hot, the seed job's recipe) on the real tables, over seeds, each side at its defaults for the table:
// lrkit's column plan decides alone; the reference is told what pandas cannot tell (--ignore the name, the id
// and the date column, which it would one-hot). Prints a Markdown row per table: medians over the seeds.
// With --recipe reference, lrkit trains with the reference's rate and schedule (Adam 1e-3, StepLR(10, 0.1))
// instead of its own-data default (the range test's rate, cosine): the same recipe on both sides, so what
// differs is the preparation, the split and the random streams.
// With --same-split, the reference trains and tests on lrkit's rows for the seed (its split line replaced in
// a copy), so a gap between the two is the training alone, not which rows each side happened to test on.
// Usage: node packages/train/scripts/compare-realtable.mjs [--seeds 1-5] [--only penguins,cars]
//        [--recipe default|reference] [--same-split] [--reference /path/to/realtable_torch.py] [--python /usr/bin/python3]
// Build first: pnpm --filter @lrkit/train build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRng } from '@lrkit/core';
import { encodeLabels, readTable, trainTestSplit } from '@lrkit/data';
import { train } from '../dist/index.js';

const { values: a } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1-5' },
    recipe: { type: 'string', default: 'default' },
    'same-split': { type: 'boolean', default: false },
    only: { type: 'string' },
    reference: { type: 'string', default: fileURLToPath(new URL('../../../../shared/reference/realtable_torch.py', import.meta.url)) },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});
if (a.recipe !== 'default' && a.recipe !== 'reference') throw new Error(`--recipe is 'default' or 'reference', not '${a.recipe}'`);
const recipe = a.recipe === 'reference' ? { lr: 1e-3, schedule: { type: 'step', stepSize: 10, gamma: 0.1 } } : {};
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

/**
 * lrkit's training and test rows for `seed` as its planned path draws them (rows with a target, the 'split'
 * stream, stratified for classes), numbered as the reference numbers them: among the rows with a target.
 */
async function lrkitSplit(path, target, seed, classification) {
  const table = await readTable(path);
  const values = table.columns.find((c) => c.name === target).values;
  const kept = [];
  for (let i = 0; i < table.rows; i++) if (values[i] !== null && !Number.isNaN(values[i])) kept.push(i);
  const labels = classification ? encodeLabels([...new Set(kept.map((i) => String(values[i])))]).labels : [];
  const y = Int32Array.from(kept, (i) => (classification ? labels.indexOf(String(values[i])) : 0));
  const rows = { featureNames: ['row'], target, labels, x: Float64Array.from(kept.keys()), y, rows: kept.length, cols: 1 };
  const split = trainTestSplit(rows, { testFraction: 0.2, rng: createRng(seed).fork('split'), stratify: classification });
  return { train: Array.from(split.train.x), test: Array.from(split.test.x) };
}

/** A copy of the reference whose split is read from the file named by LRKIT_SPLIT. */
function sameSplitReference() {
  const line = "tr, te = train_test_split(idx, test_size=0.2, random_state=a.seed, stratify=y_all if task == 'classification' else None)";
  const text = readFileSync(a.reference, 'utf8');
  if (!text.includes(line)) throw new Error(`${a.reference}: no split line '${line}' to replace for --same-split`);
  const out = join(tmp, 'realtable_same_split.py');
  writeFileSync(out, text.replace(line, "s = json.load(open(__import__('os').environ['LRKIT_SPLIT'])); tr, te = np.array(s['train']), np.array(s['test'])"));
  return out;
}
const reference = a['same-split'] ? sameSplitReference() : a.reference;

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
    const r = await train({ data: t.data, target: t.target, seed, ...recipe, ...(t.config ?? {}) });
    metric = r.task === 'regression' ? 'rmse' : 'accuracy';
    const env = { ...process.env };
    if (a['same-split']) {
      env.LRKIT_SPLIT = join(tmp, 'split.json');
      writeFileSync(env.LRKIT_SPLIT, JSON.stringify(await lrkitSplit(t.data, t.target, seed, r.task === 'classification')));
    }
    const p = JSON.parse(execFileSync(a.python, [reference, '--data', csv, '--target', t.target, '--seed', String(seed), ...t.torch], { encoding: 'utf8', env }));
    ours.push(r.metrics[metric]);
    theirs.push(p[metric]);
    console.error(`${t.name} seed ${seed}: lrkit ${metric} ${r.metrics[metric].toFixed(4)}  pytorch ${p[metric].toFixed(4)}`);
  }
  const [m, p] = [median(ours), median(theirs)];
  const within = metric === 'rmse' ? m <= p * 1.05 : m >= p - 0.01;
  const range = (xs) => `${Math.min(...xs).toFixed(4)}-${Math.max(...xs).toFixed(4)}`;
  rows.push(`| ${t.name} | ${metric} | ${m.toFixed(4)} (${range(ours)}) | ${p.toFixed(4)} (${range(theirs)}) | ${within ? 'yes' : 'no'} |`);
}
console.log(['| table | metric | lrkit median (range) | PyTorch median (range) | within 0.01 acc. / 5% RMSE |', '|---|---|---|---|---|', ...rows].join('\n'));
