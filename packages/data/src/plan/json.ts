// The plan as JSON, and back with every field checked: a plan read from a model file is input.
import { DataError } from '../errors';
import type { CategoricalStep, ColumnPlan, ColumnStep, NumericStep, PlanTarget } from './types';

export function planToJSON(plan: ColumnPlan): string {
  return JSON.stringify(plan);
}

type Obj = Record<string, unknown>;

function fail(where: string, what: string): never {
  throw new DataError(`column plan: ${where} ${what}`);
}

function obj(v: unknown, where: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(where, 'is not an object');
  return v as Obj;
}

function str(v: unknown, where: string): string {
  if (typeof v !== 'string') fail(where, 'is not a string');
  return v;
}

function num(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(where, 'is not a finite number');
  return v;
}

function bool(v: unknown, where: string): boolean {
  if (typeof v !== 'boolean') fail(where, 'is not true or false');
  return v;
}

function strings(v: unknown, where: string): string[] {
  if (!Array.isArray(v)) fail(where, 'is not a list');
  return v.map((s, i) => str(s, `${where}[${i}]`));
}

function numeric(o: Obj, where: string): NumericStep {
  const scale = num(o.scale, `${where}.scale`);
  if (scale <= 0) fail(`${where}.scale`, 'is not positive');
  return {
    name: str(o.name, `${where}.name`),
    role: 'numeric',
    median: num(o.median, `${where}.median`),
    mean: num(o.mean, `${where}.mean`),
    scale,
    indicator: bool(o.indicator, `${where}.indicator`),
  };
}

function step(v: unknown, where: string): ColumnStep {
  const o = obj(v, where);
  const name = str(o.name, `${where}.name`);
  switch (o.role) {
    case 'numeric':
      return numeric(o, where);
    case 'date': {
      if (!Array.isArray(o.parts)) fail(`${where}.parts`, 'is not a list');
      return { name, role: 'date', parts: o.parts.map((p, i) => numeric(obj(p, `${where}.parts[${i}]`), `${where}.parts[${i}]`)) };
    }
    case 'ignored':
      return { name, role: 'ignored', note: str(o.note, `${where}.note`) };
    case 'categorical': {
      if (o.encoding !== 'one-hot' && o.encoding !== 'embedding') fail(`${where}.encoding`, "is not 'one-hot' or 'embedding'");
      const s: CategoricalStep = {
        name,
        role: 'categorical',
        levels: strings(o.levels, `${where}.levels`),
        missing: bool(o.missing, `${where}.missing`),
        rare: strings(o.rare, `${where}.rare`),
        encoding: o.encoding,
      };
      if (s.encoding === 'embedding') {
        const size = num(o.embeddingSize, `${where}.embeddingSize`);
        if (!Number.isInteger(size) || size < 1) fail(`${where}.embeddingSize`, 'is not a positive integer');
        s.embeddingSize = size;
      }
      if (o.note !== undefined) s.note = str(o.note, `${where}.note`);
      return s;
    }
    default:
      return fail(`${where}.role`, "is not 'numeric', 'categorical', 'date' or 'ignored'");
  }
}

function target(v: unknown): PlanTarget {
  const o = obj(v, 'target');
  const name = str(o.name, 'target.name');
  if (o.task === 'regression') return { name, task: 'regression' };
  if (o.task === 'classification') return { name, task: 'classification', labels: strings(o.labels, 'target.labels') };
  return fail('target.task', "is not 'classification' or 'regression'");
}

/** A plan from its JSON text (or parsed value), checked field by field; a DataError names the bad field. */
export function planFromJSON(json: string | unknown): ColumnPlan {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new DataError(`column plan: not valid JSON: ${(err as Error).message}`, { cause: err });
    }
  }
  const o = obj(value, 'the plan');
  if (o.version !== 1) fail('version', 'is not 1');
  if (!Array.isArray(o.columns)) fail('columns', 'is not a list');
  const dropped = num(o.droppedTargetGaps, 'droppedTargetGaps');
  return {
    version: 1,
    target: target(o.target),
    na: strings(o.na, 'na'),
    columns: o.columns.map((c, i) => step(c, `columns[${i}]`)),
    droppedTargetGaps: dropped,
  };
}
