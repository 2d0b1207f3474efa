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

/** A number as typed: a JS number where it is one, else the text itself, which the package then refuses by name. */
function scalar(text: string): unknown {
  const t = text.trim();
  if (t === 'null') return null;
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : t;
}

/** The text an input shows for a value (`undefined`: empty, the default shows as a placeholder). */
export function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  if (typeof value === 'string') return value;
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
