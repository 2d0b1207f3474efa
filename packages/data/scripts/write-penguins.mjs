// Writes data/examples/penguins.csv from vega-datasets' penguins.json (Palmer Archipelago penguins, CC0):
// the records as they are, gaps included (an empty cell for a missing value, and the one '.' the source
// has for a sex), with the column names written as identifiers so examples can name them.
// Run: node scripts/write-penguins.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../node_modules/vega-datasets/data/penguins.json', import.meta.url));
const out = fileURLToPath(new URL('../data/examples/penguins.csv', import.meta.url));
const COLUMNS = [
  ['species', 'Species'],
  ['island', 'Island'],
  ['beak_length_mm', 'Beak Length (mm)'],
  ['beak_depth_mm', 'Beak Depth (mm)'],
  ['flipper_length_mm', 'Flipper Length (mm)'],
  ['body_mass_g', 'Body Mass (g)'],
  ['sex', 'Sex'],
];
const records = JSON.parse(readFileSync(source, 'utf8'));
const cell = (v) => (v === null || v === undefined ? '' : String(v));
const lines = records.map((r) => COLUMNS.map(([, from]) => cell(r[from])).join(','));
writeFileSync(out, `${[COLUMNS.map(([name]) => name).join(','), ...lines].join('\n')}\n`);
console.log(`${out}: ${records.length} rows`);
