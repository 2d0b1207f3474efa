import { describe, expect, it } from 'vitest';
import { reportError, UsageError } from './usage-error';

// The messages and codes themselves are pinned by each app's own tests (apps/cli/src/errors.test.ts).
describe('reportError', () => {
  it('names the program it reports for', () => {
    let text = '';
    const out = { write: (s: string) => (text += s) };
    expect(reportError('lrkit-bench', new UsageError('--repeats must be a positive integer, got 0'), out, {})).toBe(2);
    expect(reportError('lrkit-bench', new Error('boom'), out, {})).toBe(1);
    expect(text).toBe(
      'lrkit-bench: --repeats must be a positive integer, got 0\nlrkit-bench: internal error: boom\nlrkit-bench: (set LRKIT_DEBUG=1 for the stack trace)\n',
    );
  });

  it('says a stated failure (exitCode 1) in its own words, without calling it internal', () => {
    let text = '';
    const failure = Object.assign(new Error("every trial of sweep 's' failed"), { exitCode: 1 });
    expect(reportError('lrkit', failure, { write: (s: string) => (text += s) }, {})).toBe(1);
    expect(text).toBe("lrkit: every trial of sweep 's' failed\n");
  });
});
