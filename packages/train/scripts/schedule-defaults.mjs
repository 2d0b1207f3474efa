// The measurements behind the default schedule of a run on the user's own data, and the schedule-free table
// (packages/train/README.md, "The default schedule" and "Schedule-free training").
//
//   node packages/train/scripts/schedule-defaults.mjs run [--jobs 2] [--seeds 1-5] [--epochs 50] [--out DIR] [--only sweep|candidate|default|schedule-free]
//   node packages/train/scripts/schedule-defaults.mjs report [--out DIR]
//
// `run` trains every (data set, recipe, seed) not already recorded in DIR (default
// packages/train/bench-results/schedule-defaults, one JSON line per run, so an interrupted run goes on where
// it stopped) in --jobs child processes on the native backend with one thread each. `report` prints the
// tables: per data set the median over seeds of test accuracy (classification) or RMSE (regression) for the
// 24-trial Adam sweep (8 schedules x 3 rates), its best, the run with no schedule given (the default), and
// the schedule-free optimizers at their defaults. Build first: pnpm --filter @lrkit/train... build.
import { fork } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { embeddedDataPath } from '@lrkit/data';
import { train, TrainDivergedError } from '../dist/index.js';
import { guardedRate, RATE_GUARDS } from './rate-guards.mjs';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;
const DATASETS = [
  { name: 'breast cancer', data: embeddedDataPath, target: 'diagnosis', task: 'classification', shared: true },
  { name: 'iris', data: join(fixtures, 'iris.csv'), target: 'species', task: 'classification', shared: true },
  { name: 'wine', data: join(fixtures, 'wine.csv'), target: 'cultivar', task: 'classification', shared: true },
  { name: 'friedman1', data: join(fixtures, 'friedman1.csv'), target: 'y', task: 'regression', shared: true },
  { name: 'digits', data: join(fixtures, 'digits.csv'), target: 'digit', task: 'classification', shared: true },
  { name: 'diabetes', data: join(fixtures, 'diabetes.csv'), target: 'progression', task: 'regression' },
  { name: 'classification3', data: join(fixtures, 'classification3.csv'), target: 'label', task: 'classification' },
];

/** The sweep's schedules, each at every rate of LRS; lengths the run knows are left out (filled from it). */
const SCHEDULES = {
  constant: () => ({ type: 'constant' }),
  'step(10,0.1)': () => ({ type: 'step', stepSize: 10, gamma: 0.1 }),
  cosine: () => ({ type: 'cosine-annealing' }),
  'one-cycle': (lr) => ({ type: 'one-cycle', maxLr: lr }),
  'warmup-cosine': () => ({ type: 'warmup-cosine', interval: 'epoch', warmupSteps: 5 }),
  'linear decay': (_lr, epochs) => ({ type: 'linear', startFactor: 1, endFactor: 0, totalIters: epochs }),
  wsd: () => ({ type: 'warmup-stable-decay', interval: 'epoch', warmupSteps: 5, decayFraction: 0.2 }),
  'exponential(0.95)': () => ({ type: 'exponential', gamma: 0.95 }),
};
const LRS = [1e-3, 3e-3, 1e-2];

const WSD = { type: 'warmup-stable-decay', interval: 'epoch', decayFraction: 0.2 };
const PLATEAU = { type: 'reduce-on-plateau', factor: 0.1, patience: 5 };

/**
 * What runs besides the Adam sweep: the default (no schedule or rate given), candidates for it that fit a run
 * of any length (no warmup counted in epochs), and the schedule-free optimizers.
 */
