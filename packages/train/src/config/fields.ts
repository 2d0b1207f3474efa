// What a train config field may be, in the style of @lrkit/schedulers' option fields: each kind says how a
// value is checked (check.ts), how a flag reads it (apps/cli), what a sweep file may write (@lrkit/sweep) and
// its TypeScript type (below). The fields themselves are the table in table.ts.

interface Common {
  /** One line, for the CLI's help and the sweep file's JSON Schema. */
  description: string;
  /** The value where the field is absent (null: none). */
  default?: unknown;
  /** Said instead of the default where the default depends on the run (the data, another field). */
  defaultText?: string;
  /** null is the field's own value (its default: none, or every core); a sweep file may write it. */
  nullable?: true;
  /** The CLI flag's value placeholder (`--epochs <n>`); each kind has its own otherwise. */
  arg?: string;
  /** false: a setting of one run (where it writes), not one a sweep file sets or searches. */
  searchable?: false;
  /** true: the run's numbers are the same whatever its value, so a checkpoint need not share it to be resumed. */
  sameNumbers?: true;
  /**
   * true: checkpoints and sweep trials made before the field existed do not hold it, and ran as its default
   * does: absent, it is read as its default, and at its default it is left out of a trial's id (absent.ts).
   */
  absentMeansDefault?: true;
  /** Set (and true), it needs this other field (a path, 'checkpoint.dir'); `why` is said with it. */
  needs?: { path: string; why: string };
}

export type Field =
  /** An integer >= 1, at most `max` (what lrkit allows). */
  | (Common & { kind: 'positiveInt'; max?: number })
  /** An integer from 0 to `max`. */
  | (Common & { kind: 'nonNegativeInt'; max: number })
  /** A finite number > 0, or one of `names` (a word that asks lrkit to find the number: 'find'). */
  | (Common & { kind: 'positiveNumber'; names?: readonly string[] })
  /** A finite number >= 0. */
  | (Common & { kind: 'nonNegativeNumber' })
  /** A number below 1, above 0 (or from 0 where `zero`). */
  | (Common & { kind: 'fraction'; zero: boolean })
  /** Two numbers, each from 0 and below 1 (Adam's betas). */
  | (Common & { kind: 'fractionPair' })
  /** A number from 0 and below 1, or a list of them (one per hidden layer: dropout rates). */
  | (Common & { kind: 'rates' })
  /** One of `values`; a default outside them ('auto') is accepted too, and means "choose for me". */
  | (Common & { kind: 'choice'; values: readonly string[] })
  /** A non-empty string: `what` it names, for the message. */
  | (Common & { kind: 'name'; what: string })
  /** A list of strings (column names, gap tokens): non-empty ones unless `emptyItems` (the empty cell is a gap token). */
  | (Common & { kind: 'strings'; what: string; emptyItems?: true })
  /** One character other than a quote or a line break (a CSV delimiter; a tab is one). */
  | (Common & { kind: 'character'; what: string })
  /** A list of integers >= 1, each at most `max` (layer sizes; none is a linear model). */
  | (Common & { kind: 'sizes'; max: number; what: string })
  /** A @lrkit/schedulers spec: checked by the schedulers' own registry, not here. */
  | (Common & { kind: 'spec' })
  | (Common & { kind: 'boolean' })
  /** An object of sub-fields; `required` ones must be there once the object is. */
  | (Common & { kind: 'group'; fields: Readonly<Record<string, SubField>> });

export type SubField = Exclude<Field, { kind: 'group' }> & { required?: true };

export type FieldTable = Readonly<Record<string, Field>>;

/** Checks a table's entries against Field while keeping their literal types (for the derived types below). */
export function defineFields<const T extends FieldTable>(table: T): T {
  return table;
}

// ---- The TypeScript types the table describes. ----

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type Value<F> = F extends { kind: 'positiveNumber'; names: readonly (infer N)[] }
  ? number | N
  : F extends { kind: 'positiveInt' | 'nonNegativeInt' | 'positiveNumber' | 'nonNegativeNumber' | 'fraction' }
  ? number
  : F extends { kind: 'fractionPair' }
    ? [number, number]
    : F extends { kind: 'rates' }
      ? number | number[]
      : F extends { kind: 'choice'; values: readonly (infer V)[] }
    ? V
    : F extends { kind: 'name' | 'character' }
      ? string
      : F extends { kind: 'strings' }
        ? string[]
      : F extends { kind: 'sizes' }
        ? number[]
        : F extends { kind: 'spec' }
          ? unknown
          : F extends { kind: 'boolean' }
            ? boolean
            : F extends { kind: 'group'; fields: infer G }
              ? GroupValue<G>
              : never;

type GroupValue<G> = Simplify<
  { -readonly [K in keyof G as G[K] extends { required: true } ? K : never]: Value<G[K]> } & {
    -readonly [K in keyof G as G[K] extends { required: true } ? never : K]?: Value<G[K]>;
  }
>;

/** What a config may say for a field: a value, null where nullable, its default where that is a name of its own ('auto'). */
type Input<F> = Value<F> | (F extends { nullable: true } ? null : never) | (F extends { kind: 'choice'; default: infer D extends string } ? D : never);

/** The field once resolved: a group has every sub-field filled in (or is null). */
type Resolved<F> = F extends { kind: 'group'; fields: infer G } ? Required<GroupValue<G>> | null : Input<F>;

/** The config a table describes: every field optional. */
export type ConfigInput<T extends FieldTable> = { -readonly [K in keyof T]?: Input<T[K]> };
/** The config with every default filled in. */
export type ConfigResolved<T extends FieldTable> = { -readonly [K in keyof T]: Resolved<T[K]> };
/** A group field's value (checkpoint's `{dir, every?}`). */
export type GroupInput<F> = F extends { kind: 'group'; fields: infer G } ? GroupValue<G> : never;

// ---- Names and words the CLI, the sweep schema and the messages share. ----

/** The placeholder of a field's flag value. */
export function flagArg(field: Field): string {
  if (field.arg !== undefined) return field.arg;
  switch (field.kind) {
    case 'positiveInt':
    case 'nonNegativeInt':
      return 'n';
    case 'fraction':
      return 'f';
    case 'fractionPair':
      return 'f,f';
    case 'rates':
      return 'f|f,f';
    case 'nonNegativeNumber':
      return 'x';
    case 'sizes':
      return 'sizes';
    case 'strings':
      return 'a,b';
    case 'character':
      return 'char';
    case 'spec':
      return 'json|file';
    default:
      return 'value';
  }
}

/** `batchSize` -> `batch-size`; a sub-field's path `checkpoint.every` -> `checkpoint-every`. */
export function kebabCase(path: string): string {
  return path.replace(/\./g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** What a choice field accepts: its values, and its default where that is a name of its own ('auto'). */
export function choiceValues(field: Extract<Field, { kind: 'choice' }>): readonly string[] {
  const d = field.default;
  return typeof d === 'string' && !field.values.includes(d) ? [...field.values, d] : field.values;
}

/** 'a', 'a or b', 'a, b or c'. */
export function orList(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

function showDefault(value: unknown): string | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The field's description and its default: the CLI's help line and the sweep schema's description. */
export function helpText(field: Field): string {
  const d = field.defaultText ?? showDefault(field.default);
  return d === undefined ? field.description : `${field.description} (default: ${d})`;
}
