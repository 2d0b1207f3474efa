// dist/schema.json is current, and a maintained validator (ajv) given it agrees with lrkit's own
// validation: on every per-option rule exactly, and it never refuses a spec lrkit accepts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRegistry, definePlugin, specJsonSchema, validateSpec } from './index.js';
import { defaultRegistry } from './registry.js';
import { parseSpec } from './spec/parse.js';
import { SPEC_CASES } from './test-specs.js';
import { fuzzSpec } from './test-arbitraries.js';

const schema = specJsonSchema();
const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: false });
const schemaValid = ajv.compile(schema);

const accepts = (spec: unknown): boolean => {
  try {
    validateSpec(spec);
    return true;
  } catch {
    return false;
  }
};
/** lrkit's checks of each option on its own (the part a JSON Schema can express). */
const acceptsOptions = (spec: unknown): boolean => {
  try {
    parseSpec(spec, defaultRegistry, 'schedule', { relations: false });
    return true;
  } catch {
    return false;
  }
};

describe('the JSON Schema', () => {
  it('ships as dist/schema.json, generated from the option fields (current with the source)', () => {
    const file = join(__dirname, '..', 'dist', 'schema.json');
    expect(existsSync(file), 'dist/schema.json is missing: run the package build (tsup && node scripts/write-schema.mjs)').toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(schema);
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(pkg.exports['./schema.json']).toBe('./dist/schema.json');
  });

  it('covers every JSON built-in with its documented options', () => {
    const names = defaultRegistry.list().filter((s) => s.json);
    expect(Object.keys(schema.definitions as object).filter((k) => k !== 'spec').sort()).toEqual(names.map((s) => s.name).sort());
    for (const s of names) {
      const def = (schema.definitions as Record<string, { properties: Record<string, unknown> }>)[s.name]!;
      expect(Object.keys(def.properties).filter((k) => k !== 'type').sort(), s.name).toEqual(s.options.map((o) => o.name).sort());
    }
  });

  it('accepts every spec of the test suite, with $schema and interval at the top', () => {
    const json = SPEC_CASES.filter((c) => !/"type":"(lambda|multiplicative)"/.test(JSON.stringify(c.spec)));
    expect(json.length).toBeGreaterThan(20);
    for (const c of json) {
      const spec = JSON.parse(JSON.stringify(c.spec)) as Record<string, unknown>;
      expect(schemaValid(spec), `${c.name}: ${ajv.errorsText(schemaValid.errors)}`).toBe(true);
      expect(schemaValid({ $schema: './node_modules/@lrkit/schedulers/dist/schema.json', interval: 'step', ...spec }), c.name).toBe(true);
    }
  });

  it('refuses what lrkit refuses option by option', () => {
    const bad: unknown[] = [
      { type: 'step', stepSise: 3 },
      { type: 'step' },
      { type: 'step', stepSize: 0 },
      { type: 'step', stepSize: 1.5 },
      { type: 'step', stepSize: 2, gamma: '0.1' },
      { type: 'linear', startFactor: 0 },
      { type: 'reduce-on-plateau', factor: 1 },
      { type: 'cyclic', baseLr: 0.1, maxLr: 1, mode: 'triangle' },
      { type: 'one-cycle', maxLr: [], totalSteps: 3 },
      { type: 'cosine', tMax: 3 },
      { type: 'chained', schedulers: [] },
      { type: 'chained', schedulers: [{ type: 'step', stepSize: 1, interval: 'step' }] },
      { type: 'warmup', warmupSteps: 2, schedule: { type: 'exponential' } },
      JSON.parse('{"type":"step","stepSize":3,"__proto__":{"gamma":5}}'),
      { type: 'lambda' },
      { stepSize: 3 },
      [],
      null,
    ];
    for (const spec of bad) {
      expect(accepts(spec), JSON.stringify(spec)).toBe(false);
      expect(schemaValid(spec), JSON.stringify(spec)).toBe(false);
    }
  });

  it('agrees with lrkit on random specs (fast-check): per-option checks exactly, and never stricter', () => {
    fc.assert(
      fc.property(fuzzSpec(3), (raw) => {
        let spec: unknown;
        try {
          spec = JSON.parse(JSON.stringify(raw)) as unknown;
        } catch {
          return;
        }
        if (spec === undefined) return;
        const ok = schemaValid(spec);
        expect(ok, `${JSON.stringify(spec)}: ${ajv.errorsText(schemaValid.errors)}`).toBe(acceptsOptions(spec));
        if (accepts(spec)) expect(ok).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('includes plugins that declare a schema', () => {
    const registry = createRegistry();
    registry.register(
      definePlugin({
        name: 'halve',
        apiVersion: 1,
        schema: [{ name: 'every', type: 'integer', required: true, min: 1, description: 'steps per halving' }],
        create: (o, groups) => ({ lr: (k) => groups.map((g) => g.baseLr * 0.5 ** Math.floor(k / o.every)) }),
      }),
    );
    const check = new Ajv({ strict: true, strictRequired: false }).compile(specJsonSchema(registry));
    expect(check({ type: 'halve', every: 2 })).toBe(true);
    expect(check({ type: 'halve', evry: 2 })).toBe(false);
    expect(check({ type: 'warmup', warmupSteps: 2, schedule: { type: 'halve', every: 0 } })).toBe(false);
  });
});
