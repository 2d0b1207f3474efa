import type { BuiltinSchedule } from '../node.js';
import { defaultRegistry } from '../registry.js';
import type { ScheduleRegistry as Registry } from '../schedule-registry.js';
import type { Field } from './schema.js';

type JsonSchema = { [key: string]: unknown };

const NUMBER_FIELDS = new Set(['number', 'integer', 'perGroup', 'integerList', 'numberList']);

/** One number under a field's bounds (min/max inclusive, above/below exclusive, as parseFields checks them). */
function numberSchema(f: Field, integer: boolean): JsonSchema {
  const s: JsonSchema = { type: integer ? 'integer' : 'number' };
  if (f.min !== undefined) s.minimum = f.min;
  if (f.max !== undefined) s.maximum = f.max;
  if (f.above !== undefined) s.exclusiveMinimum = f.above;
  if (f.below !== undefined) s.exclusiveMaximum = f.below;
  return s;
}

/** The JSON Schema of one option: what parseFields accepts for it, checked on its own. */
function fieldSchema(f: Field): JsonSchema {
  let s: JsonSchema;
  switch (f.type) {
    case 'number':
    case 'integer':
      s = numberSchema(f, f.type === 'integer');
      break;
    case 'boolean':
      s = { type: 'boolean' };
      break;
    case 'enum':
      s = { enum: [...f.values!] };
      break;
    case 'perGroup':
      s = { anyOf: [numberSchema(f, false), { type: 'array', minItems: 1, items: numberSchema(f, false) }] };
      break;
    case 'integerList':
    case 'numberList':
      s = { type: 'array', items: numberSchema(f, f.type === 'integerList') };
      break;
    case 'spec':
      s = { $ref: '#/definitions/spec' };
      break;
    case 'specList':
      s = { type: 'array', minItems: 1, items: { $ref: '#/definitions/spec' } };
      break;
    default:
      // Functions exist in the programmatic API only; their schedules are left out of the schema.
      s = {};
  }
  if (f.nullable) s = f.type === 'enum' ? { enum: [...f.values!, null] } : NUMBER_FIELDS.has(f.type) || f.type === 'boolean' ? { anyOf: [s, { type: 'null' }] } : s;
  const out: JsonSchema = { description: f.description, ...s };
  if (f.default !== undefined && typeof f.default !== 'function') out.default = f.default;
  return out;
}

/** A spec object of this schedule: its type, its options, nothing else (plugins without a schema: anything). */
function scheduleSchema(e: BuiltinSchedule, top: boolean): JsonSchema {
  const properties: JsonSchema = { type: { const: e.name, description: e.description } };
  if (top) {
    properties.interval = { enum: ['epoch', 'step'], description: 'how often the training loop calls step(): per optimizer step or per epoch' };
    properties.$schema = { type: 'string', description: 'this JSON Schema' };
  }
  const open = e.docs !== undefined;
  for (const f of e.fields) properties[f.name] = fieldSchema(f);
  const s: JsonSchema = {
    type: 'object',
    description: e.description,
    properties,
    required: ['type', ...e.fields.filter((f) => f.required).map((f) => f.name)],
  };
  if (!open) s.additionalProperties = false;
  return s;
}

/**
 * The JSON Schema (draft-07) of a spec, generated from the registry's option fields: the same declarations
 * that validate specs, fill defaults and document them. It checks each option on its own (type, range,
 * enum, required, unknown keys, nesting); relations between options (sequential's milestone count,
 * one-cycle's totalSteps or epochs) are left to lrkit's own validation. Schedules that take functions
 * (lambda, multiplicative) are not JSON, and not in it. `dist/schema.json` is this for the built-ins.
 */
export function specJsonSchema(registry: Registry = defaultRegistry): JsonSchema {
  const entries = registry.names().map((n) => registry.entry(n)!).filter((e) => e.json);
  const definitions: JsonSchema = { spec: { oneOf: entries.map((e) => ({ $ref: `#/definitions/${e.name}` })) } };
  for (const e of entries) definitions[e.name] = scheduleSchema(e, false);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'lrkit schedule spec',
    description: 'A learning-rate schedule for @lrkit/schedulers: {"type": "<name>", ...options}; composites nest specs.',
    oneOf: entries.map((e) => scheduleSchema(e, true)),
    definitions,
  };
}
