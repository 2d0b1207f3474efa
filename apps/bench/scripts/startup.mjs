#!/usr/bin/env node
// The seed job as a whole cold process (issue 14's start-up target): `lrkit train` on wasm and on native
// against PyTorch's reference script, a new process every time, interleaved round by round; then where an
// lrkit process's time goes, stage by stage. Run from the repository root after `pnpm build`:
//
//   node apps/bench/scripts/startup.mjs [rounds] [--stages <runs>] [--no-torch] [--baseline <repo>]
//
// rounds (default 7): whole-process rounds, each running lrkit/wasm, lrkit/native and PyTorch once (the
// order rotates). --stages <runs> (default 5; 0 skips): the breakdown, from fresh processes that import the
// modules `lrkit train` imports, in its order, and run the same train() call with timing marks between.
// PyTorch is `/usr/bin/python3 ../shared/reference/seed_torch.py --quiet`, at its default threads, as
// `lrkit train`'s defaults (native: every core) are; --no-torch leaves it out. --baseline <repo>: another
// built checkout (e.g. a copy made before a change) joins the rounds, so before and after run side by side;
// the stages always measure the checkout this script lies in (copy it into the baseline to measure that).
// A backend that `lrkit backends` reports unavailable here (native without its addon) is left out, with why.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = join(root, 'apps/cli/dist/index.js');
const torchScript = resolve(root, '../shared/reference/seed_torch.py');
const python = '/usr/bin/python3';

// ---- a stage child: one cold process with marks, printed as one JSON line ------------------------------
if (process.argv[2] === '--stage-child') {
  const backend = process.argv[3];
  // Wall time since the process started, and CPU time (user + system, every thread): on a busy machine the
  // CPU column moves less than the wall column.
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const marks = [['node started, this script loaded', performance.now(), cpu()]];
  const mark = (name) => marks.push([name, performance.now(), cpu()]);
  // What the CLI's entry imports statically (its flag definitions and the schedule commands).
  await Promise.all([import('commander'), import('@lrkit/train/config'), import('@lrkit/data'), import('@lrkit/schedulers'), import('@lrkit/schedulers/node')]);
  mark('CLI modules (commander, train/config, data, schedulers)');
  const core = await import('@lrkit/core');
  mark('@lrkit/core (tfjs-core)');
  // The CLI registers both optional backends on every run (backends.ts).
  await import('@lrkit/backend-cuda');
  const { createNativeBackend } = await import('@lrkit/backend-native');
  core.registerBackend(createNativeBackend());
  mark('backend plugins (backend-cuda, backend-native)');
  const { train, trainDefaults } = await import('@lrkit/train');
  mark('@lrkit/train');
  await core.useBackend(backend);
  mark(`useBackend('${backend}')`);
  // The embedded data loaded as train() would (its default data), then handed to it in memory.
  const { loadCsv } = await import('@lrkit/data');
  const dataset = loadCsv(undefined, { target: 'diagnosis' });
  mark('embedded data loaded (loadCsv)');
  let first = true;
  const hooks = [{ onEpoch: () => { if (first) mark('split, scaled, model built, epoch 1'); first = false; } }];
  // The seed's rate and schedule written out: data handed in memory takes the own-data default otherwise.
  const result = await train({ backend, lr: trainDefaults.lr, schedule: trainDefaults.schedule }, { dataset, hooks });
  mark('epochs 2-50 and test metrics');
  const modules = Object.keys((await import('node:module')).createRequire(import.meta.url).cache);
  process.stdout.write(`${JSON.stringify({ marks, accuracy: result.metrics.accuracy, protobufjs: modules.some((m) => m.includes('protobufjs')) })}\n`);
  process.exit(0);
}

// ---- the driver ---------------------------------------------------------------------------------------
const args = process.argv.slice(2);
const flag = (name) => args.indexOf(name);
const stagesAt = flag('--stages');
const stageRuns = stagesAt >= 0 ? Number(args[stagesAt + 1]) : 5;
const torch = flag('--no-torch') < 0;
const baselineAt = flag('--baseline');
if (baselineAt >= 0 && !args[baselineAt + 1]) usage('--baseline needs the path of a built checkout');
const baseline = baselineAt >= 0 ? resolve(args[baselineAt + 1]) : undefined;
const baselineCli = baseline && join(baseline, 'apps/cli/dist/index.js');
const rounds = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--stages') ?? 7);
if (!Number.isInteger(rounds) || rounds < 1) usage('rounds must be a positive integer');
if (!Number.isInteger(stageRuns) || stageRuns < 0) usage('--stages must be an integer >= 0');
if (!existsSync(cli)) usage(`${cli} is missing: run pnpm build first`);
if (baselineCli && !existsSync(baselineCli)) usage(`--baseline: ${baselineCli} is missing`);
if (torch && !existsSync(torchScript)) usage(`${torchScript} is missing (or pass --no-torch)`);

