// The metadata_props lrkit writes into a model and reads back when serving it. Keys are plain names that
// Netron and onnx.load show as they are; JSON holds anything that is not a single string.
import { version as lrkitVersion } from '../../package.json';
import type { Preprocessing } from '../types';
import { planToJSON } from '@lrkit/data';
import { OnnxExportError } from './errors';
import { planInputInfo } from './plan-graph';
import type { OnnxExportMetadata } from './types';

export const META_FEATURE_NAMES = 'feature_names';
export const META_LABELS = 'labels';
export const META_TARGET = 'target';
export const META_LRKIT_VERSION = 'lrkit_version';
/** 'classification' or 'regression'; absent in models from before multi-task export (read as classification). */
export const META_TASK = 'task';

/** A model holding its column plan: the plan (@lrkit/data's JSON) and what each raw graph input takes. */
export const META_COLUMN_PLAN = 'column_plan';
export const META_INPUTS = 'inputs';

const RESERVED = new Set([META_FEATURE_NAMES, META_LABELS, META_TARGET, META_LRKIT_VERSION, META_TASK, META_COLUMN_PLAN, META_INPUTS]);

export interface MetadataEntry {
  key: string;
  value: string;
}

export { lrkitVersion };

/** The entries for metadata_props: lrkit's own first, then the caller's (config, metrics, ...) in key order. */
export function buildMetadataProps(preprocessing: Preprocessing, extra: OnnxExportMetadata = {}): MetadataEntry[] {
  const entries: MetadataEntry[] = [
    { key: META_FEATURE_NAMES, value: JSON.stringify(preprocessing.featureNames) },
    { key: META_LABELS, value: JSON.stringify(preprocessing.labels) },
    { key: META_TARGET, value: preprocessing.target },
    { key: META_LRKIT_VERSION, value: lrkitVersion },
    { key: META_TASK, value: preprocessing.task ?? 'classification' },
  ];
  if (preprocessing.plan !== undefined) {
    entries.push(
      { key: META_COLUMN_PLAN, value: planToJSON(preprocessing.plan) },
      { key: META_INPUTS, value: JSON.stringify(planInputInfo(preprocessing.plan)) },
    );
  }
  for (const key of Object.keys(extra).sort()) {
    const value = extra[key];
    if (value === undefined) continue;
    if (RESERVED.has(key)) {
      throw new OnnxExportError(`metadata key '${key}' is reserved: lrkit writes it from the preprocessing`);
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (text === undefined) {
      throw new OnnxExportError(`metadata '${key}' cannot be stored: it has no JSON form (${typeof value})`);
    }
    entries.push({ key, value: text });
  }
  return entries;
}

/** A JSON array of strings from metadata, or a description of what is wrong with it. */
export function parseStringArray(text: string | undefined, key: string): string[] | string {
  if (text === undefined) return `no '${key}' metadata (the model was not exported by lrkit)`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `metadata '${key}' is not JSON: ${text.slice(0, 80)}`;
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    return `metadata '${key}' is not a JSON array of strings`;
  }
  return value;
}

/**
 * What is wrong with a list of names read from metadata (features or labels), or undefined: every name must
 * be a non-empty string and appear once. A model whose feature_names lists one column 30 times would read
 * every input from that column.
 */
export function namesProblem(names: readonly string[], key: string): string | undefined {
  if (names.length === 0) return `metadata '${key}' names nothing`;
  if (names.some((n) => n.trim() === '')) return `metadata '${key}' holds an empty name`;
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const repeated = [...counts].filter(([, c]) => c > 1);
  if (repeated.length === 0) return undefined;
  const list = repeated.map(([n, c]) => `'${n}' ${c} times`).join(', ');
  return `metadata '${key}' names ${list}; each name must appear once`;
}
