import { describe, expect, it } from 'vitest';
import { judge, MemoryBoard, type Pruning } from './board';

const pruning: Pruning = { rule: { kind: 'median', startupTrials: 1, warmupEpochs: 0, minTrials: 1 }, metric: 'accuracy', mode: 'max' };

describe('MemoryBoard: a trial is judged against the earlier trials of the file that reached its epoch', () => {
  it('waits for an earlier trial that has not reached the epoch, and decides the same whatever order the values arrive in', async () => {
    for (const order of [['a', 'b'], ['b', 'a']]) {
      const board = new MemoryBoard(['a', 'b', 'c']);
      let decided: unknown = 'waiting';
      const pending = judge(pruning, board, board.slot('c'), [0.5, 0.6]).then((v) => (decided = v));
      const values: Record<string, number[]> = { a: [0.9, 1], b: [0.8, 0.8] };
      for (const id of order) {
        await new Promise((r) => setTimeout(r, 5));
        expect(decided).toBe('waiting');
        board.report(id, values[id]!);
      }
      await pending;
      expect(decided).toMatchObject({ epoch: 2, value: 0.6, threshold: 0.9, compared: 2 });
    }
  });

  it('leaves out an earlier trial that ended before the epoch, and never looks at later ones', async () => {
    const board = new MemoryBoard(['a', 'b', 'c']);
    board.end('a', [0.9]);
    board.report('c', [0.1, 0.1, 0.1]);
    // b at epoch 2: a ended at epoch 1, c comes later: nothing to compare with.
    expect(await judge(pruning, board, board.slot('b'), [0.2, 0.2])).toBeNull();
  });
});
