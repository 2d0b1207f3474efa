import { didYouMean, excerpt, showValue } from '@lrkit/io/excerpt';
import { ScheduleSpecError } from '../errors.js';
import type { Json, PluginOptionDoc } from '../types.js';

/**
 * A tiny declarative schema for built-in options: one place that validates specs, fills defaults and
 * documents options for `lrkit schedulers`.
 */
export type FieldType =
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  /** a number, or one number per param group */
  | 'perGroup'
  | 'integerList'
  | 'numberList'
  | 'spec'
  | 'specList'
  | 'function'
  /** a function, or one function per param group */
  | 'functionPerGroup';

export interface Field {
  name: string;
  type: FieldType;
  description: string;
  default?: unknown;
  required?: boolean;
  /** null is accepted (and is the default when `default` is null). */
  nullable?: boolean;
  min?: number;
  max?: number;
  /** exclusive bounds */
  above?: number;
  below?: number;
  values?: readonly string[];
  /**
   * The option is a length of the run, filled from it where left out: 'steps' (the step() calls of the
   * whole run, in the schedule's interval), 'epochs', or 'stepsPerEpoch' (step() calls per epoch). Such a
   * field is not `required`: without a run to fill it, the schedule is refused when it starts.
   */
  runLength?: RunLength;
  /** Fields that replace this one (one-cycle's epochs and stepsPerEpoch for totalSteps): given, this one is not filled. */
  unlessGiven?: readonly string[];
}

/** What a run-length option is filled with (see Field.runLength). */
export const RUN_LENGTHS = ['steps', 'epochs', 'stepsPerEpoch'] as const;
export type RunLength = (typeof RUN_LENGTHS)[number];

export function fieldDoc(f: Field): PluginOptionDoc {
  const doc: PluginOptionDoc = { name: f.name, type: typeLabel(f), description: f.description };
  if (f.required) doc.required = true;
  else if (f.default !== undefined && typeof f.default !== 'function') doc.default = f.default as Json;
  return doc;
}

function typeLabel(f: Field): string {
  switch (f.type) {
    case 'enum':
      return f.values!.map((v) => `'${v}'`).join(' | ');
    case 'perGroup':
      return 'number | number[] (per group)';
    case 'integerList':
      return 'integer[]';
    case 'numberList':
      return 'number[]';
    case 'spec':
      return 'spec';
    case 'specList':
      return 'spec[]';
    case 'functionPerGroup':
      return 'function | function[] (programmatic only)';
    case 'function':
      return 'function (programmatic only)';
    default:
      return f.nullable ? `${f.type} | null` : f.type;
  }
}

function fail(path: string, reason: string): never {
  throw new ScheduleSpecError(path, reason);
}

