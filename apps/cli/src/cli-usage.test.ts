// Exit codes and messages for bad command lines and bad data: one line on stderr, exit 2, no stack trace.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureDir, hasStackTrace, lines, lrkit } from './test-support';

const fx = fixtureDir('lrkit-cli-usage-');
afterAll(() => fx.remove());

/** Runs lrkit, expects exit 2 with exactly one stderr line, nothing on stdout; returns that line. */
function refused(args: string[]): string {
  const r = lrkit(args);
  expect(r.status, `lrkit ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(2);
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect(r.stdout).toBe('');
  expect(lines(r.stderr)).toHaveLength(1);
  return lines(r.stderr)[0]!;
}

describe('flag values are checked, and the message names the flag', () => {
  it.each([
    [['--epochs', 'x'], "lrkit: --epochs must be a positive integer, got 'x'"],
    [['--epochs', '0'], "lrkit: --epochs must be a positive integer, got '0'"],
    [['--epochs', '2.5'], "lrkit: --epochs must be a positive integer, got '2.5'"],
    [['--batch-size', '-3'], "lrkit: --batch-size must be a positive integer, got '-3'"],
    [['--lr', 'fast'], "lrkit: --lr must be a positive decimal number (e.g. 0.001 or 1e-3) or find, got 'fast'"],
    [['--lr', '0'], "lrkit: --lr must be a positive decimal number (e.g. 0.001 or 1e-3) or find, got '0'"],
    [['--hidden', '64,,32'], "lrkit: --hidden must be layer sizes, positive integers separated by commas (e.g. 64 or 64,32), got '64,,32'"],
    [['--hidden', '0'], "lrkit: --hidden must be layer sizes, positive integers separated by commas (e.g. 64 or 64,32), got '0'"],
    [['--optimizer', 'rmsprop'], "lrkit: --optimizer must be one of adam, adamw, sgd, sgd-schedule-free, adamw-schedule-free, got 'rmsprop'"],
    [['--seed', '1.5'], "lrkit: --seed must be a non-negative integer, got '1.5'"],
    [['--seed', '-1'], "lrkit: --seed must be a non-negative integer, got '-1'"],
    [['--target', ''], 'lrkit: --target must not be empty'],
  ])('train %j', (args, message) => {
    expect(refused(['train', ...args])).toBe(message);
  });

  it('refuses unknown flags, commands and stray arguments (commander usage errors)', () => {
    expect(refused(['train', '--epoch', '3'])).toBe("lrkit: unknown option '--epoch' (Did you mean --epochs?)");
    expect(refused(['trian'])).toMatch(/^lrkit: unknown command 'trian'/);
    expect(refused(['train', 'extra'])).toMatch(/^lrkit: too many arguments/);
    expect(refused(['train', '--epochs'])).toMatch(/^lrkit: option '--epochs <n>' argument missing/);
  });

  it('refuses --opset without --export and --export into a missing folder, before training', () => {
    expect(refused(['train', '--opset', '17'])).toBe('lrkit: --opset needs --export <model.onnx>');
    expect(refused(['train', '--export', `${fx.dir}/no/such/dir/m.onnx`])).toMatch(
      /^lrkit: --export: the directory '.*no\/such\/dir' does not exist$/,
    );
    expect(refused(['train', '--export', fx.dir])).toMatch(/is a directory/);
  });
});

describe('bad data: exit 2, the message names the file line and column', () => {
  it('a column mixing numbers and text is read as categories, and the plan printed before training says so', () => {
    const path = fx.file('nonnumeric.csv', 'diagnosis,a,b\nB,0,0\nM,1,1\nB,2,2\nM,3,x7\nB,4,0\nM,0,1\nB,1,2\nM,2,3\nB,3,0\nM,4,1\nB,0,2\nM,1,3\n');
    const r = lrkit(['train', '--data', path, '--epochs', '1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^b +categorical +one-hot, .*mostly numbers but holds text \(e\.g\. 'x7' in 1 rows\): read as categories/m);
  });

  it('a NaN cell is a gap: the training median fills it, with a was-missing input', () => {
    const path = fx.file('nan.csv', 'diagnosis,a,b\nB,0,0\nM,1,1\nB,2,2\nM,3,NaN\nB,4,0\nM,0,1\nB,1,2\nM,2,3\nB,3,0\nM,4,1\nB,0,2\nM,1,3\n');
    const r = lrkit(['train', '--data', path, '--epochs', '1', '--json']);
    expect(r.status).toBe(0);
    const b = (JSON.parse(r.stdout) as { columns: { name: string }[] }).columns.find((c) => c.name === 'b');
    expect(b).toMatchObject({ role: 'numeric', indicator: true });
    expect(r.stderr).toMatch(/^b +numeric +median \d+(\.\d+)?, scaled, \+ was-missing input$/m);
  });

  it('column options: a bad list, an unknown column, a bad delimiter, or no table file, each named', () => {
    const path = fx.file('opts.csv', 'diagnosis,a,b\nM,1,x\nB,2,y\n');
    expect(refused(['train', '--data', path, '--categorical', 'a,,b'])).toBe("lrkit: --categorical must be a comma-separated list of column names, got 'a,,b'");
    expect(refused(['train', '--data', path, '--ignore', 'c'])).toBe(`lrkit: ${path}: no ignored column 'c'; the columns are: 'diagnosis', 'a', 'b'`);
    expect(refused(['train', '--data', path, '--delimiter', ';;'])).toMatch(/^lrkit: --delimiter must be one character other than a quote or a line break, got ';;'$/);
    expect(refused(['train', '--features', 'radius_mean'])).toMatch(/^lrkit: features: applies to a table read from a file \(data\), not to the embedded data set$/);
  });

  it('a short row', () => {
    const path = fx.file('short.csv', 'diagnosis,a,b\r\nM,1,2\r\nB,3\r\n');
    expect(refused(['train', '--data', path])).toBe(
      `lrkit: ${path}: line 3 has 2 fields, expected 3 (as many as the header on line 1)`,
    );
  });

  it('an empty file, a header without rows', () => {
    expect(refused(['train', '--data', fx.file('empty.csv', '')])).toMatch(/the file is empty/);
    expect(refused(['train', '--data', fx.file('header.csv', 'diagnosis,a,b\n')])).toMatch(/header line but no data rows/);
  });

  it('a missing target column lists the columns', () => {
    const path = fx.file('notarget.csv', 'label,a,b\nM,1,2\n');
    expect(refused(['train', '--data', path])).toBe(`lrkit: ${path}: no target column 'diagnosis'; the columns are: 'label', 'a', 'b'`);
    expect(refused(['train', '--data', path, '--target', 'kind'])).toMatch(/no target column 'kind'/);
  });

  it('writes nothing: a failed run with --export leaves no model file', () => {
    const model = `${fx.dir}/never.onnx`;
    const path = fx.file('bad-for-export.csv', 'diagnosis,a\nM,1\nB,oops\n');
    expect(refused(['train', '--data', path, '--export', model])).toMatch(/class 'B' of 'diagnosis' has only 1 row/);
    expect(existsSync(model)).toBe(false);
  });

  it('a missing file', () => {
    expect(refused(['train', '--data', `${fx.dir}/nope.csv`])).toBe(`lrkit: data file not found: ${fx.dir}/nope.csv`);
  });
});

describe('help and version', () => {
  it('exit 0', () => {
    const help = lrkit(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['train', 'schedule', 'schedulers', 'predict', 'backends']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    const trainHelp = lrkit(['train', '--help']);
    expect(trainHelp.status).toBe(0);
    expect(trainHelp.stdout).toMatch(/--batch-size <n>/);
    expect(lrkit(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('no command: the help on stderr, exit 2', () => {
    const r = lrkit([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Usage: lrkit/);
  });
});
