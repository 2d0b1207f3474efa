#!/usr/bin/env node
// Times the seed job's training loop (50 epochs, 455 rows, batch 32, 30-64-1, Adam, StepLR) with
// @lrkit/train's train() and, side by side in the same session, PyTorch's reference script.
// Not a test: a measurement. Usage (after `pnpm --filter @lrkit/train build`):
//   node packages/train/scripts/bench-seed-loop.mjs [--runs 7] [--backend wasm] [--python /usr/bin/python3]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(flag('runs', '7'));
const backend = flag('backend', 'wasm');
const python = flag('python', '/usr/bin/python3');
const entry = flag('entry', join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js'));
const { train } = await import(entry);
const torchScript = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'reference', 'seed_torch.py');

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
};
const fmt = (o) => `median ${o.median.toFixed(1)} ms, min ${o.min.toFixed(1)}, max ${o.max.toFixed(1)}`;

// One warm-up run: wasm compilation and V8's JIT are not the loop's cost.
await train({ backend, seed: 1 });
const lrkit = [];
const torch = [];
const hasTorch = existsSync(python) && existsSync(torchScript);
// Interleaved, so both see the same load on a shared machine.
for (let r = 0; r < runs; r++) {
  const result = await train({ backend, seed: 1 + r });
  lrkit.push(result.trainMs);
  if (hasTorch) {
    const out = execFileSync(python, [torchScript, '--seed', String(1 + r), '--quiet'], { encoding: 'utf8' });
    torch.push(JSON.parse(out.trim().split('\n').pop()).train_s * 1000);
  }
}
const l = stats(lrkit);
console.log(`lrkit (${backend}), 50-epoch loop over ${runs} runs: ${fmt(l)} (${((l.median * 1000) / 750).toFixed(0)} us/step)`);
if (hasTorch) {
  const t = stats(torch);
  console.log(`PyTorch (${python}), same runs:           ${fmt(t)}`);
  console.log(`ratio lrkit/PyTorch (medians): ${(l.median / t.median).toFixed(2)}`);
} else {
  console.log(`PyTorch: absent (${python} or ${torchScript} missing)`);
}