function describe(v: unknown): string {
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${showValue(v)}`;
  // Objects are named, not stringified: a null-prototype object has no toString.
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function checkRange(f: Field, v: number, path: string): void {
  if (f.min !== undefined && v < f.min) fail(path, `must be >= ${f.min}, got ${v}`);
  if (f.max !== undefined && v > f.max) fail(path, `must be <= ${f.max}, got ${v}`);
  if (f.above !== undefined && !(v > f.above)) fail(path, `must be > ${f.above}, got ${v}`);
  if (f.below !== undefined && !(v < f.below)) fail(path, `must be < ${f.below}, got ${v}`);
}

function parseNumber(f: Field, v: unknown, path: string, integer: boolean): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, `expected a finite number, got ${describe(v)}`);
  if (integer && !Number.isInteger(v)) fail(path, `expected an integer, got ${v}`);
  checkRange(f, v, path);
  return v;
}

/** Child specs are parsed by the caller (it knows the registry). */
export type ParseChild = (raw: unknown, path: string) => unknown;

export function parseValue(f: Field, v: unknown, path: string, parseChild: ParseChild): unknown {
  if (v === null && f.nullable) return null;
  switch (f.type) {
    case 'number':
      return parseNumber(f, v, path, false);
    case 'integer':
      return parseNumber(f, v, path, true);
    case 'boolean':
      if (typeof v !== 'boolean') fail(path, `expected true or false, got ${describe(v)}`);
      return v;
    case 'enum':
      if (typeof v !== 'string' || !f.values!.includes(v))
        fail(path, `expected one of ${f.values!.map((x) => `'${x}'`).join(', ')}, got ${describe(v)}${typeof v === 'string' ? didYouMean(v, f.values!) : ''}`);
      return v;
    case 'perGroup':
      if (Array.isArray(v)) {
        if (v.length === 0) fail(path, 'expected a number or a non-empty array of numbers (one per param group)');
        return v.map((x, i) => parseNumber(f, x, `${path}[${i}]`, false));
      }
      return parseNumber(f, v, path, false);
    case 'integerList':
    case 'numberList':
      if (!Array.isArray(v)) fail(path, `expected an array of ${f.type === 'integerList' ? 'integers' : 'numbers'}, got ${describe(v)}`);
      return v.map((x, i) => parseNumber(f, x, `${path}[${i}]`, f.type === 'integerList'));
    case 'spec':
      return parseChild(v, path);
    case 'specList':
      if (!Array.isArray(v) || v.length === 0) fail(path, `expected a non-empty array of schedule specs, got ${describe(v)}`);
      return v.map((x, i) => parseChild(x, `${path}[${i}]`));
    case 'function':
      if (typeof v !== 'function') fail(path, `expected a function (this option exists in the programmatic API only), got ${describe(v)}`);
      return v;
    case 'functionPerGroup':
      if (Array.isArray(v)) {
        if (v.length === 0) fail(path, 'expected a function or a non-empty array of functions');
        v.forEach((x, i) => {
          if (typeof x !== 'function') fail(`${path}[${i}]`, `expected a function, got ${describe(x)}`);
        });
        return v;
      }
      if (typeof v !== 'function') fail(path, `expected a function (this option exists in the programmatic API only), got ${describe(v)}`);
      return v;
  }
}

/**
 * Validate `raw` (a spec object minus `type`) against `fields`; returns options with defaults filled in.
 * With `pending`, the run-length fields left out are listed there (their options null) instead of defaulted.
 */
export function parseFields(
  raw: Record<string, unknown>,
  fields: readonly Field[],
  path: string,
  parseChild: ParseChild,
  reserved: readonly string[],
  pending?: string[],
): Record<string, unknown> {
  const names = fields.map((f) => f.name);
  // Own keys only, read without prototype lookups: `__proto__`, `constructor` and `prototype` are unknown
  // options like any other, and nothing inherited can pose as an option.
  for (const key of Object.keys(raw)) {
    if (reserved.includes(key)) continue;
    if (!names.includes(key)) {
      fail(`${path}.${excerpt(key)}`, `unknown option${didYouMean(key, names)}; valid options: ${names.join(', ') || '(none)'}`);
    }
  }
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const f of fields) {
    const p = `${path}.${f.name}`;
    const v = Object.hasOwn(raw, f.name) ? raw[f.name] : undefined;
    if (v === undefined) {
      // A run length left out waits for the run (in field order, so one filled replaces its alternatives).
      if (pending && f.runLength && !(f.unlessGiven ?? []).some((n) => pending.includes(n) || (Object.hasOwn(raw, n) && raw[n] !== undefined))) {
        pending.push(f.name);
        out[f.name] = null;
        continue;
      }
      if (f.required) fail(p, `is required (${f.description})`);
      out[f.name] = f.default;
      continue;
    }
    out[f.name] = parseValue(f, v, p, parseChild);
  }
  return out;
}

/** Expand a per-group option (number or array) to one value per group. */
export function perGroup(value: number | readonly number[], groups: number, path: string): Float64Array {
  if (typeof value === 'number') return new Float64Array(groups).fill(value);
  if (value.length !== groups)
    fail(path, `expected ${groups} values (one per param group), got ${value.length}`);
  return Float64Array.from(value);
}

export { fail as specFail };
