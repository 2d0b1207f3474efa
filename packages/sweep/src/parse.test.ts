import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandTrials } from './expand';
import { SweepInputError } from './errors';
import { MAX_SWEEP_FILE_BYTES, parseSweep, readSweepFile } from './parse';
import { sweepJsonSchema } from './schema';
import { packageDir } from './test-support';

const ok = { name: 's', grid: { lr: [0.01] } };
const bad = (file: unknown) => () => parseSweep(typeof file === 'string' ? file : JSON.stringify(file), 'sweep.json');

describe('parseSweep', () => {
  it('fills metric and mode, makes data paths absolute relative to the file', () => {
    const s = parseSweep(JSON.stringify({ ...ok, train: { data: 'iris.csv' }, metric: 'testLoss' }), '/tmp/x/sweep.json');
    expect(s.metric).toBe('testLoss');
    expect(s.mode).toBe('min');
    expect(s.train?.data).toBe('/tmp/x/iris.csv');
    expect(parseSweep(JSON.stringify(ok), 'a.json')).toMatchObject({ metric: 'accuracy', mode: 'max' });
  });

  it('names the line of a file that is not JSON', () => {
    expect(bad('{\n  "name": "s",\n  "grid": {"lr": [0.1,]}\n}')).toThrow(/^sweep\.json: not JSON \(line 3, column \d+/);
  });

  it('names an unknown train field and lists the known ones', () => {
    expect(bad({ ...ok, train: { lrate: 0.1 } })).toThrow("sweep.json: train: unknown field 'lrate' (train fields: data, target, categorical, ignore, features, na, delimiter, task, backend, epochs");
    expect(bad({ name: 's', grid: { labelSmoothing: [0.1] } })).toThrow("sweep.json: grid: unknown field 'labelSmoothing'");
    expect(bad({ name: 's', grid: { momentum: [0.9], dropout: [0, [0.5]] } })).not.toThrow();
  });

  it('suggests the field a typo meant, at every level of the file', () => {
    expect(bad({ ...ok, train: { epoch: 3 } })).toThrow("sweep.json: train: unknown field 'epoch' (did you mean 'epochs'?) (train fields: data,");
    expect(bad({ name: 's', grid: { lrr: [0.1] } })).toThrow("sweep.json: grid: unknown field 'lrr' (did you mean 'lr'?) (train fields:");
    expect(bad({ name: 's', random: { sample: 2, lr: { uniform: [0, 1] } } })).toThrow("sweep.json: random: unknown field 'sample' (did you mean 'samples'?)");
    expect(bad({ ...ok, metirc: 'accuracy' })).toThrow("sweep.json: the sweep: unknown field 'metirc' (did you mean 'metric'?)");
    expect(bad({ ...ok, prune: { median: { warmupEpoch: 2 } } })).toThrow("sweep.json: prune.median: unknown field 'warmupEpoch' (did you mean 'warmupEpochs'?)");
    expect(bad({ ...ok, prune: { hyperbnd: {} } })).toThrow("sweep.json: prune: unknown field 'hyperbnd' (did you mean 'hyperband'?)");
    expect(bad({ name: 's', random: { samples: 2, lr: { logUnifrom: [1e-4, 1e-2] } } })).toThrow(/^sweep\.json: random\.lr: must be \{"logUniform".* \(did you mean 'logUniform'\?\)$/);
  });

  it('refuses an empty grid, a sweep without trials, and bad values, naming the field', () => {
    expect(bad({ name: 's', grid: {} })).toThrow('sweep.json: grid: empty');
    expect(bad({ name: 's', grid: { lr: [] } })).toThrow('sweep.json: grid.lr: must list at least one value');
    expect(bad({ name: 's' })).toThrow('sweep.json: give a "grid" or "random"');
    expect(bad({ name: 's', grid: { lr: [-1] } })).toThrow(/^sweep\.json: grid\.lr\.0: /);
    expect(bad({ name: 'a b', grid: { lr: [1] } })).toThrow(/^sweep\.json: name: letters, digits/);
  });

  it('refuses a logUniform with a bound <= 0, or reversed, and an unknown distribution', () => {
    expect(bad({ name: 's', random: { samples: 2, lr: { logUniform: [0, 1] } } })).toThrow('sweep.json: random.lr.logUniform: a log range must lie above 0 (log of 0 is undefined), got [0, 1]');
    expect(bad({ name: 's', random: { samples: 2, lr: { logUniform: [1e-2, 1e-4] } } })).toThrow('sweep.json: random.lr.logUniform: an empty range: low must be below high');
    expect(bad({ name: 's', random: { samples: 2, lr: { normal: [0, 1] } } })).toThrow('sweep.json: random.lr: must be {"logUniform"');
  });

  it('refuses bad pruner settings, naming the field', () => {
    const pruned = (prune: unknown, train: object = {}) => bad({ ...ok, train, prune });
    expect(pruned({ asha: { reductionFactor: 1 } })).toThrow('sweep.json: prune.asha.reductionFactor: Too small: expected number to be >=2');
    expect(pruned({ median: {}, asha: {} })).toThrow('sweep.json: prune: give one pruner: {"median": {...}}, {"asha": {...}} or {"hyperband": {...}}');
    expect(pruned({ hyperband: { minResource: 4, maxResource: 2 } })).toThrow('sweep.json: prune.hyperband.maxResource: must be above minResource (4), got 2');
    expect(pruned({ median: { afterEpochs: 2 } })).toThrow("sweep.json: prune.median: unknown field 'afterEpochs'");
    expect(pruned({ median: { startupTrials: -1 } })).toThrow('sweep.json: prune.median.startupTrials: Too small');
    // Pruning judges on a validation split: a file that sets none is refused; one that says nothing gets one.
    expect(() => expandTrials(pruned({ median: {} }, { valFraction: 0 })())).toThrow(/^s: the trial \{"lr":0.01\}: valFraction: 0 leaves no validation split/);
  });

  it('carves a validation split where the sweep prunes, a part of the trial\'s settings', () => {
    const [plain] = expandTrials(parseSweep(JSON.stringify(ok), 'sweep.json'));
    const [pruned] = expandTrials(parseSweep(JSON.stringify({ ...ok, prune: { median: {} } }), 'sweep.json'));
    expect(plain!.config.valFraction).toBeUndefined();
    expect(pruned!.config.valFraction).toBe(0.1);
    expect(pruned!.id).not.toBe(plain!.id);
  });

  it('reads the example file the READMEs run', () => {
    const s = readSweepFile(join(packageDir, 'examples', 'lr-schedule-seed.json'));
    expect(expandTrials(s)).toHaveLength(8);
  });

  it('the published sweep.schema.json is the one the code generates', () => {
    const published = JSON.parse(readFileSync(join(packageDir, 'sweep.schema.json'), 'utf8')) as unknown;
    // Regenerate: node -e "import('./dist/index.js').then(...)" (see the package README).
    expect(published).toEqual(sweepJsonSchema());
  });
});

describe('readSweepFile reads only a regular file of bounded size', () => {
  it('refuses a directory and a file over the limit before parsing, naming the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrkit-sweep-file-'));
    try {
      expect(() => readSweepFile(dir)).toThrow(new SweepInputError(`sweep file is a directory: ${dir}`));
      const big = join(dir, 'big.json');
      writeFileSync(big, `{"name":"big",${' '.repeat(MAX_SWEEP_FILE_BYTES + 1024 * 1024)}}`);
      expect(() => readSweepFile(big)).toThrow(new RegExp(`^sweep file is 5 MiB, over the 4 MiB limit: ${big}$`));
      expect(() => readSweepFile(join(dir, 'nope.json'))).toThrow(`no such sweep file '${join(dir, 'nope.json')}'`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
