import { preview, ScheduleSpecError, type PreviewResult, type Registry } from '@lrkit/schedulers';
import { phaseBoundaries } from './phases.js';
import type { RunSettings } from './settings.js';

/** An error to show beside a spec: the package's own message, and the field path when it names one. */
export interface SpecError {
  message: string;
  /** `schedule.schedulers[1].gamma`, `steps`, ...; absent for errors that name no field. */
  path?: string;
}

export interface SpecRun {
  /** The parsed JSON, when the text is JSON. */
  spec?: unknown;
  result?: PreviewResult;
  error?: SpecError;
  /** Steps where a sequential schedule switches to its next child. */
  phases: number[];
  /** A short name for legends and tabs: the type, with children for composites. */
  label: string;
}

/** Parse the JSON text and run preview() on it: exactly the numbers `lrkit schedule` prints. */
export function runSpec(text: string, settings: RunSettings, registry: Registry): SpecRun {
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (e) {
    return { error: { message: `spec: invalid JSON: ${(e as Error).message}` }, phases: [], label: 'invalid JSON' };
  }
  const label = specLabel(spec);
  try {
    const result = preview(spec, settings, registry);
    return { spec, result, phases: phaseBoundaries(spec), label };
  } catch (e) {
    const error: SpecError = { message: (e as Error).message };
    if (e instanceof ScheduleSpecError && e.path) error.path = e.path;
    return { spec, error, phases: [], label };
  }
}

/** `sequential(linear, cosine-annealing)`; the type alone for leaves. */
export function specLabel(spec: unknown): string {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return 'not a spec';
  const o = spec as Record<string, unknown>;
  const type = typeof o.type === 'string' ? o.type : '(no type)';
  if (Array.isArray(o.schedulers)) return `${type}(${o.schedulers.map(specLabel).join(', ')})`;
  if (o.schedule !== undefined) return `${type}(${specLabel(o.schedule)})`;
  return type;
}
