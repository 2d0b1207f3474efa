import type { PluginOptionDoc } from '@lrkit/schedulers';

/**
 * How the form edits one option, read from the option docs that `Registry#list()` publishes (the
 * package writes the `type` label from its one option schema, spec/schema.ts). Plugin options carry free
 * labels; anything not recognised here is edited as JSON, and the package validates it either way.
 */
export type FieldKind =
  | { kind: 'number'; integer: boolean; nullable: boolean }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: string[] }
  /** a number, or one per param group */
  | { kind: 'perGroup' }
  | { kind: 'list'; integer: boolean }
  | { kind: 'spec' }
  | { kind: 'specList' }
  /** functions: the programmatic API only, not JSON */
  | { kind: 'programmatic' }
  | { kind: 'json' };

const ENUM = /^'[^']*'(?: \| '[^']*')*$/;

export function fieldKind(doc: PluginOptionDoc): FieldKind {
  const t = doc.type.trim();
  switch (t) {
    case 'number':
    case 'integer':
      return { kind: 'number', integer: t === 'integer', nullable: false };
    case 'number | null':
    case 'integer | null':
      return { kind: 'number', integer: t.startsWith('integer'), nullable: true };
    case 'boolean':
      return { kind: 'boolean' };
    case 'number | number[] (per group)':
      return { kind: 'perGroup' };
    case 'integer[]':
    case 'number[]':
      return { kind: 'list', integer: t === 'integer[]' };
    case 'spec':
      return { kind: 'spec' };
    case 'spec[]':
      return { kind: 'specList' };
  }
  if (t.startsWith('function')) return { kind: 'programmatic' };
  if (ENUM.test(t)) return { kind: 'enum', values: t.split(' | ').map((v) => v.slice(1, -1)) };
  return { kind: 'json' };
}

/**
 * A number as typed: a JS number where it is one, else any other JSON value it spells (`null`, `"90"`),
 * else the text itself; the package then refuses what is not a number, by name.
 */
function scalar(text: string): unknown {
  const t = text.trim();
  const n = Number(t);
  if (t !== '' && Number.isFinite(n)) return n;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return t;
  }
}

/** A string that looks like a number is quoted, so `"90"` (a string, an error) does not pass for 90. */
function stringText(v: string): string {
  return v.trim() !== '' && Number.isFinite(Number(v)) ? JSON.stringify(v) : v;
}

/** The text an input shows for a value (`undefined`: empty, the default shows as a placeholder). */
export function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? stringText(v) : JSON.stringify(v))).join(', ');
  if (typeof value === 'string') return stringText(value);
  return JSON.stringify(value);
}

/** The value an input's text stands for; `undefined` removes the option (its default applies). */
export function textValue(kind: FieldKind, text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  switch (kind.kind) {
    case 'number':
      return scalar(t);
    case 'perGroup':
      return t.includes(',') ? t.split(',').map(scalar) : scalar(t);
    case 'list':
      return t.replace(/^\[|\]$/g, '').split(',').filter((p) => p.trim() !== '').map(scalar);
    default:
      try {
        return JSON.parse(t) as unknown;
      } catch {
        return t;
      }
  }
}
