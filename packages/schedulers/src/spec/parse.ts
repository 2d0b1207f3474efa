import { didYouMean, excerpt, showValue } from '@lrkit/io/excerpt';
import { ScheduleSpecError } from '../errors.js';
import type { ParsedSpec, ScheduleLookup } from '../node.js';
import { parseFields } from './schema.js';

const INTERVALS = ['epoch', 'step'] as const;

/**
 * How deep specs may nest (sequential in chained in warmup...). Real specs nest a few levels; the bound
 * keeps a hostile spec from exhausting the stack here or in the node tree built from it.
 */
export const MAX_SPEC_DEPTH = 32;

/** Keys of a spec that are not options: the type, the top-level interval, and a JSON Schema reference. */
export const RESERVED_KEYS = ['type', 'interval', '$schema'] as const;

/** Where parseSpec is in a tree; `relations: false` checks each option on its own only (what JSON Schema can say). */
export interface ParseAt {
  root?: boolean;
  depth?: number;
  relations?: boolean;
}

/**
 * Validate a spec tree against a registry, before anything runs: type names, each option's type and
 * range, relations between options, unknown keys (with the near name), nesting depth. Errors name the
 * field path. Only own properties are read: an inherited or `__proto__` key is never an option.
 */
export function parseSpec(raw: unknown, registry: ScheduleLookup, path = 'schedule', at: ParseAt = {}): ParsedSpec {
  const { root = true, depth = 1, relations = true } = at;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ScheduleSpecError(path, `expected a schedule spec object like {"type": "step", "stepSize": 10}, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`);
  if (depth > MAX_SPEC_DEPTH)
    throw new ScheduleSpecError(path, `specs may nest at most ${MAX_SPEC_DEPTH} levels deep (the nesting depth limit)`);
  const obj = raw as Record<string, unknown>;
  const own = (key: string): unknown => (Object.hasOwn(obj, key) ? obj[key] : undefined);
  const type = own('type');
  if (typeof type !== 'string')
    throw new ScheduleSpecError(`${path}.type`, `is required: one of ${registry.names().join(', ')}`);
  const entry = registry.entry(type);
  if (!entry)
    throw new ScheduleSpecError(`${path}.type`, `unknown schedule '${excerpt(type)}'${didYouMean(type, registry.names())}; known: ${registry.names().join(', ')}${registry.unknownHint ? `; ${registry.unknownHint}` : ''}`);
  let interval: 'epoch' | 'step' | undefined;
  const rawInterval = own('interval');
  if (rawInterval !== undefined) {
    if (!root)
      throw new ScheduleSpecError(`${path}.interval`, 'only the top-level spec may set interval (it tells the training loop how often to call step())');
    if (typeof rawInterval !== 'string' || !(INTERVALS as readonly string[]).includes(rawInterval))
      throw new ScheduleSpecError(`${path}.interval`, `expected 'epoch' or 'step', got ${showValue(rawInterval)}`);
    interval = rawInterval as 'epoch' | 'step';
  }
  const rawSchema = own('$schema');
  if (rawSchema !== undefined && (!root || typeof rawSchema !== 'string'))
    throw new ScheduleSpecError(`${path}.$schema`, root ? 'expected the URL or path of a JSON Schema (a string)' : 'only the top-level spec may name a $schema');
  // A null-prototype copy: assigning a `__proto__` key to it makes an own property, not a prototype.
  const rest = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!(RESERVED_KEYS as readonly string[]).includes(k)) rest[k] = obj[k];
  const pending: string[] = [];
  const options = entry.parse
    ? entry.parse(rest, path, pending)
    : parseFields(rest, entry.fields, path, (child, p) => parseSpec(child, registry, p, { root: false, depth: depth + 1, relations }), RESERVED_KEYS, pending);
  // Relations between options wait for the run where one of them does.
  if (relations && pending.length === 0) entry.check?.(options, path);
  const spec: ParsedSpec = { type, path, options, entry };
  if (interval) spec.interval = interval;
  if (pending.length) spec.pending = pending;
  return spec;
}
