// Assembles lrkit's WebAssembly SIMD kernels (wasm/*.wat: the optimizer updates, the matrix product) into the
// committed src/kernels/wasm-*.ts files, reproducibly: `node scripts/build-wasm.mjs --check` fails if a
// committed file differs from what its .wat assembles to (tooling/wasm-build says how).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWasm } from '@lrkit/wasm-build';

const ok = await buildWasm({
  root: join(dirname(fileURLToPath(import.meta.url)), '..'),
  outDir: join('src', 'kernels'),
  modules: [
    { wat: 'updates.wat', ts: 'wasm-updates.ts', name: 'updatesWasmBase64' },
    { wat: 'matmul.wat', ts: 'wasm-matmul.ts', name: 'matmulWasmBase64' },
  ],
});
if (!ok) process.exit(1);