function usage(message) {
  process.stderr.write(`startup.mjs: ${message}\n`);
  process.exit(2);
}

/** Wall time of one whole process in ms; a failed run stops the measurement (no number from a crash). */
function timed(command, argv) {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) {
    process.stderr.write(`startup.mjs: ${command} ${argv.join(' ')} exited ${run.status}\n${run.stderr}`);
    process.exit(1);
  }
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const summary = (xs, digits = 0) => `${median(xs).toFixed(digits)} [${Math.min(...xs).toFixed(digits)}..${Math.max(...xs).toFixed(digits)}]`;

const listed = JSON.parse(spawnSync(process.execPath, [cli, 'backends', '--json'], { encoding: 'utf8' }).stdout);
const backends = ['wasm', 'native'].filter((name) => {
  const row = listed.find((b) => b.name === name);
  if (!row?.available) console.log(`${name}: left out, not available here (${row?.reason ?? 'not listed'})`);
  return row?.available;
});
const contenders = [
  ...backends.map((b) => [`lrkit ${b}`, () => timed(process.execPath, [cli, 'train', '--backend', b])]),
  ...(baselineCli ? backends.map((b) => [`base ${b}`, () => timed(process.execPath, [baselineCli, 'train', '--backend', b])]) : []),
  ...(torch ? [['pytorch', () => timed(python, [torchScript, '--quiet'])]] : []),
];
const times = new Map(contenders.map(([name]) => [name, []]));
console.log(`whole process, ${rounds} rounds, ${new Date().toISOString()}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (let r = 0; r < rounds; r++) {
  const line = [];
  // Rotate the order so no contender always runs right after another's cache-warming.
  for (let k = 0; k < contenders.length; k++) {
    const [name, run] = contenders[(r + k) % contenders.length];
    const ms = run();
    times.get(name).push(ms);
    line.push(`${name} ${ms.toFixed(0)} ms`);
  }
  console.log(`round ${r + 1}: ${line.join(', ')}`);
}
for (const [name, xs] of times) console.log(`${name.padEnd(13)} median ${summary(xs)} ms`);
// Round by round: each process against the other's process of the same round.
const ratio = (a, b, note = '') => console.log(`${a} / ${b}: ${summary(times.get(a).map((ms, i) => ms / times.get(b)[i]), 3)}x${note}`);
for (const backend of backends) {
  if (torch) ratio(`lrkit ${backend}`, 'pytorch', ' (target <= 0.25x)');
  if (torch && baselineCli) ratio(`base ${backend}`, 'pytorch');
  if (baselineCli) ratio(`lrkit ${backend}`, `base ${backend}`);
}

if (stageRuns > 0) {
  for (const backend of backends) {
    const runs = [];
    for (let i = 0; i < stageRuns; i++) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--stage-child', backend], { cwd: join(root, 'apps/bench'), encoding: 'utf8' });
      if (child.status !== 0) {
        process.stderr.write(`startup.mjs: the stage child on ${backend} exited ${child.status}\n${child.stderr}`);
        process.exit(1);
      }
      runs.push(JSON.parse(child.stdout.trim().split('\n').pop()));
    }
    console.log(`\nstages on ${backend}, ${stageRuns} fresh processes (each stage's own ms: wall median [min..max], CPU median [min..max]):`);
    const names = runs[0].marks.map(([name]) => name);
    const own = (i, k) => runs.map((run) => run.marks[i][k] - (i > 0 ? run.marks[i - 1][k] : 0));
    names.forEach((name, i) => console.log(`  ${summary(own(i, 1)).padEnd(18)} ${summary(own(i, 2)).padEnd(18)} ${name}`));
    const last = runs[0].marks.length - 1;
    const total = (k) => summary(runs.map((run) => run.marks[last][k]));
    console.log(`  ${total(1).padEnd(18)} ${total(2).padEnd(18)} total; accuracy ${runs[0].accuracy}; protobufjs loaded: ${runs.some((r) => r.protobufjs)}`);
  }
}
