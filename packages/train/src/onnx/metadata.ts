// The metadata_props lrkit writes into a model and reads back when serving it. Keys are plain names that
// Netron and onnx.load show as they are; JSON holds anything that is not a single string.
import { version as lrkitVersion } from '../../package.json';
import type { Preprocessing } from '../types';
import { OnnxExportError } from './errors';
import type { OnnxExportMetadata } from './types';

export const META_FEATURE_NAMES = 'feature_names';
export const META_LABELS = 'labels';
export const META_TARGET = 'target';
export const META_LRKIT_VERSION = 'lrkit_version';
/** 'classification' or 'regression'; absent in models from before multi-task export (read as classification). */
export const META_TASK = 'task';

const RESERVED = new Set([META_FEATURE_NAMES, META_LABELS, META_TARGET, META_LRKIT_VERSION, META_TASK]);

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
