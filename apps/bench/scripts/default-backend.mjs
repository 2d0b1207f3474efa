// The measurements behind the default backend's rule (@lrkit/core's AUTO_BACKENDS): `lrkit train --json`
// as whole cold processes on wasm and on native (every core, and one thread), interleaved round by round on
// the seed job, wine (3 classes) and friedman1 (regression), so a busy moment of a shared machine hits every
// backend alike. Prints each round, then per job the medians [min..max] of the training loop (`trainMs`) and
// of the whole process (wall time, Node's start-up included), and the ratios wasm / native taken round by round.
// Run from the repository root after `pnpm build`: node apps/bench/scripts/default-backend.mjs [rounds]
import { spawnSync } from 'node:child_process';

const rounds = Number(process.argv[2] ?? 5);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`default-backend: rounds must be a positive integer, got '${process.argv[2]}'`);
  process.exit(2);
}
const cli = 'apps/cli/dist/index.js';
const jobs = {
  seed: [],
  wine: ['--data', 'packages/train/fixtures/wine.csv', '--target', 'cultivar'],
  friedman1: ['--data', 'packages/train/fixtures/friedman1.csv', '--target', 'y'],
};
const backends = { wasm: ['--backend', 'wasm'], native: ['--backend', 'native'], 'native-1t': ['--backend', 'native', '--threads', '1'] };

/** One cold `lrkit train --json`: its trainMs and the process's wall time, ms. */
function run(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'train', '--json', ...args], { encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`lrkit train ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1));
  return { trainMs: out.trainMs, wallMs, backend: out.backend };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = (xs, digits = 0) => `${median(xs).toFixed(digits)} [${Math.min(...xs).toFixed(digits)}..${Math.max(...xs).toFixed(digits)}]`;

const results = {};
for (let i = 1; i <= rounds; i++) {
  for (const [job, jobArgs] of Object.entries(jobs)) {
    const line = [];
    for (const [backend, backendArgs] of Object.entries(backends)) {
      const m = run([...jobArgs, ...backendArgs]);
      ((results[job] ??= {})[backend] ??= []).push(m);
      line.push(`${backend} ${m.trainMs.toFixed(0)}/${m.wallMs.toFixed(0)} ms`);
    }
    console.log(`round ${i} ${job} (trainMs/wall): ${line.join(', ')}`);
  }
}
for (const [job, byBackend] of Object.entries(results)) {
  console.log(`\n${job}:`);
  for (const [backend, ms] of Object.entries(byBackend)) {
    console.log(`  ${backend.padEnd(9)} trainMs ${summary(ms.map((m) => m.trainMs))}, whole process ${summary(ms.map((m) => m.wallMs))} ms`);
  }
  for (const native of ['native', 'native-1t']) {
    const ratio = (key) => byBackend.wasm.map((w, k) => w[key] / byBackend[native][k][key]);
    console.log(`  wasm / ${native} (> 1: native faster): training loop ${summary(ratio('trainMs'), 2)}x, whole process ${summary(ratio('wallMs'), 2)}x`);
  }
}
console.log(`\n${process.version}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
