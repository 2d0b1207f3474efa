import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from './types';

// The data files ship in the package's `data/` folder, a sibling of both `src/` (tests) and `dist/`
// (ESM and CJS builds), so one relative path serves all three. tsup's shims give the CJS build an
// import.meta.url.
/** The package's `data/` folder: the embedded data set and the example data sets. */
export const packageDataDir: string = join(dirname(fileURLToPath(import.meta.url)), '..', 'data');

/** Absolute path of the embedded Breast Cancer Wisconsin (Diagnostic) CSV: 569 rows, 30 features. */
export const embeddedDataPath: string = join(packageDataDir, 'breast-cancer-wisconsin.csv');

/** The target column of the embedded data set. */
export const embeddedTarget = 'diagnosis';

/**
 * The embedded CSV as loadCsv parses it with its own target, written ahead of time by
 * `scripts/embed-dataset.mjs` (load.test.ts checks it against a fresh parse of the CSV). JSON.parse reads it
 * in ~2 ms where csv-parse takes ~70 ms of a cold process: most of the seed job's data loading.
 */
export const embeddedDatasetPath: string = join(packageDataDir, 'breast-cancer-wisconsin.dataset.json');

/** The file's layout: a Dataset with plain arrays. */
interface DatasetJson extends Omit<Dataset, 'x' | 'y'> {
  x: number[];
  y: number[];
}

/** The embedded data set from its parsed copy. A malformed copy is a packaging bug, not the user's input. */
export function loadEmbeddedDataset(): Dataset {
  const json = JSON.parse(readFileSync(embeddedDatasetPath, 'utf8')) as DatasetJson;
  if (json.target !== embeddedTarget || json.x.length !== json.rows * json.cols || json.y.length !== json.rows) {
    throw new Error(`internal: ${embeddedDatasetPath} does not hold the embedded data set (run scripts/embed-dataset.mjs)`);
  }
  const { featureNames, target, labels, rows, cols } = json;
  return { featureNames, target, labels, x: Float64Array.from(json.x), y: Int32Array.from(json.y), rows, cols };
}
