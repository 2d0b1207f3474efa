// lrkit's TPE and random search on synthetic.py's objective (the same function): the samplers alone, with
// no training noise. Prints one JSON line per sampler, as synthetic.py does. Run after a build:
// node synthetic.mjs --seeds 0,1,2,3,4,5,6 --trials 40
import { parseArgs } from 'node:util';
import { randomSamples, searchSpace, tpeSample, TPE_DEFAULTS } from '@lrkit/sweep';

const { values: a } = parseArgs({ options: { seeds: { type: 'string', default: '0,1,2,3,4,5,6' }, trials: { type: 'string', default: '40' } } });
const trials = Number(a.trials);
const space = searchSpace(
  'tpe',
  {
    lr: { logUniform: [1e-5, 1] },
    momentum: { uniform: [0, 0.99] },
    batchSize: { int: [8, 256], log: true },
    epochs: { int: [1, 20] },
    optimizer: { choice: ['sgd', 'adam', 'adamw'] },
  },
  'synthetic',
);
const loss = (p) => {
  const lr = Math.log10(p.lr) + 2;
  const m = p.momentum - 0.8;
  const b = Math.log2(p.batchSize) - Math.log2(96);
  const e = (p.epochs - 12) / 10;
  return lr * lr + 4 * m * m + 0.3 * b * b + e * e + (p.optimizer === 'adamw' ? 0 : 0.5);
};
const seeds = a.seeds.split(',').map(Number);
const tpe = seeds.map((seed) => {
  const t0 = performance.now();
  const history = [];
  for (let n = 0; n < trials; n++) {
    const params = tpeSample(space, { ...TPE_DEFAULTS, samplerSeed: seed }, n, history);
    history.push({ params, score: [-Infinity, loss(params)] });
  }
  return { seed, values: history.map((o) => o.score[1]), wall_s: (performance.now() - t0) / 1000, train_s: 0 };
});
const random = seeds.map((seed) => {
  const t0 = performance.now();
  const values = randomSamples(space, trials, seed).map(loss);
  return { seed, values, wall_s: (performance.now() - t0) / 1000, train_s: 0 };
});
console.log(JSON.stringify({ sampler: 'lrkit-tpe', data: 'synthetic', metric: 'loss', results: tpe }));
console.log(JSON.stringify({ sampler: 'lrkit-random', data: 'synthetic', metric: 'loss', results: random }));
