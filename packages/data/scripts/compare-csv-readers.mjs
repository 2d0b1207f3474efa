#!/usr/bin/env node
// Reads one numeric CSV with each candidate reader, each in its own process, round by round (the order
// rotating), and prints median [min..max] of wall time, CPU time (user + system) and peak RSS. Every
// candidate ends with the cells as numbers in memory, so the numbers compare like with like.
//
//   node packages/data/scripts/compare-csv-readers.mjs FILE [--rounds 3] [--modules DIR] [--python PATH]
//
// The libraries compared but not used by lrkit come from DIR/node_modules (`npm i udsv @duckdb/node-api
// csv-parse` there); a candidate whose library is absent is reported so. FILE: any CSV of numbers with a
// header line; the one in docs/measurements.md is 1M rows of lrkit-bench's data suite (writeNumericCsv).
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(import.meta.url);
const dataDist = pathToFileURL(join(here, '..', '..', 'dist', 'index.js')).href;

function flag(args, name, fallback) {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
}

/** Each candidate: code run in a child with `file`, `load(name)` (from --modules) and `parseDecimal`; returns the rows read. */
const CANDIDATES = {
  'lrkit readTable': async ({ file }) => {
    const { readTable } = await import(dataDist);
    return (await readTable(file)).rows;
  },
  'udsv + parseDecimal': async ({ file, load, parseDecimal, readFileSync, columns }) => {
    const { inferSchema, initParser } = await load('udsv');
    const text = readFileSync(file, 'utf8');
    const schema = inferSchema(text.slice(0, 10000));
    for (const c of schema.cols) c.type = 's'; // cells as text: the number rule is parseDecimal's
    const out = columns(schema.cols.length);
    const parser = initParser(schema);
    parser.chunk(text, parser.stringArrs, (row) => out.add(row.map((cell) => parseDecimal(cell.trim()) ?? NaN)));
    parser.end();
    return out.rows;
  },
  'csv-parse stream + parseDecimal': async ({ file, load, parseDecimal, createReadStream, columns }) => {
    const { parse } = await load('csv-parse');
    const records = createReadStream(file).pipe(parse({ trim: true, skip_empty_lines: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }));
    let out;
    for await (const row of records) {
      if (out === undefined) out = columns(row.length);
      else out.add(row.map((cell) => parseDecimal(cell) ?? NaN));
    }
    return out.rows;
  },
  'duckdb DOUBLE (not our number rule)': async ({ file, load }) => duck(load, file, false),
  'duckdb VARCHAR + decimal check': async ({ file, load }) => duck(load, file, true),
};

async function duck(load, file, checked) {
  const { DuckDBInstance } = await load('@duckdb/node-api');
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  const path = `'${file.replace(/'/g, "''")}'`;
  const names = (await (await con.run(`DESCRIBE SELECT * FROM read_csv(${path}, header = true, all_varchar = true)`)).getColumnsJS())[0];
  const decimal = `'^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$'`;
  const select = checked
    ? names.map((c) => `CASE WHEN regexp_full_match(trim("${c}"), ${decimal}) THEN CAST(trim("${c}") AS DOUBLE) END`).join(', ')
    : '*';
  const source = checked ? `read_csv(${path}, header = true, all_varchar = true)` : `read_csv(${path}, header = true, columns = {${names.map((c) => `'${c}': 'DOUBLE'`).join(', ')}})`;
  const result = await con.stream(`SELECT ${select} FROM ${source}`);
  let rows = 0;
  const kept = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (let j = 0; j < chunk.columnCount; j++) kept.push(Float64Array.from(chunk.getColumnVector(j).toArray(), (v) => (v === null ? NaN : v)));
    rows += chunk.rowCount;
  }
  return rows;
}

// pandas' times leave out \`import pandas\` (about 0.5 s): read_csv alone is the bar.
const PANDAS = `
import resource, sys, time
import pandas as pd
t, c = time.perf_counter(), time.process_time()
x = pd.read_csv(sys.argv[1]).to_numpy(dtype='float64')
print('{"rows": %d, "ms": %f, "cpuMs": %f, "rssMb": %f}' % (x.shape[0], (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
`;

async function child(name, file, modules) {
  const { readFileSync, createReadStream } = await import('node:fs');
  const { parseDecimal } = await import(dataDist);
  const require = createRequire(join(modules, 'noop.js'));
  const load = async (m) => import(pathToFileURL(require.resolve(m)).href);
  const columns = (n) => {
    const cols = Array.from({ length: n }, () => []);
    return { rows: 0, add(row) { for (let j = 0; j < n; j++) cols[j].push(row[j]); this.rows++; } };
  };
  const t = performance.now();
  const rows = await CANDIDATES[name]({ file, load, parseDecimal, readFileSync, createReadStream, columns });
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ rows, ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024 }));
}

function runOne(name, file, options) {
  const r = name === 'pandas.read_csv'
    ? spawnSync(options.python, ['-c', PANDAS, file], { encoding: 'utf8' })
    : spawnSync(process.execPath, [here, '--child', name, file, '--modules', options.modules], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const last = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !last?.startsWith('{')) return { error: (r.stderr || r.stdout).trim().split('\n').slice(-1)[0] ?? `exit ${r.status}` };
  return JSON.parse(last);
}

function summary(values) {
  const v = [...values].sort((a, b) => a - b);
  const median = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return { median, min: v[0], max: v[v.length - 1] };
}

async function main(args) {
  if (args[0] === '--child') return child(args[1], args[2], flag(args, '--modules', process.cwd()));
  const file = args[0];
  const rounds = Number(flag(args, '--rounds', '3'));
  const options = { modules: flag(args, '--modules', process.cwd()), python: flag(args, '--python', '/usr/bin/python3') };
  const names = ['pandas.read_csv', ...Object.keys(CANDIDATES)];
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const errors = {};
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + r) % names.length];
      if (errors[name]) continue;
      const s = runOne(name, file, options);
      if (s.error) errors[name] = s.error;
      else samples[name].push(s);
      process.stderr.write(`round ${r + 1}/${rounds} ${name}: ${s.error ?? `${(s.ms / 1000).toFixed(2)} s, ${(s.cpuMs / 1000).toFixed(2)} s CPU`}\n`);
    }
  }
  const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).trim();
  console.log(`${file}, ${rounds} rounds, load average at the end: ${load}`);
  console.log('| reader | wall s, median [min..max] | CPU s (user+sys) | peak RSS MB |');
  console.log('|---|---|---|---|');
  const fmt = (s, d = 2) => `${s.median.toFixed(d)} [${s.min.toFixed(d)}..${s.max.toFixed(d)}]`;
  for (const name of names) {
    const got = samples[name];
    if (got.length === 0) {
      console.log(`| ${name} | ${errors[name]} | | |`);
      continue;
    }
    const ms = summary(got.map((s) => s.ms / 1000));
    const cpu = summary(got.map((s) => s.cpuMs / 1000));
    const rss = summary(got.map((s) => s.rssMb));
    console.log(`| ${name} | ${fmt(ms)} | ${fmt(cpu)} | ${fmt(rss, 0)} |`);
  }
}

await main(process.argv.slice(2));
