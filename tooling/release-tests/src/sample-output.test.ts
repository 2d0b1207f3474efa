// The seed job's output as the READMEs show it is what `lrkit train` prints today: a change to the numbers
// (the split, the initialisation, the loop) fails here until the READMEs show the new ones.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlocks } from './docs/blocks';
import { repoRoot } from './workspace';

/** The READMEs that show `lrkit train`'s output (an output block starting with its first epoch line). */
const DOCS = ['README.md', 'apps/cli/README.md'];
const FIRST_LINE = 'Epoch [1/50], Loss:';

/** The time and the backend differ by machine; everything else is the seed job's, bit for bit. */
const normalise = (line: string) => line.replace(/ on \w+ in (\d+|\.\.\.) ms /, ' on <backend> in <ms> ms ');

/**
 * Whether `actual` reads as `shown`: a line `...` stands for any lines, and `...` inside a line for any text.
 */
function matchesSample(shown: string[], actual: string[]): boolean {
  const pattern = shown
    .map((line) => (line === '...' ? '(?:[^\\n]*\\n)*?' : `${line.split('...').map(escape).join('[^\\n]*')}\\n`))
    .join('');
  return new RegExp(`^${pattern}$`).test(actual.map((l) => `${l}\n`).join(''));
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the seed output the READMEs show', () => {
  const run = spawnSync(process.execPath, [join(repoRoot, 'apps', 'cli', 'dist', 'index.js'), 'train'], { cwd: repoRoot, encoding: 'utf8', timeout: 240_000 });
  const printed = `${run.stdout}`.trimEnd().split('\n').map(normalise);

  it('matches a sample with ... in it, and not a different one', () => {
    expect(matchesSample(['a', '...', 'd 1... ms'], ['a', 'b', 'c', 'd 12 ms'])).toBe(true);
    expect(matchesSample(['a', '...', 'd 2'], ['a', 'b', 'd 1'])).toBe(false);
  });

  for (const doc of DOCS) {
    it(`${doc} shows what lrkit train prints`, () => {
      expect(run.status, run.stderr).toBe(0);
      const samples = codeBlocks(repoRoot, doc).filter((b) => b.kind === 'output' && b.code.startsWith(FIRST_LINE));
      expect(samples, `${doc}: no output block starting with '${FIRST_LINE}'`).toHaveLength(1);
      const shown = samples[0]!.code.trimEnd().split('\n').map(normalise);
      expect(matchesSample(shown, printed), `${doc}:${samples[0]!.line} shows:\n${shown.join('\n')}\n\nlrkit train prints:\n${printed.join('\n')}`).toBe(true);
    });
  }
});
