// The train config's field table reaches every place that takes a setting: each field (a new one too) has
// its `lrkit train` flag, which puts a value where train() reads it and train()'s checks accept, and each
// searchable field is a `train`, `grid` and `random` field of a sweep file and of the published schema.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '@lrkit/train/internal';
import { SEARCHABLE_FIELDS, trainConfigFields, type Field } from '@lrkit/train/config';
import { parseSweep } from '@lrkit/sweep';
import { createProgram } from './program';
import { GracefulStop, TempFiles } from './shutdown';
import { ALL_FIELDS, trainConfigOf } from './config-flags';

/** A value of each kind inside every bound the table allows, and none of them a default. */
function sample(field: Field): unknown {
  switch (field.kind) {
    case 'positiveInt':
      return 3;
    case 'nonNegativeInt':
      return 7;
    case 'positiveNumber':
      return 0.25;
    case 'nonNegativeNumber':
      return 0.125;
    case 'fraction':
      return 0.375;
    case 'fractionPair':
      return [0.5, 0.75];
    case 'rates':
      return [0.25, 0.5];
    case 'choice':
      return field.values.at(-1);
    case 'name':
      return '/lrkit/sample';
    case 'sizes':
      return [8, 4];
    case 'strings':
      return field.emptyItems ? ['?', ''] : ['a', 'b c'];
    case 'character':
      return ';';
    case 'spec':
      return { type: 'exponential', gamma: 0.5 };
    case 'boolean':
      return true;
    case 'group':
      return Object.fromEntries(Object.entries(field.fields).map(([name, sub]) => [name, sample(sub)]));
  }
}

/** The command-line words that set `value` for `path`. */
function argv(path: string, value: unknown): string[] {
  const flag = `--${path.replace(/\./g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  if (value === true) return [flag];
  return [flag, Array.isArray(value) ? value.join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value)];
}

const samples: Record<string, unknown> = Object.fromEntries(ALL_FIELDS.map((name) => [name, sample(trainConfigFields[name])]));

describe('the train config table, the CLI flags and the sweep file agree', () => {
  it('lrkit train has a flag for every field, which sets that field to a value train() accepts', () => {
    const words = Object.entries(samples).flatMap(([name, value]) =>
      trainConfigFields[name as keyof typeof trainConfigFields].kind === 'group'
        ? Object.entries(value as object).flatMap(([sub, v]) => argv(`${name}.${sub}`, v))
        : argv(name, value),
    );
    const train = createProgram({ temp: new TempFiles(), graceful: new GracefulStop() }).commands.find((c) => c.name() === 'train')!;
    const { operands, unknown } = train.parseOptions(words);
    expect([operands, unknown]).toEqual([[], []]);
    const config = trainConfigOf(train.opts(), ALL_FIELDS);
    expect(config).toEqual(samples);
    // The optimizer's settings relate (each optimizer takes its own; Nesterov needs no dampening): train()
    // accepts each optimizer's share of the samples.
    const { momentum, dampening: _dampening, nesterov, betas, eps, amsgrad, ...common } = config;
    const sgd = { ...common, optimizer: 'sgd' as const, momentum, nesterov, dampening: 0 };
    const adam = { ...common, optimizer: 'adam' as const, betas, eps, amsgrad };
    expect(resolveConfig(sgd)).toMatchObject(sgd);
    expect(resolveConfig(adam)).toMatchObject(adam);
  });

  it('a sweep file sets and searches every searchable field, and only those', () => {
    const searched = Object.fromEntries(SEARCHABLE_FIELDS.map((name) => [name, samples[name]]));
    const file = parseSweep(
      JSON.stringify({ name: 's', train: searched, grid: Object.fromEntries(Object.entries(searched).map(([k, v]) => [k, [v]])) }),
      '/lrkit/sweep.json',
    );
    expect(file.train).toEqual(searched);
    expect(file.grid).toEqual(Object.fromEntries(Object.entries(searched).map(([k, v]) => [k, [v]])));
    for (const name of ALL_FIELDS.filter((f) => !(SEARCHABLE_FIELDS as readonly string[]).includes(f))) {
      expect(() => parseSweep(JSON.stringify({ name: 's', train: { [name]: samples[name] }, grid: { lr: [0.1] } }), 's.json')).toThrow(`unknown field '${name}'`);
    }
  });

  it('the published sweep.schema.json lists the searchable fields in train, grid and random', () => {
    const schema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@lrkit/sweep/sweep.schema.json'), 'utf8')) as {
      properties: Record<'train' | 'grid' | 'random', { properties: Record<string, unknown> }>;
    };
    expect(Object.keys(schema.properties.train.properties)).toEqual(SEARCHABLE_FIELDS);
    expect(Object.keys(schema.properties.grid.properties)).toEqual(SEARCHABLE_FIELDS);
    expect(Object.keys(schema.properties.random.properties)).toEqual(['samples', 'samplerSeed', ...SEARCHABLE_FIELDS]);
  });
});
