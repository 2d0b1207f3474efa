// The committed data sets the tests train on (fixtures/DATASETS.md says where they come from).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export const irisPath = join(fixtures, 'iris.csv');
export const winePath = join(fixtures, 'wine.csv');
export const friedmanPath = join(fixtures, 'friedman1.csv');
