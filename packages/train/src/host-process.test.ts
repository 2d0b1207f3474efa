// A user program that trains, exports and serves a model with lrkit, then fails on its own, dies as Node
// would: exit 1, its own message, no frame from a wasm runtime (tfjs's or onnxruntime-web's). It trains on
// wasm by name: the default (native where built) would not load tfjs's wasm runtime, whose handlers this is about.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const dist = join(__dirname, '..', 'dist', 'index.js');
const dir = mkdtempSync(join(tmpdir(), 'lrkit-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(dist))('a user program after training', () => {
  it('exits 1 with its own uncaught error', () => {
    const model = join(dir, 'm.onnx');
    const source = `import { train, exportOnnx, loadOnnxModel } from ${JSON.stringify(pathToFileURL(dist).href)};
const result = await train({ epochs: 2, backend: 'wasm' });
await exportOnnx(result.model, result.preprocessing, { path: ${JSON.stringify(model)} });
const served = await loadOnnxModel(${JSON.stringify(model)}, { runtime: 'onnxruntime-web' });
await served.close();
throw new Error('the user program failed after training');`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('Error: the user program failed after training');
    expect(r.stderr).not.toMatch(/tf-backend-wasm|ort-wasm|throw ex;/);
  });
});
