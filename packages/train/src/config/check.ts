// A config checked against its field table: each value by its kind, a missing one filled with its default.
// Every message names the field (its path: `hidden[1]`, `checkpoint.dir`); the error is TrainConfigError, exit 2.
import { didYouMean, excerpt, showValue } from '@lrkit/io';
import { TrainConfigError } from '../errors';
import { choiceValues, orList, type Field, type FieldTable } from './fields';

/** A value as a message quotes it: strings in quotes, anything else as it is, an excerpt either way. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${excerpt(value)}'`;
  return showValue(value);
}

function fail(path: string, message: string): never {
  throw new TrainConfigError(path, message);
}

/**
 * A key the table does not name is a typo or a setting this version lacks: refused, with the name it is
 * near (a JavaScript caller has no type check to catch `{ learningRate: 0.1 }`, which would else train at the
 * default rate).
 */
function refuseUnknown(prefix: string, given: Readonly<Record<string, unknown>>, known: readonly string[]): void {
  for (const key of Object.keys(given)) {
    if (known.includes(key) || given[key] === undefined) continue;
    const near = didYouMean(key, known);
    fail(`${prefix}${excerpt(key)}`, `unknown setting${near || ` (the settings: ${known.join(', ')})`}`);
  }
}

function positiveInt(path: string, value: unknown, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) fail(path, `must be a positive integer, got ${describe(value)}`);
  if (value > max) fail(path, `${value} is more than lrkit allows (at most ${max})`);
  return value;
}

function fraction(path: string, value: unknown, zero: boolean): number {
  if (typeof value !== 'number' || !(zero ? value >= 0 : value > 0) || !(value < 1)) {
    fail(path, `must be a number in ${zero ? '[0' : '(0'}, 1), got ${describe(value)}`);
  }
  return value;
}

/** A fresh copy of a default: a resolved config owns its arrays and objects. */
function fresh(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

/** One field's value (not null: that is absent), checked: what the config holds for it from here on. */
function checkValue(field: Field, path: string, value: unknown): unknown {
  switch (field.kind) {
    case 'positiveInt':
      return positiveInt(path, value, field.max);
    case 'nonNegativeInt':
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > field.max) {
        fail(path, `must be an integer from 0 to ${field.max}, got ${describe(value)}`);
      }
      return value;
    case 'positiveNumber':
      if (field.names?.includes(value as string)) return value;
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        fail(path, `must be a positive number${field.names ? ` or ${orList(field.names.map((n) => `'${n}'`))}` : ''}, got ${describe(value)}`);
      }
      return value;
    case 'nonNegativeNumber':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(path, `must be a number >= 0, got ${describe(value)}`);
      return value;
    case 'fraction':
      return fraction(path, value, field.zero);
    case 'fractionPair':
      if (!Array.isArray(value) || value.length !== 2) fail(path, `must be two numbers in [0, 1), got ${describe(value)}`);
      return value.map((v, i) => fraction(`${path}[${i}]`, v, true));
    case 'rates':
      return Array.isArray(value) ? value.map((v, i) => fraction(`${path}[${i}]`, v, true)) : fraction(path, value, true);
    case 'choice':
      if (!choiceValues(field).includes(value as string)) fail(path, `unknown ${path} ${describe(value)} (expected ${orList(choiceValues(field))})`);
      return value;
    case 'name':
      if (typeof value !== 'string' || value.trim() === '') fail(path, `must be ${field.what}, got ${describe(value)}`);
      return value;
    case 'strings':
      if (!Array.isArray(value)) fail(path, `must be a list of ${field.what}, got ${describe(value)}`);
      return value.map((v, i) => {
        if (typeof v !== 'string' || (!field.emptyItems && v.trim() === '')) fail(`${path}[${i}]`, `must be ${field.what}, got ${describe(v)}`);
        return v;
      });
    case 'character':
      if (typeof value !== 'string' || [...value].length !== 1 || /["\r\n]/.test(value)) fail(path, `must be ${field.what}, got ${describe(value)}`);
      return value;
    case 'sizes':
      if (!Array.isArray(value)) fail(path, `must be ${field.what}`);
      return value.map((v, i) => positiveInt(`${path}[${i}]`, v, field.max));
    case 'spec':
      // The schedulers' registry checks a spec (it knows the plugins); the resolver hands it over.
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') fail(path, `must be true or false, got ${describe(value)}`);
      return value;
    case 'group': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `must be an object {${Object.keys(field.fields).join(', ')}}`);
      const given = value as Record<string, unknown>;
      refuseUnknown(`${path}.`, given, Object.keys(field.fields));
      const out: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(field.fields)) {
        const v = Object.hasOwn(given, name) ? given[name] : undefined;
        out[name] = (v === undefined || v === null) && !sub.required ? fresh(sub.default) : checkValue(sub, `${path}.${name}`, v);
      }
      return out;
    }
  }
}

function at(values: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), values);
}

/**
 * Every field of `table` checked, in the table's order, a missing (or null) one given its default (a field
 * without a default stays undefined: its resolver decides), then each `needs` rule. An unknown key is refused.
 */
export function checkFields(table: FieldTable, config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  refuseUnknown('', config, Object.keys(table));
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(table)) {
    const value = config[name];
    // null is absent, as undefined: a JSON config cannot write undefined.
    out[name] = value === undefined || value === null ? fresh(field.default) : checkValue(field, name, value);
  }
  for (const [name, field] of Object.entries(table)) {
    if (field.needs && out[name] && (at(out, field.needs.path) ?? null) === null) {
      fail(name, `needs ${field.needs.path} (${field.needs.why})`);
    }
  }
  return out;
}
