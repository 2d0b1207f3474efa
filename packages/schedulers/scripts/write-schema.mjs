// Writes dist/schema.json, the JSON Schema of every built-in spec, from the built package (run by
// `build` after tsup). src/json-schema.test.ts checks it is what the source generates.
import { writeFileSync, renameSync } from 'node:fs';
import { specJsonSchema } from '../dist/index.js';

const out = new URL('../dist/schema.json', import.meta.url);
const tmp = new URL('../dist/.schema.json.tmp', import.meta.url);
writeFileSync(tmp, `${JSON.stringify(specJsonSchema(), null, 2)}\n`);
renameSync(tmp, out);
