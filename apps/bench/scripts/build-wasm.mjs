// Assembles the bench's WebAssembly SIMD module (wasm/simd-peak.wat: the measured wasm SIMD ceiling) into the
// committed src/simd-peak-wasm.ts (the bench runs without wabt), reproducibly: `node scripts/build-wasm.mjs
// --check` fails if the committed file differs (tooling/wasm-build, shared with @lrkit/core's kernels).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWasm } from '@lrkit/wasm-build';

const ok = await buildWasm({
  root: join(dirname(fileURLToPath(import.meta.url)), '..'),
  outDir: 'src',
  modules: [{ wat: 'simd-peak.wat', ts: 'simd-peak-wasm.ts', name: 'simdPeakWasmBase64' }],
});
if (!ok) process.exit(1);
