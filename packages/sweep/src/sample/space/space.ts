// A sampler block's settings as a search space: each searched key (a train field, or a path into one:
// `schedule.maxLr`, `hidden.0`) with its distribution and condition, checked once when the file is parsed.
import { trainConfigFields, type SearchableField } from '@lrkit/train/config';
import { SweepInputError } from '../../errors';
import { kindOf, type Condition, type Distribution } from './distribution';

/** The fields whose value has parts a key may search on its own: an option of a spec, a layer's size, one of two betas. */
const COMPOUND_KINDS = new Set(['spec', 'sizes', 'fractionPair', 'rates']);
/** Whole numbers: searched with `int` or `choice`, never a continuous range (its draws would be refused). */
const INTEGER_KINDS = new Set(['positiveInt', 'nonNegativeInt']);

export interface SearchParam {
  /** As the file writes it: `lr`, `schedule.maxLr`. */
  key: string;
  /** The train field it sets (`schedule`) and the part of it (`maxLr`; empty: the whole field). */
  field: SearchableField;
  part?: string;
  dist: Distribution;
  /** Where it is searched; undefined: every trial. Each entry: a setting's key and the values it must have. */
  when?: [string, unknown[]][];
}

export interface SearchSpace {
  /** The block's name in the file (`random`, `tpe`), for messages. */
  block: string;
  /** In the file's order, each condition's settings before the settings that depend on them. */
  params: SearchParam[];
}

const isField = (name: string): name is SearchableField => Object.hasOwn(trainConfigFields, name) && (trainConfigFields as Record<string, { searchable?: false }>)[name]!.searchable !== false;

/** A part's value in a setting: `type` of a schedule spec, `0` of a list; undefined where there is none. */
export function partOf(value: unknown, part: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined;
}

/** Two JSON values are equal (a choice's value against an observed one, a condition's value against a setting). */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/** Whether a key names a searchable field or a part of one (`lr`, `schedule.maxLr`), by its field alone. */
export function namesField(key: string): boolean {
  return isField(splitKey(key).field);
}

function splitKey(key: string): { field: string; part: string | undefined } {
  const dot = key.indexOf('.');
  return dot < 0 ? { field: key, part: undefined } : { field: key.slice(0, dot), part: key.slice(dot + 1) };
}

/**
 * The search space of a sampler block (its settings, the block's own options left out), checked: each key a
 * searchable field or one part of a compound one, each range non-empty (a log range above 0), whole-number
 * fields searched with `int` or `choice`, each condition on a setting this sweep searches (in this block
 * before it, or in `grid`) with a value that setting can take. A problem is a SweepInputError naming
 * `<source>: <block>.<key>`.
 */
export function searchSpace(block: string, settings: Record<string, Distribution>, source: string, gridFields: readonly string[] = []): SearchSpace {
  const params: SearchParam[] = [];
  const fail = (key: string, why: string) => new SweepInputError(`${source}: ${block}.${key}: ${why}`);
  for (const [key, dist] of Object.entries(settings)) {
    const { field, part } = splitKey(key);
    if (!isField(field)) throw new SweepInputError(`${source}: ${block}: unknown field '${key}'`);
    const spec = trainConfigFields[field];
    if (part !== undefined) {
      if (!COMPOUND_KINDS.has(spec.kind)) throw fail(key, `'${field}' has no parts to search (only a schedule's options, a layer of hidden, one of betas or dropout's rates)`);
      if (spec.kind !== 'spec' && !/^(0|[1-9]\d{0,2})$/.test(part)) throw fail(key, `'${part}' is not a position in ${field}'s list (0, 1, ...)`);
      if (part === '' || part.includes('.')) throw fail(key, 'a path one level deep: <field>.<option>');
    }
    checkRange(dist, key, fail);
    const integer = INTEGER_KINDS.has(spec.kind) || (spec.kind === 'sizes' && part !== undefined);
    if (integer && ('uniform' in dist || 'logUniform' in dist)) throw fail(key, `${key} is a whole number: search it with {"int": [low, high]} or {"choice": [...]}`);
    const when = dist.if === undefined ? undefined : checkCondition(dist.if, key, params, gridFields, fail);
    params.push({ key, field, ...(part !== undefined ? { part } : {}), dist, ...(when ? { when } : {}) });
  }
  return { block, params };
}

