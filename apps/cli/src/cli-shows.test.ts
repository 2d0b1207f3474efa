// What a run shows and where it may go next: the validation split in the epoch lines, the history in --json,
// --lr find, a finished run extended with --resume --epochs, a new one started with --init-from.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureDir, hasStackTrace, lines, lrkit } from './test-support';

const fx = fixtureDir('lrkit-cli-shows-');
afterAll(() => fx.remove());

const small = ['--epochs', '3', '--hidden', '8', '--seed', '4'];

describe('lrkit train shows', () => {
  it('the validation loss and accuracy in each epoch line where there is a validation split, and the history in --json', () => {
    const text = lrkit(['train', ...small, '--val-fraction', '0.1']);
    expect(text.status, text.stderr).toBe(0);
    const epochLines = lines(text.stdout).filter((l) => l.startsWith('Epoch'));
    expect(epochLines).toHaveLength(3);
    for (const l of epochLines) expect(l).toMatch(/^Epoch \[\d\/3\], Loss: \d\.\d{4}, Val Loss: \d\.\d{4}, Val Accuracy: \d\.\d{4}, LR: 0\.001$/);
    const json = lrkit(['train', ...small, '--val-fraction', '0.1', '--json']);
    const out = JSON.parse(lines(json.stdout)[0]!) as { history: Record<string, number>[]; valLoss: number };
    expect(out.history.map((h) => Object.keys(h))).toEqual([1, 2, 3].map(() => ['epoch', 'loss', 'lr', 'valLoss', 'valAccuracy']));
    // The same numbers the lines print, and the summary's valLoss is the last epoch's.
    out.history.forEach((h, i) => expect(epochLines[i]).toContain(`Val Loss: ${h.valLoss!.toFixed(4)}, Val Accuracy: ${h.valAccuracy!.toFixed(4)}`));
    expect(out.valLoss).toBe(out.history[2]!.valLoss);
  });

  it('--lr find: trains at the range test valley suggestion, printing it', () => {
    const text = lrkit(['train', ...small, '--lr', 'find']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Learning rate (\d\.\d\de-\d): the LR range test's valley suggestion \(slide .*, minimum .*, steep .*\)$/m);
    const json = JSON.parse(lines(lrkit(['train', ...small, '--lr', 'find', '--json']).stdout)[0]!) as { lr: number; lrFound: { lr: number; method: string }; history: { lr: number }[] };
    expect(json.lrFound.method).toBe('valley');
    expect(json.lr).toBe(json.lrFound.lr);
    expect(json.history[0]!.lr).toBe(json.lr);
    const bad = lrkit(['train', '--lr', 'fnd']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--lr must be a positive decimal number \(e\.g\. 0\.001 or 1e-3\) or find, got 'fnd'/);
  });

  it('--resume --epochs N extends a finished run; --init-from starts a new one from its weights; bad input exits 2 naming the field', () => {
    const dir = join(fx.dir, 'run');
    expect(lrkit(['train', ...small, '--checkpoint-dir', dir]).status).toBe(0);
    const extended = lrkit(['train', ...small.map((a) => (a === '3' ? '5' : a)), '--checkpoint-dir', dir, '--resume', '--json']);
    expect(extended.status, extended.stderr).toBe(0);
    const straight = lrkit(['train', ...small.map((a) => (a === '3' ? '5' : a)), '--json']);
    const [e, s] = [extended, straight].map((r) => JSON.parse(lines(r.stdout)[0]!) as Record<string, unknown>);
    expect(e!.history).toEqual(s!.history);
    expect(e!.accuracy).toBe(s!.accuracy);
    expect(e!.resumedFromEpoch).toBe(3);
    const fewer = lrkit(['train', ...small, '--checkpoint-dir', dir, '--resume']);
    expect(fewer.status).toBe(2);
    expect(fewer.stderr).toMatch(/^lrkit: epochs: the checkpoint in '.*' has 5 epochs done, more than the 3 asked/);
    const tuned = lrkit(['train', ...small, '--init-from', dir, '--lr', '0.0005']);
    expect(tuned.status, tuned.stderr).toBe(0);
    const other = lrkit(['train', ...small, '--init-from', dir, '--hidden', '16']);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/^lrkit: initFrom: the checkpoint '.*' was trained with hidden \[8\], this run has \[16\]/);
    expect(hasStackTrace(other.stderr)).toBe(false);
  });
});
