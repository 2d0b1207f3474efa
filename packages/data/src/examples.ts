import { join } from 'node:path';
import { didYouMean, showValue } from '@lrkit/io';
import { embeddedTarget, packageDataDir } from './embedded';
import { DataError } from './errors';

/** What an example data set is for: its target column and the task it makes. */
export interface ExampleDataInfo {
  /** The file's name in the package's `data/` folder. */
  file: string;
  target: string;
  task: 'classification' | 'regression';
  rows: number;
  /** One line: what the rows are, and what the table shows a user. */
  about: string;
}

/**
 * The data sets that ship in the package, small enough to install with it, so that an example or a
 * benchmark runs from `npm install` alone. Provenance and licences: data/examples/README.md.
 */
export const EXAMPLE_DATA = {
  'breast-cancer': {
    file: 'breast-cancer-wisconsin.csv',
    target: embeddedTarget,
    task: 'classification',
    rows: 569,
    about: 'Breast Cancer Wisconsin (Diagnostic): 30 numeric features, B/M (the default data set)',
  },
  iris: { file: 'examples/iris.csv', target: 'species', task: 'classification', rows: 150, about: 'Fisher\'s iris: 4 numeric features, 3 classes' },
  wine: { file: 'examples/wine.csv', target: 'cultivar', task: 'classification', rows: 178, about: 'wine recognition: 13 numeric features, 3 cultivars' },
  friedman1: {
    file: 'examples/friedman1.csv',
    target: 'y',
    task: 'regression',
    rows: 1000,
    about: 'Friedman #1 (synthetic regression): 8 numeric features, 5 of them informative',
  },
  penguins: {
    file: 'examples/penguins.csv',
    target: 'Species',
    task: 'classification',
    rows: 344,
    about: 'Palmer penguins: text columns (Island, Sex) and gaps beside 4 measurements, 3 species',
  },
} as const satisfies Record<string, ExampleDataInfo>;

export type ExampleDataName = keyof typeof EXAMPLE_DATA;

export const EXAMPLE_DATA_NAMES = Object.keys(EXAMPLE_DATA) as ExampleDataName[];

function isExampleName(name: unknown): name is ExampleDataName {
  return typeof name === 'string' && Object.hasOwn(EXAMPLE_DATA, name);
}

/** The example data set's description; an unknown name is a DataError listing the names. */
export function exampleDataInfo(name: ExampleDataName): ExampleDataInfo;
export function exampleDataInfo(name: string): ExampleDataInfo;
export function exampleDataInfo(name: string): ExampleDataInfo {
  if (!isExampleName(name)) {
    const typo = typeof name === 'string' ? didYouMean(name, EXAMPLE_DATA_NAMES) : '';
    throw new DataError(`unknown example data set ${showValue(name)}${typo}; the examples are ${EXAMPLE_DATA_NAMES.join(', ')}`);
  }
  return EXAMPLE_DATA[name];
}

/**
 * The absolute path of an example data set that ships in this package (a CSV with a header; the target is
 * `exampleDataInfo(name).target`): `train({ data: exampleData('iris'), target: 'species' })`.
 */
export function exampleData(name: ExampleDataName): string;
export function exampleData(name: string): string;
export function exampleData(name: string): string {
  return join(packageDataDir, exampleDataInfo(name).file);
}
