// The comparison table from the JSON lines of compare.mjs and optuna_reference.py: best value after 20
// and 40 trials (median over the seeds, with the range) and the per-trial overhead (wall minus training).
// node table.mjs results/*.json
import { readFileSync } from 'node:fs';

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const lowerIsBetter = (metric) => /loss/i.test(metric ?? '');
const best = (values, n, metric) => (lowerIsBetter(metric) ? Math.min : Math.max)(...values.slice(0, n).filter((v) => v !== null));
const f = (x) => (Math.abs(x) < 0.01 ? x.toExponential(1) : x.toFixed(3));
console.log('| data | metric | sampler | best after 20 (median, range) | best after 40 (median, range) | overhead per trial (s) | seeds |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const path of process.argv.slice(2)) {
  for (const line of readFileSync(path, 'utf8').split('\n').filter(Boolean)) {
    const { sampler, data, metric = 'accuracy', results } = JSON.parse(line);
    const at = (n) => results.map((r) => best(r.values, n, metric));
    const cell = (xs) => `${f(median(xs))} (${f(Math.min(...xs))}-${f(Math.max(...xs))})`;
    // A side that does not time its training loop (train_s null) gives its whole run per trial instead.
    const timed = results.every((r) => r.train_s !== null);
    const perTrial = median(results.map((r) => (r.wall_s - (timed ? r.train_s : 0)) / r.values.length));
    const time = `${perTrial < 0.01 ? perTrial.toExponential(1) : perTrial.toFixed(3)}${timed ? '' : ' (whole run)'}`;
    console.log(`| ${data.split('/').at(-1)} | ${metric}${lowerIsBetter(metric) ? ' (min)' : ''} | ${sampler} | ${cell(at(20))} | ${cell(at(40))} | ${time} | ${results.length} |`);
  }
}
