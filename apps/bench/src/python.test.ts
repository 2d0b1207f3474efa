import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PythonPeer, peerScript } from './python';

// The peer protocol needs a Python, not torch: any python3 will do.
const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['--version']).status === 0);
if (!python) console.warn('python.test.ts: skipped, no python3 on this machine to run a peer');

const dir = mkdtempSync(join(tmpdir(), 'lrkit-bench-peer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(body: string): string {
  const path = join(dir, `peer${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(path, `import sys\nsys.path.insert(0, ${JSON.stringify(join(peerScript('peer_serve.py'), '..'))})\n${body}`);
  return path;
}

describe.skipIf(!python)('PythonPeer', () => {
  it('gets the hello line, then one answer per request', async () => {
    const { peer, hello } = await PythonPeer.start(
      python!,
      script('from peer_serve import serve\nserve({"ready": True}, {"double": lambda m: {"x": m["x"] * 2}})\n'),
    );
    try {
      expect(hello).toEqual({ ready: true });
      expect(await peer.request({ op: 'double', x: 21 })).toEqual({ x: 42 });
      expect(PythonPeer.num(await peer.request({ op: 'double', x: 2 }), 'x')).toBe(4);
    } finally {
      peer.close();
    }
  });
  it('turns an error line into a rejection naming the cause, and keeps serving', async () => {
    const { peer } = await PythonPeer.start(python!, script('from peer_serve import serve\nserve({}, {"ok": lambda m: {"v": 1}})\n'));
    try {
      await expect(peer.request({ op: 'nope' })).rejects.toThrow("PyTorch peer: ValueError: unknown op 'nope'");
      expect(await peer.request({ op: 'ok' })).toEqual({ v: 1 });
    } finally {
      peer.close();
    }
  });
  it('rejects when the peer fails before its hello (e.g. torch cannot be imported)', async () => {
    await expect(PythonPeer.start(python!, script('from peer_serve import fail\nfail("import failed: no torch")\n'))).rejects.toThrow(
      'PyTorch peer: import failed: no torch',
    );
  });
  it('rejects, with the exit, when the peer dies mid-run', async () => {
    const { peer } = await PythonPeer.start(python!, script('import json\nprint(json.dumps({}), flush=True)\nsys.stdin.readline()\nsys.exit(3)\n'));
    await expect(peer.request({ op: 'x' })).rejects.toThrow(/peer exited \(code 3\)/);
    peer.close();
  });
  it('refuses an answer that lacks the number asked for', () => {
    expect(() => PythonPeer.num({ ms: 'fast' }, 'ms')).toThrow("lacks a number 'ms'");
  });
});
