import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The data file ships in the package's `data/` folder, a sibling of both `src/` (tests) and `dist/`
// (ESM and CJS builds), so one relative path serves all three. tsup's shims give the CJS build an
// import.meta.url.
const here = dirname(fileURLToPath(import.meta.url));

/** Absolute path of the embedded Breast Cancer Wisconsin (Diagnostic) CSV: 569 rows, 30 features. */
export const embeddedDataPath: string = join(here, '..', 'data', 'breast-cancer-wisconsin.csv');

/** The target column of the embedded data set. */
export const embeddedTarget = 'diagnosis';
