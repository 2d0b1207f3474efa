// The command's work thread shares the process's environment: a variable @lrkit/train sets for a native
// module reaches that module. Seen through onnxruntime-node's telemetry switch, by the file its telemetry
// client leaves behind (/tmp/mat-debug-<pid>.log); the control with the user's own `0` shows the check sees it.
// The runs get a user's environment (PATH and HOME): onnxruntime keeps its telemetry off by itself where it
// sees a CI machine's variables (CI, GITHUB_ACTIONS, JENKINS_URL, ...), which would hide both outcomes.
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir, lrkit } from './test-support';

const fx = fixtureDir('lrkit-cli-env-');
afterAll(() => fx.remove());
const model = join(fx.dir, 'iris.onnx');
let iris: string;

beforeAll(() => {
  iris = lrkit(['examples', 'iris']).stdout.trim();
  const trained = lrkit(['train', '--data', iris, '--target', 'species', '--epochs', '1', '--lr', '0.01', '--export', model]);
  expect(trained.status, trained.stderr).toBe(0);
});

/**
 * `lrkit predict` under onnxruntime-node with ORT_DISABLE_TELEMETRY as given: the telemetry log's path and
 * whether that run wrote it (a file of that name an earlier process with the same pid left does not count).
 */
function predict(telemetry: string | undefined): { log: string; written: boolean } {
  const start = Date.now();
  const env: Record<string, string | undefined> = Object.fromEntries(Object.keys(process.env).map((name) => [name, undefined]));
  // Where the telemetry does start (the control), its client uploads through libcurl, which takes the proxy
  // variables: a port nobody listens on, so the test sends nothing out.
  const noRoute = 'http://127.0.0.1:9';
  Object.assign(env, { PATH: process.env.PATH, HOME: process.env.HOME, https_proxy: noRoute, HTTPS_PROXY: noRoute, ORT_DISABLE_TELEMETRY: telemetry });
  const r = lrkit(['predict', '--model', model, '--data', iris, '--runtime', 'onnxruntime-node'], { env });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/runtime onnxruntime-node/);
  const log = `/tmp/mat-debug-${r.pid}.log`;
  // File times come from a coarser clock than Date.now(): a second's slack, far less than any pid's reuse.
  return { log, written: existsSync(log) && statSync(log).mtimeMs >= start - 1000 };
}

describe("lrkit predict and onnxruntime-node's telemetry", () => {
  it('is off where the user set nothing: the switch set in the work thread reaches the native module', () => {
    const { log, written } = predict(undefined);
    expect(written, log).toBe(false);
  });

  it("keeps the user's own 0: the telemetry client starts and leaves its log", () => {
    const { log, written } = predict('0');
    try {
      expect(written, log).toBe(true);
    } finally {
      rmSync(log, { force: true });
    }
  });
});