const EXTRA = [
  { recipe: 'default', config: () => ({}) },
  ...[3e-3, 1e-2].map((lr) => ({
    recipe: `candidate: wsd, no warmup @ ${lr}`,
    config: () => ({ lr, schedule: WSD }),
  })),
  // Fixed rates under-train some tables and over-fit others (the sweep shows it): these adapt to the data,
  // by the validation loss (reduce-on-plateau, early stopping) or by the LR range test.
  ...[3e-3, 1e-2].map((lr) => ({ recipe: `candidate: plateau(0.1, 5) @ ${lr}`, config: () => ({ lr, schedule: PLATEAU }) })),
  { recipe: 'candidate: plateau(0.5, 3) @ 0.01', config: () => ({ lr: 1e-2, schedule: { type: 'reduce-on-plateau', factor: 0.5, patience: 3 } }) },
  { recipe: 'candidate: lr find + wsd', config: () => ({ lr: 'find', schedule: WSD }) },
  { recipe: 'candidate: lr find + cosine', config: () => ({ lr: 'find', schedule: { type: 'cosine-annealing' } }) },
  { recipe: 'candidate: lr find + cosine per step', config: () => ({ lr: 'find', schedule: { type: 'cosine-annealing', interval: 'step' } }) },
  { recipe: 'candidate: lr find + exponential(0.95)', config: () => ({ lr: 'find', schedule: { type: 'exponential', gamma: 0.95 } }) },
  { recipe: 'candidate: lr find + plateau(0.1, 5)', config: () => ({ lr: 'find', schedule: PLATEAU }) },
  // SGD (no momentum, PyTorch's default) on the same default: is the range test's rate better than 1e-3?
  { recipe: 'candidate: sgd, lr find + cosine', config: () => ({ optimizer: 'sgd', lr: 'find', schedule: { type: 'cosine-annealing' } }) },
  { recipe: 'candidate: sgd, cosine @ 0.001', config: () => ({ optimizer: 'sgd', lr: 1e-3, schedule: { type: 'cosine-annealing' } }) },
  { recipe: 'candidate: wsd @ 0.01 + early stopping 10', config: () => ({ lr: 1e-2, schedule: WSD, earlyStopping: 10 }) },
  // Guards on the found rate (rate-guards.mjs): the rate comes from the range test when the run starts.
  ...Object.keys(RATE_GUARDS).map((guard) => ({ recipe: `candidate: lr find, ${guard} + cosine`, guard, config: () => ({ schedule: { type: 'cosine-annealing' } }) })),
  ...['sgd-schedule-free', 'adamw-schedule-free'].flatMap((optimizer) => [
    { recipe: `${optimizer} constant`, config: () => ({ optimizer, schedule: { type: 'constant' } }) },
    {
      recipe: `${optimizer} warmup 5 epochs`,
      config: () => ({ optimizer, schedule: { type: 'warmup', interval: 'epoch', warmupSteps: 5, schedule: { type: 'constant' } } }),
    },
    {
      recipe: `${optimizer} warmup 5 epochs from 0.2`,
      config: () => ({ optimizer, schedule: { type: 'warmup', interval: 'epoch', warmupSteps: 5, startFactor: 0.2, schedule: { type: 'constant' } } }),
    },
  ]),
];

const { positionals, values: a } = parseArgs({
  allowPositionals: true,
  options: {
    jobs: { type: 'string', default: '2' },
    seeds: { type: 'string', default: '1-5' },
    epochs: { type: 'string', default: '50' },
    out: { type: 'string', default: new URL('../bench-results/schedule-defaults/', import.meta.url).pathname },
    only: { type: 'string' },
    worker: { type: 'string' },
  },
});
const epochs = Number(a.epochs);
const [lo, hi] = a.seeds.split('-').map(Number);
const seeds = Array.from({ length: (hi ?? lo) - lo + 1 }, (_, i) => lo + i);

function jobs() {
  const out = [];
  for (const d of DATASETS) {
    const recipes = [
      ...Object.entries(SCHEDULES).flatMap(([name, make]) => LRS.map((lr) => ({ recipe: `${name} @ ${lr}`, sweep: true, config: { lr, schedule: make(lr, epochs) } }))),
      ...EXTRA.filter((e) => d.shared || !e.recipe.includes('schedule-free')).map((e) => ({ recipe: e.recipe, ...(e.guard ? { guard: e.guard } : {}), config: e.config() })),
    ];
    for (const r of recipes) for (const seed of seeds) out.push({ dataset: d.name, recipe: r.recipe, sweep: r.sweep === true, seed, ...(r.guard ? { guard: r.guard } : {}), config: r.config });
  }
  return out;
}
const key = (j) => `${j.dataset}|${j.recipe}|${j.seed}|${epochs}`;

function recorded() {
  mkdirSync(a.out, { recursive: true });
  const rows = [];
  for (const f of readdirSync(a.out).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(a.out, f), 'utf8').split('\n')) if (line) rows.push(JSON.parse(line));
  }
  return rows;
}

