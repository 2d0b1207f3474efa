import { describe, expect, it } from 'vitest';
import { reportError } from '@lrkit/app-kit';
import { parseOptions } from './options';

/** What lrkit-bench prints for refused `args` (exit 2), without the program's name. */
function usage(args: string[]): { message: string } {
  try {
    parseOptions(args);
  } catch (err) {
    let text = '';
    expect(reportError('lrkit-bench', err, { write: (s: string) => (text += s) }, {})).toBe(2);
    expect(text).toMatch(/^lrkit-bench: [^\n]*\n$/);
    return { message: text.slice('lrkit-bench: '.length, -1) };
  }
  throw new Error(`expected ${args.join(' ')} to be refused`);
}

describe('parseOptions', () => {
  it('defaults to every suite and backend, 2 warm-ups and 7 rounds', () => {
    const o = parseOptions([])!;
    expect(o.suites).toEqual(['seed', 'mlp', 'schedulers', 'inference', 'data']);
    expect(o.backends).toEqual(['wasm', 'native', 'cpu', 'cuda']);
    expect([o.warmup, o.repeats]).toEqual([2, 7]);
    expect(o.mlpSizes).toEqual([784, 512, 512, 10]);
    expect(o.mlpBatch).toBe(256);
    expect(o.threads).toBe(1);
    expect(o.json).toBeUndefined();
  });
  it('--quick lowers the rounds; explicit counts win', () => {
    expect(parseOptions(['--quick'])).toMatchObject({ quick: true, warmup: 1, repeats: 3, skippedBackends: ['cpu'] });
    expect(parseOptions(['--quick', '--backends', 'cpu'])).toMatchObject({ backends: ['cpu'], skippedBackends: [] });
    expect(parseOptions(['--quick', '--repeats', '5', '--warmup', '0'])).toMatchObject({ warmup: 0, repeats: 5 });
  });
  it('parses lists, sizes and output targets', () => {
    const o = parseOptions(['--suite', 'mlp,seed', '--backends', 'cpu', '--mlp-sizes', '10,20,3', '--json', '--md', 'out.md', '--python', '/usr/bin/python3'])!;
    expect(o.suites).toEqual(['mlp', 'seed']);
    expect(o.backends).toEqual(['cpu']);
    expect(o.mlpSizes).toEqual([10, 20, 3]);
    expect(o.json).toBe(true);
    expect(o.md).toBe('out.md');
    expect(o.python).toBe('/usr/bin/python3');
  });
  it('names the flag of every bad value', () => {
    expect(usage(['--suite', 'seed,nope']).message).toMatch(/^--suite must be one or more of seed, mlp, schedulers, inference, data separated by commas, got 'nope'$/);
    expect(usage(['--backends', 'metal']).message).toMatch(/^--backends must be one or more of wasm, native, cpu, cuda separated by commas, got 'metal'$/);
    expect(usage(['--repeats', '0']).message).toMatch(/^--repeats must be a positive integer, got '0'$/);
    expect(usage(['--repeats', '2.5']).message).toMatch(/^--repeats must be a positive integer, got '2.5'$/);
    expect(usage(['--warmup', '-1']).message).toMatch(/^--warmup must be a non-negative integer, got '-1'$/);
    expect(usage(['--mlp-sizes', '784']).message).toMatch(/^--mlp-sizes must give at least an input and an output size, got '784'$/);
    expect(usage(['--mlp-sizes', '784,x,10']).message).toMatch(/^--mlp-sizes must be layer sizes, positive integers separated by commas .*got '784,x,10'$/);
    expect(usage(['--mlp-sizes', '784,1']).message).toMatch(/^--mlp-sizes must end with the class count, at least 2, got '784,1'$/);
    expect(usage(['--mlp-batch', 'big']).message).toMatch(/^--mlp-batch must be a positive integer, got 'big'$/);
    expect(usage(['--threads', '0']).message).toMatch(/^--threads must be a positive integer, got '0'$/);
  });
  it('refuses unknown flags, stray arguments and a missing value', () => {
    expect(usage(['--fast']).message).toMatch(/--fast/);
    expect(usage(['seed']).message).toMatch(/argument/);
    expect(usage(['--suite']).message).toMatch(/--suite/);
  });
  it('refuses an output file it could not write, before running anything', () => {
    expect(usage(['--md', '/no/such/dir/out.md']).message).toBe("--md: the directory '/no/such/dir' does not exist");
  });
  it('refuses two formats on stdout', () => {
    expect(usage(['--json', '--svg']).message).toMatch(/--json, --svg: only one output can go to stdout/);
  });
  it('returns null for --help (commander printed it)', () => {
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      expect(parseOptions(['--help'])).toBeNull();
    } finally {
      process.stdout.write = write;
    }
  });
});
