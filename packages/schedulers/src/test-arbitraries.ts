// fast-check arbitraries of hostile, spec-shaped values, shared by the fuzz tests (only tests import this).
import fc from 'fast-check';
import { defaultRegistry } from './registry.js';

/** Random option values: valid ones, extremes, wrong types, and prototype-polluting keys. */
const value = fc.oneof(
  fc.integer({ min: -5, max: 50 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, 1, -1, 0.5, 1e-300, 1e300, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, -0),
  fc.constantFrom('linear', 'cos', 'cosine', 'triangular', 'min', 'max', 'rel', 'abs', 'exponential', ''),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer({ min: -2, max: 40 }), fc.double()), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);

const jsonTypes = defaultRegistry.list().filter((s) => s.json).map((s) => s.name);

/** A spec-shaped object of `type`: its own option names, sometimes a wrong or polluting key. */
function typed(type: string, child: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const names = defaultRegistry.list().find((s) => s.name === type)!.options.map((o) => o.name);
  const keys = fc.constantFrom(...names, '__proto__', 'constructor', 'prototype', 'interval', 'typo');
  return fc.tuple(fc.dictionary(keys, value, { maxKeys: 6 }), fc.array(child, { minLength: 1, maxLength: 3 }), child).map(([opts, children, one]) => {
    const o: Record<string, unknown> = { type, ...opts };
    if (names.includes('schedulers')) o.schedulers = children;
    if (names.includes('schedule')) o.schedule = one;
    return o;
  });
}

/** Spec-shaped trees up to `depth` levels: mostly real types with their own option names, sometimes anything. */
export function fuzzSpec(depth: number): fc.Arbitrary<unknown> {
  const child = depth > 1 ? fuzzSpec(depth - 1) : fc.constant({ type: 'step', stepSize: 1 });
  return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...jsonTypes).chain((t) => typed(t, child)) }, { weight: 1, arbitrary: fc.anything() });
}

