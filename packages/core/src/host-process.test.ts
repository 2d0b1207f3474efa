// The host keeps Node's own way of dying once lrkit's backends are up: a child process that sets up each
// backend and then fails exits as Node would (1, its own message, no frames from the wasm glue).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = join(__dirname, '..', 'dist', 'index.js');

function runChild(body: string) {
  const source = `import { useBackend, tf } from ${JSON.stringify(pathToFileURL(dist).href)};\n${body}`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8', timeout: 60_000 });
}

describe.skipIf(!existsSync(dist))('the host process after backend set-up', () => {
  for (const backend of ['wasm', 'cpu']) {
    it(`${backend}: an uncaught error exits 1 with the program's own message`, () => {
      const r = runChild(`await useBackend('${backend}');
tf.add(tf.tensor1d([1, 2]), 1).dataSync();
setTimeout(() => { throw new Error('the user program failed'); }, 0);`);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain('Error: the user program failed');
      expect(r.stderr).not.toMatch(/tf-backend-wasm|throw ex;/);
    });
  }

  it('wasm: an unhandled rejection exits 1 with the reason, as Node does', () => {
    const r = runChild(`await useBackend('wasm');
Promise.reject(new Error('rejected by the user program'));`);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('Error: rejected by the user program');
    expect(r.stderr).not.toMatch(/tf-backend-wasm|throw ex;/);
  });

  it("wasm: the program's own handlers stay, and lrkit adds none", () => {
    const r = runChild(`const mine = () => {};
process.on('uncaughtException', mine);
await useBackend('wasm');
const counts = ['uncaughtException', 'unhandledRejection', 'SIGINT', 'SIGTERM'].map((e) => process.listenerCount(e));
console.log(JSON.stringify({ counts, mine: process.listeners('uncaughtException').includes(mine) }));`);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ counts: [1, 0, 0, 0], mine: true });
  });
});
