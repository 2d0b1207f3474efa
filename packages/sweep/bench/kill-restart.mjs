// A 200-trial sweep of tiny trials on a queue, two workers, one of them SIGKILLed and started again twice:
// checks that every trial is reported exactly once, and times it against the embedded runner.
// Usage (after a build): node packages/sweep/bench/kill-restart.mjs redis|postgres [trials]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, startRedis } from '@lrkit/sweep/testing';

const kind = process.argv[2] ?? 'redis';
const count = Number(process.argv[3] ?? 200);
const cli = new URL('../../../apps/cli/dist/index.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lrkit-kill-'));
const file = join(dir, 'k.json');
writeFileSync(file, JSON.stringify({ name: `k${count}`, train: { epochs: 1, threads: 1, backend: 'wasm' }, random: { samples: count, lr: { logUniform: [1e-4, 0.3] } } }));

function run(args) {
  const p = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '', proc: p };
  p.stdout.on('data', (d) => (out.stdout += d));
  p.stderr.on('data', (d) => (out.stderr += d));
  out.exited = new Promise((r) => p.on('close', (code) => r(code)));
  return out;
}
const until = async (test) => {
  while (!test()) await new Promise((r) => setTimeout(r, 50));
};
const done = (w) => (w.stderr.match(/ done$/gm) ?? []).length;

const t0 = Date.now();
const embedded = run(['sweep', 'run', file, '--workers', '2', '--state-dir', join(dir, 'embedded'), '--json']);
if ((await embedded.exited) !== 0) throw new Error(embedded.stderr);
const embeddedMs = Date.now() - t0;

const started = kind === 'redis' ? await startRedis() : await startPostgres();
if (!started.server) throw new Error(started.skip);
const url = started.server.url;
try {
  const worker = () => run(['sweep', 'worker', '--queue', url, '--concurrency', '1', '--lock-ms', '3000', '--wait', '60']);
  const t1 = Date.now();
  const stable = worker();
  let doomed = worker();
  const coordinator = run(['sweep', 'run', file, '--queue', url, '--workers', '0', '--state-dir', join(dir, kind), '--json']);
  // The coordinator's peak memory (Linux: VmHWM), sampled until it exits.
  let peakKiB = 0;
  const sampler = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${coordinator.proc.pid}/status`, 'utf8'));
      if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
    } catch {
      // gone
    }
  }, 200);
  const logs = [];
  let finished = false;
  void coordinator.exited.then(() => (finished = true));
  for (const at of [count / 4, count / 2]) {
    // Killed mid-trial: once it has started a trial after `at` trials are done in all.
    await until(() => finished || done(stable) + done(doomed) + logs.reduce((n, l) => n + done(l), 0) >= at);
    const before = (doomed.stderr.match(/ started \(/g) ?? []).length;
    await until(() => finished || (doomed.stderr.match(/ started \(/g) ?? []).length > before);
    if (finished) throw new Error('the sweep finished before the worker could be killed: give more trials');
    doomed.proc.kill('SIGKILL');
    await doomed.exited;
    logs.push(doomed);
    doomed = worker();
  }
  const code = await coordinator.exited;
  clearInterval(sampler);
  const queueMs = Date.now() - t1;
  for (const w of [stable, doomed]) w.proc.kill('SIGTERM');
  await Promise.all([stable.exited, doomed.exited]);
  if (code !== 0) throw new Error(coordinator.stderr);
  const out = JSON.parse(coordinator.stdout.trim().split('\n').at(-1));
  const ids = new Set(out.trials.map((t) => t.id));
  const starts = [stable, doomed, ...logs].flatMap((w) => [...w.stderr.matchAll(/trial ([0-9a-f]{16}) of \S+ started/g)].map((m) => m[1]));
  const twice = starts.length - new Set(starts).size;
  const records = readdirSync(join(dir, kind, `k${count}`, 'trials')).length;
  console.log(
    JSON.stringify({
      kind,
      trials: out.trials.length,
      distinct: ids.size,
      done: out.trials.filter((t) => t.status === 'done').length,
      records,
      startedAgain: twice,
      embeddedMsPerTrial: +(embeddedMs / count).toFixed(1),
      queueMsPerTrial: +(queueMs / count).toFixed(1),
      killed: logs.length,
      coordinatorPeakMiB: Math.round(peakKiB / 1024),
    }),
  );
} finally {
  await started.server.stop();
  rmSync(dir, { recursive: true, force: true });
}
