// ONNX's dependencies load on first use, not with the package: a program that trains and exports nothing
// (`lrkit train`'s seed job) never loads protobufjs or onnxruntime; nor zod, which only a checkpoint's read
// uses (checkpoint/schema.ts). Checked on the built ESM and CJS entries, in child processes, from Node's
// module cache (no timing).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = join(__dirname, '..', '..', 'dist');
const built = existsSync(join(dist, 'index.js')) && existsSync(join(dist, 'index.cjs'));
if (!built) console.log(`skipped: ONNX dependencies and zod on first use (no ${dist}/index.js and index.cjs: run pnpm build first)`);

/** Which of protobufjs, onnxruntime and zod are in Node's module cache at each point the body reports. */
function run(entry: 'esm' | 'cjs', body: string): Record<string, string[]> {
  const load =
    entry === 'esm'
      ? `const lrkit = await import(${JSON.stringify(pathToFileURL(join(dist, 'index.js')).href)});`
      : `const lrkit = require(${JSON.stringify(join(dist, 'index.cjs'))});`;
  const source = `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const seen = {};
const loaded = (at) => { seen[at] = Object.keys(require.cache).map((f) => f.match(/(protobufjs|onnxruntime-[a-z]+|zod)[\\\\/]/)?.[1]).filter(Boolean).filter((m, i, all) => all.indexOf(m) === i).sort(); };
${load}
loaded('imported');
${body}
console.log(JSON.stringify(seen));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, string[]>;
}

describe.skipIf(!built)('ONNX dependencies and zod load on first use', () => {
  for (const entry of ['esm', 'cjs'] as const) {
    it(`${entry}: importing and checkpointed training load none of them; encodeOnnx loads protobufjs, readCheckpoint zod`, () => {
      const seen = run(
        entry,
        `const dir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'lrkit-lazy-'));
const result = await lrkit.train({ epochs: 1, backend: 'cpu', checkpoint: { dir } });
loaded('trained');
lrkit.encodeOnnx(result.model, result.preprocessing);
loaded('encoded');
lrkit.readCheckpoint(dir);
loaded('read');
require('node:fs').rmSync(dir, { recursive: true });`,
      );
      expect(seen).toEqual({ imported: [], trained: [], encoded: ['protobufjs'], read: ['protobufjs', 'zod'] });
    });
  }
});
