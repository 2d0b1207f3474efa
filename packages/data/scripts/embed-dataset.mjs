#!/usr/bin/env node
// Writes data/breast-cancer-wisconsin.dataset.json: the embedded CSV parsed by this package's own parseCsv
// with its target, so loadCsv() reads it without parsing (see src/embedded.ts). Run after
// `pnpm --filter @lrkit/data build` whenever the CSV changes; load.test.ts fails until then.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { embeddedDataPath, embeddedTarget, parseCsv } from '../dist/index.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'breast-cancer-wisconsin.dataset.json');
const ds = parseCsv(readFileSync(embeddedDataPath, 'utf8'), { target: embeddedTarget, source: embeddedDataPath });
// JSON writes each float64 in its shortest round-trip form: the numbers come back bit for bit.
const json = { ...ds, x: Array.from(ds.x), y: Array.from(ds.y) };
writeFileSync(`${out}.tmp`, `${JSON.stringify(json)}\n`);
renameSync(`${out}.tmp`, out);
console.log(`wrote ${out}: ${ds.rows} rows, ${ds.cols} features, labels ${ds.labels.join(', ')}`);
