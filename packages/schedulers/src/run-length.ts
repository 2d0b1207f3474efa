import { ScheduleSpecError } from './errors.js';
import type { ScheduleRun } from './length.js';
import type { NodeRun, ParsedSpec } from './node.js';
import type { RunLength } from './spec/schema.js';
import type { StepInterval } from './types.js';

/** A run-length option the run filled: its field path and value. */
export interface FilledLength {
  option: string;
  value: number;
}

/** A run-length option left out of a spec: its field path and what the run fills it with. */
export interface PendingLength {
  option: string;
  runLength: RunLength;
}

/** Every run-length option left out of the tree, in spec order. */
export function treePending(spec: ParsedSpec): PendingLength[] {
  const out: PendingLength[] = [];
  const walk = (s: ParsedSpec): void => {
    for (const name of s.pending ?? []) out.push({ option: `${s.path}.${name}`, runLength: fieldOf(s, name).runLength! });
    for (const kid of s.entry.children?.(s.options) ?? []) walk(kid);
  };
  walk(spec);
  return out;
}

function fieldOf(s: ParsedSpec, name: string) {
  const f = s.entry.fields.find((x) => x.name === name);
  if (!f?.runLength) throw new Error(`internal: ${s.path}.${name} is pending but no run-length field`);
  return f;
}

/** The run as the top of a schedule sees it: step() calls in its interval (per batch, or per epoch). */
export function nodeRun(run: ScheduleRun, interval: StepInterval): NodeRun {
  if ('steps' in run) return { steps: run.steps };
  return interval === 'step'
    ? { steps: run.epochs * run.stepsPerEpoch, epochs: run.epochs, stepsPerEpoch: run.stepsPerEpoch }
    : { steps: run.epochs, epochs: run.epochs, stepsPerEpoch: 1 };
}

const WHAT: Record<RunLength, string> = { steps: "run's step count", epochs: "run's epochs", stepsPerEpoch: "run's steps per epoch" };

/** The refusal for a length left out where no run (or not this part of it) is known: it names the option and how to give it. */
export function unfilledError(p: PendingLength, known: string): ScheduleSpecError {
  return new ScheduleSpecError(p.option, `is left out, and the ${WHAT[p.runLength]} is not known ${known}: give ${p.option.replace(/^schedule\./, '')} in the spec`);
}

/**
 * The spec with its left-out run lengths written in: a copy along the changed paths only (everything else,
 * functions included, shared with `raw`), or `raw` itself where nothing was left out. Compiling the result
 * gives the same schedule as writing those numbers by hand, since it is the same spec.
 */
export function fillRunLengths(raw: unknown, spec: ParsedSpec, run: NodeRun | null, filled: FilledLength[] = []): unknown {
  let out = raw as Record<string, unknown>;
  const set = (key: string, value: unknown): void => {
    if (out === raw) out = { ...(raw as Record<string, unknown>) };
    out[key] = value;
  };
  for (const name of spec.pending ?? []) {
    const option = `${spec.path}.${name}`;
    const runLength = fieldOf(spec, name).runLength!;
    const value = run?.[runLength];
    if (value === undefined) throw unfilledError({ option, runLength }, run ? `for ${spec.path}` : 'here');
    if (!(value >= 1)) throw new ScheduleSpecError(option, `is left out, and the run leaves it ${value} (a run of no steps, or ${spec.path} starting at or after the run's end): give it in the spec`);
    set(name, value);
    filled.push({ option, value });
  }
  const kids = spec.entry.children?.(spec.options) ?? [];
  if (!kids.length) return out;
  const runs = run && spec.entry.childRuns ? spec.entry.childRuns(spec.options, run) : kids.map(() => null);
  kids.forEach((kid, i) => {
    // The child's place in the raw spec, read off its path: `${spec.path}.field` or `${spec.path}.field[i]`.
    const m = /^\.([A-Za-z_$][\w$]*)(?:\[(\d+)\])?$/.exec(kid.path.slice(spec.path.length));
    if (!m) throw new Error(`internal: child path ${kid.path} is not under ${spec.path}`);
    const [, key, index] = m as unknown as [string, string, string | undefined];
    const container = out[key];
    const rawKid = index === undefined ? container : (container as unknown[])[Number(index)];
    const kidOut = fillRunLengths(rawKid, kid, runs[i] ?? null, filled);
    if (kidOut === rawKid) return;
    if (index === undefined) set(key, kidOut);
    else {
      const list = [...(out[key] as unknown[])];
      list[Number(index)] = kidOut;
      set(key, list);
    }
  });
  return out;
}