async function work(index, count) {
  const done = new Set(recorded().map(key));
  const file = join(a.out, `runs-${a.only ?? 'all'}-${index}.jsonl`);
  // --only sweep | default | schedule-free: a part of the list (the sweep does not depend on the defaults).
  const part = (j) => (j.sweep ? 'sweep' : j.recipe.includes('schedule-free') ? 'schedule-free' : j.recipe.startsWith('candidate') ? 'candidate' : 'default');
  const todo = jobs().filter((j, i) => i % count === index && !done.has(key(j)) && (!a.only || part(j) === a.only));
  for (const j of todo) {
    const d = DATASETS.find((x) => x.name === j.dataset);
    let row;
    try {
      const base = { data: d.data, target: d.target, task: d.task, backend: 'native', threads: 1, seed: j.seed };
      const lr = j.guard ? { lr: (await guardedRate(train, base, j.guard, epochs)).lr } : {};
      const r = await train({ ...base, epochs, ...j.config, ...lr });
      const m = r.metrics;
      row = { ...j, epochs, value: m.kind === 'regression' ? m.rmse : m.accuracy, schedule: r.config.schedule, lr: r.config.lr };
    } catch (e) {
      // A recipe that diverges on a data set is a result too (the table says so), not the end of the run.
      if (!(e instanceof TrainDivergedError)) throw e;
      row = { ...j, epochs, value: null, diverged: e.message };
    }
    appendFileSync(file, `${JSON.stringify(row)}\n`);
  }
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function report() {
  const rows = recorded().filter((r) => r.epochs === epochs && seeds.includes(r.seed));
  const fmt = (v) => (v === undefined ? '-' : typeof v === 'string' ? v : v.toFixed(4));
  const lines = [];
  for (const d of DATASETS) {
    const lower = d.task === 'regression';
    const byRecipe = new Map();
    for (const r of rows.filter((r) => r.dataset === d.name)) byRecipe.set(r.recipe, [...(byRecipe.get(r.recipe) ?? []), r.value]);
    // A recipe that diverged on some seed has no median: the table says in how many.
    const med = new Map([...byRecipe].filter(([, v]) => v.length === seeds.length).map(([k, v]) => [k, v.includes(null) ? `diverged in ${v.filter((x) => x === null).length} of ${v.length}` : median(v)]));
    const swept = new Set(rows.filter((r) => r.sweep).map((r) => r.recipe));
    const sweep = [...med].filter(([k, v]) => swept.has(k) && typeof v === 'number');
    if (!sweep.length) continue;
    const best = sweep.reduce((b, x) => ((lower ? x[1] < b[1] : x[1] > b[1]) ? x : b));
    const gap = (v) => (typeof v !== 'number' ? '-' : `${(((lower ? v - best[1] : best[1] - v) / best[1]) * 100).toFixed(1)}%`);
    lines.push({ d, best, med, gap });
  }
  const metric = (d) => (d.task === 'regression' ? 'RMSE' : 'accuracy');
  console.log(`Adam, ${epochs} epochs, seeds ${a.seeds}: medians; gap = how far behind the sweep's best (relative)\n`);
  console.log('| data (metric) | best of the 24-trial sweep | old default: step(10,0.1) @ 0.001 | default (no schedule given) | gap |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const { d, best, med, gap } of lines) {
    console.log(`| ${d.name} (${metric(d)}) | ${fmt(best[1])} (${best[0]}) | ${fmt(med.get('step(10,0.1) @ 0.001'))} | ${fmt(med.get('default'))} | ${gap(med.get('default'))} |`);
  }
  const candidates = EXTRA.filter((e) => e.recipe.startsWith('candidate')).map((e) => e.recipe);
  console.log(`\nCandidates for the default: median (gap to the sweep's best); within 1% on how many data sets\n`);
  console.log(`| candidate | ${lines.map(({ d }) => d.name).join(' | ')} | within 1% |`);
  console.log(`| --- | ${lines.map(() => '---').join(' | ')} | --- |`);
  for (const k of ['default', ...candidates]) {
    const within = lines.filter(({ d, best, med }) => typeof med.get(k) === 'number' && (d.task === 'regression' ? med.get(k) - best[1] : best[1] - med.get(k)) <= 0.01 * best[1]).length;
    console.log(`| ${k.replace('candidate: ', '')} | ${lines.map(({ med, gap }) => `${fmt(med.get(k))} (${gap(med.get(k))})`).join(' | ')} | ${within} of ${lines.length} |`);
  }
  console.log(`\nEvery schedule of the sweep, median over seeds (rates ${LRS.join(', ')}):\n`);
  console.log(`| schedule | ${lines.map(({ d }) => d.name).join(' | ')} |`);
  console.log(`| --- | ${lines.map(() => '---').join(' | ')} |`);
  for (const s of Object.keys(SCHEDULES)) {
    console.log(`| ${s} | ${lines.map(({ med }) => LRS.map((lr) => fmt(med.get(`${s} @ ${lr}`))).join(' / ')).join(' | ')} |`);
  }
  console.log(`\nSchedule-free at its defaults against Adam's best of the sweep:\n`);
  const sf = EXTRA.filter((e) => e.recipe.includes('schedule-free')).map((e) => e.recipe);
  console.log(`| data (metric) | adam, best of the sweep | ${sf.join(' | ')} |`);
  console.log(`| --- | --- | ${sf.map(() => '---').join(' | ')} |`);
  for (const { d, best, med } of lines.filter(({ d }) => d.shared)) {
    console.log(`| ${d.name} (${metric(d)}) | ${fmt(best[1])} (${best[0]}) | ${sf.map((k) => fmt(med.get(k))).join(' | ')} |`);
  }
}

if (a.worker) {
  const [index, count] = a.worker.split('/').map(Number);
  await work(index, count);
} else if (positionals[0] === 'run') {
  const n = Number(a.jobs);
  const kids = Array.from({ length: n }, (_, i) => fork(new URL(import.meta.url).pathname, ['--worker', `${i}/${n}`, '--seeds', a.seeds, '--epochs', a.epochs, '--out', a.out, ...(a.only ? ['--only', a.only] : [])]));
  const codes = await Promise.all(kids.map((k) => new Promise((res) => k.on('exit', res))));
  if (codes.some((c) => c !== 0)) process.exit(1);
  report();
} else if (positionals[0] === 'report') report();
else {
  console.error('usage: schedule-defaults.mjs run [--jobs N] [--seeds 1-5] [--epochs 50] [--out DIR] | report');
  process.exit(2);
}