function checkRange(dist: Distribution, key: string, fail: (key: string, why: string) => SweepInputError): void {
  const kind = kindOf(dist);
  if (kind === 'choice') return;
  const [low, high] = (dist as unknown as Record<string, [number, number]>)[kind]!;
  const at = `${key}.${kind}`;
  if (!Number.isFinite(low) || !Number.isFinite(high)) throw fail(at, `bounds must be finite numbers, got [${low}, ${high}]`);
  if (!(low < high)) throw fail(at, `an empty range: low must be below high, got [${low}, ${high}]`);
  if (kind === 'logUniform' && !(low > 0)) throw fail(at, `a log range must lie above 0 (log of ${low} is undefined), got [${low}, ${high}]`);
  if (kind === 'int' && 'log' in dist && dist.log && !(low >= 1)) throw fail(at, `a log range of integers starts at 1 or above, got [${low}, ${high}]`);
}

function checkCondition(
  cond: Condition,
  key: string,
  before: readonly SearchParam[],
  gridFields: readonly string[],
  fail: (key: string, why: string) => SweepInputError,
): [string, unknown[]][] {
  const entries = Object.entries(cond);
  if (entries.length === 0) throw fail(`${key}.if`, 'an empty condition: name a setting and its value, or leave "if" out');
  return entries.map(([on, wanted]) => {
    const values = Array.isArray(wanted) ? wanted : [wanted];
    const { field, part } = splitKey(on);
    if (!isField(field)) throw fail(`${key}.if`, `a condition on '${on}', which is not a train field`);
    const parent = before.find((p) => p.key === on || (p.part === undefined && p.field === field));
    if (!parent && !gridFields.includes(field)) throw fail(`${key}.if`, `a condition on '${on}', which this sweep does not search (search it before '${key}', or leave the condition out)`);
    if (parent?.when) throw fail(`${key}.if`, `a condition on '${on}', which is itself conditional (one level of conditions)`);
    if (parent && 'choice' in parent.dist) {
      const seen = parent.dist.choice.map((v) => (parent.key === on ? v : partOf(v, part ?? '')));
      if (!values.some((v) => seen.some((s) => sameValue(s, v)))) throw fail(`${key}.if`, `never holds: '${on}' is never ${values.map((v) => JSON.stringify(v)).join(' or ')} (it is one of ${JSON.stringify([...new Set(seen.map((s) => JSON.stringify(s)))].map((s) => JSON.parse(s) as unknown))})`);
    }
    return [on, values];
  });
}

/** A setting's value in a config, by key (`lr`, `schedule.type`); the table's default where the config has none. */
export function settingOf(config: Record<string, unknown>, key: string): unknown {
  const { field, part } = splitKey(key);
  const whole = config[field] ?? (trainConfigFields as Record<string, { default?: unknown }>)[field]?.default;
  return part === undefined ? whole : partOf(whole, part);
}

/** Whether a parameter is searched in a trial whose settings so far are `config`. */
export function isActive(param: Pick<SearchParam, 'when'>, config: Record<string, unknown>): boolean {
  return (param.when ?? []).every(([on, values]) => values.some((v) => sameValue(settingOf(config, on), v)));
}

/**
 * `config` with a parameter's value laid over it: a whole field replaced, or one part of it (a schedule's
 * option, a layer's size) set in a copy of the field's value (the config's, else the table's default).
 */
export function withParam(config: Record<string, unknown>, param: Pick<SearchParam, 'field' | 'part'>, value: unknown): Record<string, unknown> {
  if (param.part === undefined) return { ...config, [param.field]: value };
  const whole = settingOf(config, param.field);
  if (Array.isArray(whole)) {
    const copy = [...(whole as unknown[])];
    copy[Number(param.part)] = value;
    return { ...config, [param.field]: copy };
  }
  if (whole !== null && typeof whole === 'object') return { ...config, [param.field]: { ...whole, [param.part]: value } };
  // A number (one dropout rate for every layer) has no parts: the trial's check names the field.
  return { ...config, [param.field]: { [param.part]: value } };
}

/** `base` (the file's `train`, a grid point) with a trial's searched settings laid over it, in the space's order. */
export function configWith<C extends object>(space: SearchSpace, base: C | undefined, params: Record<string, unknown>): C {
  let config = { ...base } as Record<string, unknown>;
  for (const p of space.params) if (Object.hasOwn(params, p.key)) config = withParam(config, p, params[p.key]);
  return config as C;
}
