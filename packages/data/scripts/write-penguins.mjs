// Writes data/examples/penguins.csv from vega-datasets' penguins.json (Palmer Archipelago penguins, CC0):
// the records and column names as they are, gaps included (an empty cell for a missing value, and the one
// '.' the source has for a sex).
// Run: node scripts/write-penguins.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../node_modules/vega-datasets/data/penguins.json', import.meta.url));
const out = fileURLToPath(new URL('../data/examples/penguins.csv', import.meta.url));
const records = JSON.parse(readFileSync(source, 'utf8'));
const cell = (v) => (v === null || v === undefined ? '' : String(v));
const columns = Object.keys(records[0]);
const lines = records.map((r) => columns.map((name) => cell(r[name])).join(','));
writeFileSync(out, `${[columns.join(','), ...lines].join('\n')}\n`);
console.log(`${out}: ${records.length} rows`);
