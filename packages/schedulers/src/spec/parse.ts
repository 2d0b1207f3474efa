import { ScheduleSpecError } from '../errors.js';
import type { ParsedSpec } from '../node.js';
import type { Registry } from '../registry.js';
import { parseFields } from './schema.js';
import { didYouMean } from './suggest.js';

const INTERVALS = ['epoch', 'step'] as const;

/**
 * Validate a spec tree against a registry, before anything runs: type names, each option's type and
 * range, relations between options, unknown keys (with the near name). Errors name the field path.
 */
export function parseSpec(raw: unknown, registry: Registry, path = 'schedule', root = true): ParsedSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ScheduleSpecError(path, `expected a schedule spec object like {"type": "step", "stepSize": 10}, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`);
  const obj = raw as Record<string, unknown>;
  const type = obj.type;
  if (typeof type !== 'string')
    throw new ScheduleSpecError(`${path}.type`, `is required: one of ${registry.names().join(', ')}`);
  const entry = registry.entry(type);
  if (!entry)
    throw new ScheduleSpecError(`${path}.type`, `unknown schedule '${type}'${didYouMean(type, registry.names())}; known: ${registry.names().join(', ')}`);
  let interval: 'epoch' | 'step' | undefined;
  if (obj.interval !== undefined) {
    if (!root)
      throw new ScheduleSpecError(`${path}.interval`, 'only the top-level spec may set interval (it tells the training loop how often to call step())');
    if (typeof obj.interval !== 'string' || !(INTERVALS as readonly string[]).includes(obj.interval))
      throw new ScheduleSpecError(`${path}.interval`, `expected 'epoch' or 'step', got ${JSON.stringify(obj.interval)}`);
    interval = obj.interval as 'epoch' | 'step';
  }
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (k !== 'type' && k !== 'interval') rest[k] = v;
  const options = entry.parse
    ? entry.parse(rest, path)
    : parseFields(rest, entry.fields, path, (child, p) => parseSpec(child, registry, p, false), ['type', 'interval']);
  entry.check?.(options, path);
  const spec: ParsedSpec = { type, path, options, entry };
  if (interval) spec.interval = interval;
  return spec;
}
