import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { reportError, UsageError } from './errors';

function report(err: unknown, env: NodeJS.ProcessEnv = {}): { code: number; text: string } {
  let text = '';
  const code = reportError(err, { write: (s: string) => (text += s) }, env);
  return { code, text };
}

describe('reportError', () => {
  it('prints input errors (exitCode 2) alone and returns 2', () => {
    expect(report(new UsageError('--epochs must be a positive integer, got x'))).toEqual({
      code: 2,
      text: 'lrkit: --epochs must be a positive integer, got x\n',
    });
    class OtherInputError extends Error {
      readonly exitCode = 2;
    }
    expect(report(new OtherInputError('bad file'))).toEqual({ code: 2, text: 'lrkit: bad file\n' });
  });

  it("turns commander's usage errors into exit 2 without commander's 'error: ' prefix", () => {
    const err = new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'");
    expect(report(err)).toEqual({ code: 2, text: "lrkit: unknown option '--x'\n" });
    const suggestion = new CommanderError(1, 'commander.unknownOption', "error: unknown option '--epoch'\n(Did you mean --epochs?)");
    expect(report(suggestion).text).toBe("lrkit: unknown option '--epoch' (Did you mean --epochs?)\n");
    expect(report(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toEqual({ code: 0, text: '' });
  });

  it('calls anything else internal: exit 1, stack only with LRKIT_DEBUG=1', () => {
    const plain = report(new TypeError('x is undefined'));
    expect(plain.code).toBe(1);
    expect(plain.text).toMatch(/^lrkit: internal error: x is undefined\n/);
    expect(plain.text).not.toMatch(/\n\s+at /);
    const debug = report(new TypeError('x is undefined'), { LRKIT_DEBUG: '1' });
    expect(debug.text).toMatch(/\n\s+at /);
    expect(report('a string').text).toMatch(/^lrkit: internal error: a string\n/);
    // exitCode other than 2 is not an input error.
    expect(report(Object.assign(new Error('odd'), { exitCode: 3 })).code).toBe(1);
  });
});
