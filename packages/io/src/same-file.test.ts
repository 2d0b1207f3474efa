import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { refuseInputAsOutput } from './same-file';
import { refusal } from './test-support';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-same-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data = join(dir, 'own.csv');
writeFileSync(data, 'a,b\n1,2\n');
const state = join(dir, 'state', 'tiny');
mkdirSync(join(state, 'trials'), { recursive: true });
writeFileSync(join(state, 'sweep.json'), '{}');
writeFileSync(join(state, 'trials', 'abc.json'), '{}');

const dataInput = { path: data, name: '--data' };
const stateInput = { path: state, name: "the sweep's state", folder: true };

describe('refuseInputAsOutput: an output is never one of the run\'s inputs', () => {
  it('refuses the same path, naming both flags', () => {
    expect(refusal(() => refuseInputAsOutput([{ path: data, name: '--export' }], [dataInput]))).toBe(
      `--export: '${data}' is the same file as --data '${data}'; an output never overwrites the run's input: write it elsewhere`,
    );
  });

  it('refuses another spelling, a symbolic link and a hard link to it', () => {
    const spelled = join(dir, '.', 'state', '..', 'own.csv');
    const soft = join(dir, 'soft.csv');
    const hard = join(dir, 'hard.csv');
    symlinkSync(data, soft);
    linkSync(data, hard);
    for (const path of [spelled, soft, hard]) expect(refusal(() => refuseInputAsOutput([{ path, name: '--export' }], [dataInput]))).toMatch(/is the same file as --data/);
    // The other way round too: the input named through a link.
    expect(refusal(() => refuseInputAsOutput([{ path: data, name: '--export' }], [{ path: hard, name: '--data' }]))).toMatch(/is the same file as --data/);
  });

  it('refuses any file in an input folder, existing or new, and a hard link to one of its files', () => {
    expect(refusal(() => refuseInputAsOutput([{ path: join(state, 'sweep.json'), name: '--out' }], [stateInput]))).toMatch(/is inside the sweep's state '/);
    expect(refusal(() => refuseInputAsOutput([{ path: join(state, 'trials', 'new.html'), name: '--out' }], [stateInput]))).toMatch(/is inside the sweep's state/);
    const hard = join(dir, 'report.html');
    linkSync(join(state, 'trials', 'abc.json'), hard);
    expect(refusal(() => refuseInputAsOutput([{ path: hard, name: '--out' }], [stateInput]))).toMatch(/is inside the sweep's state/);
  });

  it('refuses an output folder that holds an input', () => {
    expect(refusal(() => refuseInputAsOutput([{ path: join(dir, 'state'), name: '--state-dir', folder: true }], [{ path: join(state, 'sweep.json'), name: 'the sweep file' }]))).toBe(
      `--state-dir: '${join(dir, 'state')}' holds the sweep file '${join(state, 'sweep.json')}'; an output never overwrites the run's input: write it elsewhere`,
    );
  });

  it('lets other files, new paths and streams through', () => {
    expect(() =>
      refuseInputAsOutput(
        [
          { path: join(dir, 'model.onnx'), name: '--export' },
          { path: join(dir, 'state', 'other.html'), name: '--out' },
          { path: '/dev/null', name: '--out' },
        ],
        [dataInput, stateInput, { path: '/dev/null', name: '--spec' }],
      ),
    ).not.toThrow();
  });
});
