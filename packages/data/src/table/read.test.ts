import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from '../errors';
import { parseTable, readTable } from './read';
import { toCsv, toNdjson, toParquet, vegaPath, vegaRecords } from './fixtures.test-util';
import { parquetWriteBuffer } from 'hyparquet-writer';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

async function refused(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DataError);
  expect((err as DataError).exitCode).toBe(2);
  return (err as Error).message;
}

describe('readTable: one raw table from every format', () => {
  it('reads penguins.json, and the same records as CSV, TSV, NDJSON and Parquet, into identical tables', async () => {
    const records = vegaRecords('penguins.json');
    const json = await readTable(vegaPath('penguins.json'));
    expect(json.rows).toBe(344);
    expect(json.columns.map((c) => [c.name, c.kind])).toEqual([
      ['Species', 'text'], ['Island', 'text'], ['Beak Length (mm)', 'number'], ['Beak Depth (mm)', 'number'],
      ['Flipper Length (mm)', 'number'], ['Body Mass (g)', 'number'], ['Sex', 'text'],
    ]);
    const sex = json.columns[6]!.values as (string | null)[];
    expect(sex.filter((s) => s === null).length).toBeGreaterThan(0); // gaps
    expect(sex).toContain('.'); // the stray '.' stays a level of its own
    for (const [name, data] of [
      ['p.csv', toCsv(records)],
      ['p.tsv', toCsv(records, '\t')],
      ['p-semicolon.csv', toCsv(records, ';')],
      ['p.ndjson', toNdjson(records)],
      ['p.parquet', toParquet(records)],
    ] as const) {
      const other = await readTable(write(name, data));
      expect({ ...other, source: '' }, name).toEqual({ ...json, source: '' });
    }
  });

  it('reads seattle-weather.csv and the same rows as JSON identically (dates stay text)', async () => {
    const csv = await readTable(vegaPath('seattle-weather.csv'));
    expect(csv.rows).toBe(1461);
    expect(csv.columns[0]).toMatchObject({ name: 'date', kind: 'text' });
    const records = Array.from({ length: csv.rows }, (_, i) => Object.fromEntries(csv.columns.map((c) => [c.name, c.values[i] ?? null])));
    const json = await readTable(write('w.json', JSON.stringify(records)));
    expect({ ...json, source: '' }).toEqual({ ...csv, source: '' });
  });

  it('reads missing-value tokens as gaps, a mixed column as text, and an explicit delimiter', async () => {
    const t = await readTable(write('g.csv', 'a;b;c\n1;x;NA\n2;3;\nN/A;null;4\n'), { delimiter: ';' });
    expect(t.columns[0]).toMatchObject({ kind: 'number' });
    expect(Array.from(t.columns[0]!.values as Float64Array)).toEqual([1, 2, NaN]);
    expect(t.columns[1]).toEqual({ name: 'b', kind: 'text', values: ['x', '3', null] });
    expect(Array.from(t.columns[2]!.values as Float64Array)).toEqual([NaN, NaN, 4]);
    const custom = await readTable(write('g2.csv', 'a,b\n?,1\n2,-999\n'), { na: ['?', '-999'] });
    expect(Array.from(custom.columns[0]!.values as Float64Array)).toEqual([NaN, 2]);
    expect(Array.from(custom.columns[1]!.values as Float64Array)).toEqual([1, NaN]); // a number as a gap token
  });

  it('keeps the encoding rules: UTF-16 with its mark read alike, Latin-1 refused naming the line', async () => {
    const text = 'name,y\ncafé,1\ncafè,2\n';
    const utf8 = await readTable(write('u8.csv', text));
    const utf16 = await readTable(write('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])));
    expect({ ...utf16, source: '' }).toEqual({ ...utf8, source: '' });
    expect(await refused(readTable(write('l1.csv', Buffer.from(text, 'latin1'))))).toMatch(/line 2 is not valid UTF-8/);
  });

  it('keeps the number rules: decimal literals only, magnitudes float32 can square', async () => {
    const hex = await readTable(write('h.csv', 'a,b\n0x1F,1\n2,2\n'));
    expect(hex.columns[0]!.kind).toBe('text'); // not 31
    expect(await refused(readTable(write('big.csv', 'a,b\n1e300,1\n')))).toMatch(/column 'a', data row 1 holds 1e\+300, beyond/);
    expect(await refused(readTable(write('bigj.json', '[{"a": 1e300}]')))).toMatch(/column 'a'/);
  });

  it('drops a column without a name whose every cell is empty (a line ending in a delimiter), refuses one holding a value', async () => {
    // Kaggle's data.csv layout: the header and every row end with a comma; one record quoted (csv-parse's path).
    const trailing = await readTable(write('k.csv', 'id,"diagnosis",x,\r\n1,M,0.5,\r\n2,"B",1.5, \r\n'));
    expect(trailing.rows).toBe(2);
    expect(trailing.columns.map((c) => [c.name, c.kind, [...c.values]])).toEqual([
      ['id', 'number', [1, 2]], ['diagnosis', 'text', ['M', 'B']], ['x', 'number', [0.5, 1.5]],
    ]);
    const middle = await readTable(write('m.csv', 'a,,b\n1,,2\n3,,4\n'), { na: ['NA'] });
    expect(middle.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(await refused(readTable(write('u.csv', 'a,\n1,\n2,x\n')))).toBe(`${dir}/u.csv: a column has an empty name and holds 'x' on line 3; name the column in the header`);
    expect(await refused(readTable(write('u2.csv', 'a,\n1,"y"\n')))).toMatch(/u2\.csv: a column has an empty name and holds 'y' on line 2/);
    expect(await refused(readTable(write('u3.csv', ',\n,\n')))).toMatch(/u3\.csv: a column has an empty name$/);
    expect(await refused(readTable(write('u.json', '[{"": 1}]')))).toMatch(/u\.json: a column has an empty name$/);
  });

  it('refuses what is not a table, naming the file, the line or the column', async () => {
    expect(await refused(readTable('/dev/zero'))).toBe('data file is a device: /dev/zero');
    expect(await refused(readTable(write('n.json', '{"a": 1}')))).toMatch(/n\.json: the JSON is not an array of records \(it is a object\)/);
    expect(await refused(readTable(write('n2.json', '[1, 2]')))).toMatch(/element 1 is a number, not a record/);
    expect(await refused(readTable(write('n3.json', '[{"a": {"b": 1}}]')))).toMatch(/column 'a' holds a nested value \(an object\) in element 1/);
    expect(await refused(readTable(write('n4.ndjson', '{"a": 1}\n{"a": [1]}\n')))).toMatch(/column 'a' holds a nested value \(an array\) in line 2/);
    expect(await refused(readTable(write('n5.ndjson', '{"a": 1}\n{"a": \n')))).toMatch(/line 2 is not valid JSON/);
    expect(await refused(readTable(write('r.csv', 'a,b\n1,2\n3\n')))).toMatch(/r\.csv: line 3 has 1 field, expected 2/);
    expect(await refused(readTable(write('d.csv', 'a,a\n1,2\n')))).toMatch(/the column 'a' appears twice/);
    expect(await refused(readTable(write('e.csv', '')))).toMatch(/e\.csv: the file is empty/);
    expect(await refused(readTable(write('h.csv', 'a,b\n')))).toMatch(/h\.csv: has a header line but no data rows/);
    expect(await refused(readTable(write('e.json', '[]')))).toMatch(/e\.json: holds no records/);
    const nested = parquetWriteBuffer({
      columnData: [{ name: 'id', data: [1, 2] }, { name: 'point', data: [{ x: 1, y: 2 }, { x: 3, y: 4 }] }],
      schema: [
        { name: 'root', num_children: 2 },
        { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
        { name: 'point', num_children: 2, repetition_type: 'REQUIRED' },
        { name: 'x', type: 'INT32', repetition_type: 'REQUIRED' },
        { name: 'y', type: 'INT32', repetition_type: 'REQUIRED' },
      ],
    });
    expect(await refused(readTable(write('nested.parquet', new Uint8Array(nested))))).toMatch(/nested\.parquet: column 'point' is nested/);
    expect(await refused(parseTable(Buffer.from('not parquet at all'), 'x.parquet'))).toMatch(/x\.parquet: not a readable Parquet file/);
    expect(await refused(parseTable(Buffer.from('a,b\n1,2\n'), 't.csv', { delimiter: '::' }))).toMatch(/delimiter '::'/);
  });
});
