import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseJson, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { z } from 'zod';
import { didYouMean, InputFileError, readInputFile } from '@lrkit/io';
import { LOWER_IS_BETTER } from '@lrkit/train/config';
import { SweepInputError } from './errors';
import { pruneSpecProblem } from './prune/spec';
import { checkSearch, refuseUnknownSettings } from './sample/search';
import { distribution, DISTRIBUTION_FORMS } from './sample/space/distribution';
import { sweepFile, TRAIN_FIELDS, type SweepFile } from './schema';

/** A parsed, checked sweep file; `data` paths are made absolute (they are written relative to the file). */
export interface SweepSpec extends SweepFile {
  metric: NonNullable<SweepFile['metric']>;
  mode: NonNullable<SweepFile['mode']>;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}

/** The object schema under optionals, or undefined where `schema` is no object. */
function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  let s = schema;
  while (s instanceof z.ZodOptional) s = s.unwrap();
  return s instanceof z.ZodObject ? (s.shape as Record<string, unknown>) : undefined;
}

/** The field names the sweep file's schema allows at `path`: what an unknown field is compared with. */
function fieldsAt(path: readonly PropertyKey[]): string[] {
  let s: unknown = sweepFile;
  for (const key of path) s = shapeOf(s)?.[String(key)];
  return Object.keys(shapeOf(s) ?? {});
}

/** An unknown key with the known one it is near: `'lrate' (did you mean 'lr'?)`. */
function unknownKeys(keys: readonly string[], known: readonly string[]): string {
  return keys.map((k) => `'${k}'${didYouMean(k, known)}`).join(', ');
}

/**
 * A union (random's distributions) reports every branch's complaint; the branch meant is the one whose
 * key the user wrote, i.e. the one that does not complain about unknown keys.
 */
function innermost(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const meant = issue.errors.find((branch) => !branch.some((i) => i.code === 'unrecognized_keys' || (i.code === 'invalid_type' && i.path.length === 1)));
  const inner = meant?.[0];
  if (!inner) {
    // Each form's one key (`if` and `log` go beside it): what a misspelt form is compared with.
    const written = issue.errors.flat().flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
    const kinds = distribution.options.flatMap((o) => Object.keys(o.shape)).filter((k) => k !== 'if' && k !== 'log');
    const near = written.length > 0 ? didYouMean(written[0]!, kinds) : '';
    return { ...issue, message: `must be ${DISTRIBUTION_FORMS}${near}` };
  }
  return innermost({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue);
}

function describeIssue(outer: z.core.$ZodIssue): string {
  const issue = innermost(outer);
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const where = path === '' ? 'the sweep' : path;
    const known = path === 'train' || path === 'grid' ? ` (train fields: ${TRAIN_FIELDS.join(', ')})` : '';
    return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${unknownKeys(issue.keys, fieldsAt(issue.path))}${known}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array') return `${path}: must list at least one value`;
  return `${path === '' ? 'the sweep' : path}: ${issue.message}`;
}

/**
 * A sweep file from its text; `source` names it in errors (and its folder anchors relative `data` paths).
 * Every problem is a SweepInputError naming the line (bad JSON) or the field.
 */
export function parseSweep(text: string, source: string): SweepSpec {
  // jsonc-parser in strict mode (no comments, no trailing commas) is JSON.parse that says where it failed.
  const errors: ParseError[] = [];
  const raw: unknown = parseJson(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) throw new SweepInputError(`${source}: not JSON (${lineAndColumn(text, first.offset)}: ${printParseErrorCode(first.error)})`);
  refuseUnknownSettings(raw, source, TRAIN_FIELDS);
  const parsed = sweepFile.safeParse(raw);
  if (!parsed.success) {
    // An unknown field first: a misspelt required one (`sample`) is also reported missing, and the typo is the news.
    const { issues } = parsed.error;
    throw new SweepInputError(`${source}: ${describeIssue(issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!)}`);
  }
  // zod rebuilds objects in its schema's key order; the grid is crossed in the order the file wrote it.
  const inFileOrder = <T extends object | undefined>(value: T, written: unknown): T =>
    value && written && typeof written === 'object' ? (Object.fromEntries(Object.keys(written).map((k) => [k, (value as Record<string, unknown>)[k]])) as T) : value;
  const file = raw as { grid?: unknown; random?: unknown; tpe?: unknown };
  const spec = { ...parsed.data, grid: inFileOrder(parsed.data.grid, file.grid), random: inFileOrder(parsed.data.random, file.random), tpe: inFileOrder(parsed.data.tpe, file.tpe) };
  if (spec.grid === undefined) delete spec.grid;
  if (spec.random === undefined) delete spec.random;
  if (spec.tpe === undefined) delete spec.tpe;
  if (!spec.grid && !spec.random && !spec.tpe) throw new SweepInputError(`${source}: give a "grid" or "random" (or both), or "tpe": the sweep has no trials`);
  if (spec.grid && Object.keys(spec.grid).length === 0 && !spec.random) throw new SweepInputError(`${source}: grid: empty (list the values of at least one train field)`);
  checkSearch(spec, source);
  const pruneProblem = spec.prune && pruneSpecProblem(spec.prune);
  if (pruneProblem) throw new SweepInputError(`${source}: ${pruneProblem.field}: ${pruneProblem.why}`);
  const metric = spec.metric ?? 'accuracy';
  const mode = spec.mode ?? (LOWER_IS_BETTER.has(metric) ? 'min' : 'max');
  const base = dirname(resolve(source));
  const absolute = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  return {
    ...spec,
    ...(spec.train?.data !== undefined ? { train: { ...spec.train, data: absolute(spec.train.data) } } : {}),
    ...(spec.grid?.data ? { grid: { ...spec.grid, data: spec.grid.data.map(absolute) } } : {}),
    metric,
    mode,
  };
}

/** The largest sweep file read: a grid of a few thousand values is a few hundred KiB. */
export const MAX_SWEEP_FILE_BYTES = 4 * 1024 * 1024;

/** Reads and parses a sweep file: a regular file of at most MAX_SWEEP_FILE_BYTES (a device or FIFO is refused unread). */
export function readSweepFile(path: string): SweepSpec {
  let text: string;
  try {
    text = readInputFile(path, { what: 'sweep file', maxBytes: MAX_SWEEP_FILE_BYTES }).toString('utf8');
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    throw new SweepInputError(e.reason === 'not found' ? `no such sweep file '${path}'` : e.message);
  }
  return parseSweep(text, path);
}
