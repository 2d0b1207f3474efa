// onnxruntime-node's usage telemetry is off where lrkit loads it, unless the user chose a value: checked in
// child processes (the switch is read once per process) on the built entry, by the file its telemetry client
// leaves behind, /tmp/mat-debug-<pid>.log. The control with the user's `0` shows the check sees that file.
// The children get a user's environment, not this one: onnxruntime keeps its telemetry off by itself where
// it sees a CI machine's variables (CI, GITHUB_ACTIONS, JENKINS_URL, ...), which would hide both outcomes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx } from './index';
import { ORT_TELEMETRY_ENV } from './runtime';
import { randomMlp } from './test-support';

const dist = join(__dirname, '..', '..', 'dist', 'index.js');
const built = existsSync(dist);
if (!built) console.log(`skipped: onnxruntime-node's telemetry switch (no ${dist}: run pnpm build first)`);

const dir = mkdtempSync(join(tmpdir(), 'lrkit-onnx-telemetry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const model = join(dir, 'model.onnx');
/** A proxy nobody listens on (the discard port). */
const NO_ROUTE = 'http://127.0.0.1:9';
const pre = { featureNames: ['a', 'b'], mean: [0, 0], scale: [1, 1], labels: ['no', 'yes'], target: 't' };

beforeAll(async () => {
  await exportOnnx(randomMlp([2, 3, 1], ['relu', 'linear'], 1), pre, { path: model });
});

/**
 * PATH and HOME alone, and the switch where given. Where the telemetry does start (the control), its client
 * uploads through libcurl, which takes the proxy variables: a closed local port, so the tests send nothing out.
 */
function userEnv(telemetry: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, https_proxy: NO_ROUTE, HTTPS_PROXY: NO_ROUTE };
  if (telemetry !== undefined) env[ORT_TELEMETRY_ENV] = telemetry;
  return env;
}

/**
 * A child that serves the model with onnxruntime-node: the switch's value there, the debug log's path, and
 * whether the child wrote it (a file of that name an earlier process with the same pid left does not count).
 */
function serve(env: NodeJS.ProcessEnv): { value: string | undefined; log: string; written: boolean } {
  const start = Date.now();
  const source = `const lrkit = await import(${JSON.stringify(pathToFileURL(dist).href)});
const loaded = await lrkit.loadOnnxModel(${JSON.stringify(model)}, { runtime: 'onnxruntime-node' });
await lrkit.predictOnnx(loaded, { featureNames: ['a', 'b'], x: new Float64Array([0.5, -1]), rows: 1, cols: 2 });
await loaded.close();
console.log(JSON.stringify({ value: process.env.${ORT_TELEMETRY_ENV}, pid: process.pid }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8', env, timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  const { value, pid } = JSON.parse(r.stdout) as { value?: string; pid: number };
  const log = `/tmp/mat-debug-${pid}.log`;
  // File times come from a coarser clock than Date.now(): a second's slack, far less than any pid's reuse.
  return { value, log, written: existsSync(log) && statSync(log).mtimeMs >= start - 1000 };
}

describe.skipIf(!built)("onnxruntime-node's telemetry", () => {
  it('is switched off before the first session where the user set nothing (or an empty value)', () => {
    for (const given of [undefined, '']) {
      const { value, log, written } = serve(userEnv(given));
      expect(value).toBe('1');
      expect(written, log).toBe(false);
    }
  });

  it("keeps the user's own value: with 0 the telemetry client starts and leaves its log", () => {
    const { value, log, written } = serve(userEnv('0'));
    try {
      expect(value).toBe('0');
      expect(written, log).toBe(true);
    } finally {
      rmSync(log, { force: true });
    }
  });
});
