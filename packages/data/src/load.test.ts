import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, embeddedDataPath, loadCsv, parseCsv } from './index';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
function file(text: string): string {
  const path = join(dir, `f${fileNo++}.csv`);
  writeFileSync(path, text);
  return path;
}

/** The embedded file's lines, split by hand only to build other layouts of the same data for tests. */
const embeddedLines = readFileSync(embeddedDataPath, 'utf8').trim().split('\n');
const embedded = loadCsv();

function expectSameData(path: string): void {
  const ds = loadCsv(path);
  expect(ds.featureNames).toEqual(embedded.featureNames);
  expect(ds.labels).toEqual(['B', 'M']);
  expect(ds.rows).toBe(569);
  expect(ds.cols).toBe(30);
  expect(Array.from(ds.y)).toEqual(Array.from(embedded.y));
  expect(Array.from(ds.x)).toEqual(Array.from(embedded.x));
}

function dataError(fn: () => unknown): DataError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).exitCode).toBe(2);
    return err as DataError;
  }
  throw new Error('expected a DataError, nothing was thrown');
}

describe('loadCsv: the embedded data set', () => {
  it('has 569 rows, 30 features, B/M encoded B=0, M=1 (212 malignant)', () => {
    expect(embedded.rows).toBe(569);
    expect(embedded.cols).toBe(30);
    expect(embedded.x.length).toBe(569 * 30);
    expect(embedded.target).toBe('diagnosis');
    expect(embedded.labels).toEqual(['B', 'M']);
    expect(embedded.y.reduce((a, b) => a + b, 0)).toBe(212);
    expect(embedded.featureNames[0]).toBe('radius_mean');
    expect(embedded.featureNames[29]).toBe('fractal_dimension_worst');
    expect(embedded.featureNames).not.toContain('diagnosis');
    // First row, M,17.99,10.38,...,0.1189
    expect(embedded.y[0]).toBe(1);
    expect(embedded.x[0]).toBe(17.99);
    expect(embedded.x[1]).toBe(10.38);
    expect(embedded.x[29]).toBe(0.1189);
  });

  it('comes from its parsed copy, bit for bit what parsing the CSV gives (else: node scripts/embed-dataset.mjs)', () => {
    const parsed = parseCsv(readFileSync(embeddedDataPath, 'utf8'), { target: 'diagnosis', source: embeddedDataPath });
    expect({ ...embedded, x: [], y: [] }).toEqual({ ...parsed, x: [], y: [] });
    expect(Buffer.from(embedded.x.buffer).equals(Buffer.from(parsed.x.buffer))).toBe(true);
    expect(Buffer.from(embedded.y.buffer).equals(Buffer.from(parsed.y.buffer))).toBe(true);
    // The CSV's own path is the same data; another target parses the CSV (and meets its M/B column).
    expect(loadCsv(embeddedDataPath)).toEqual(embedded);
    expect(dataError(() => loadCsv(undefined, { target: 'radius_mean' })).message).toMatch(/^the embedded data set: line 2, column 'diagnosis'/);
  });
});

describe('loadCsv: layouts people have', () => {
  it('reads the Kaggle data.csv: id column, quoted headers, a trailing comma on every row, CRLF', () => {
    const [header, ...rows] = embeddedLines;
    const quoted = ['id', ...header!.split(',')].map((h) => `"${h}"`).join(',');
    const text = [`${quoted},`, ...rows.map((r, i) => `${842302 + i},${r},`)].join('\r\n') + '\r\n';
    expectSameData(file(text));
  });

  it('reads the same data with a BOM and with the id column last', () => {
    const [header, ...rows] = embeddedLines;
    const text = '\ufeff' + [`${header},ID`, ...rows.map((r, i) => `${r},${i}`)].join('\n') + '\n';
    expectSameData(file(text));
  });

  it('reads the file as shipped (no id column) from a path', () => {
    expectSameData(file(embeddedLines.join('\n')));
  });

  it('takes any target column, wherever it is, and keeps quoted commas in names', () => {
    const ds = loadCsv(file('"size, cm",weight,kind\n1.5,2,cat\n3,4e1,dog\n-5,.5,cat\n\n'), { target: 'kind' });
    expect(ds.featureNames).toEqual(['size, cm', 'weight']);
    expect(ds.labels).toEqual(['cat', 'dog']);
    expect(Array.from(ds.y)).toEqual([0, 1, 0]);
    expect(Array.from(ds.x)).toEqual([1.5, 2, 3, 40, -5, 0.5]);
  });

  it('encodes labels in sorted order whatever order they appear in', () => {
    const ds = loadCsv(file('y,a\nM,1\nB,2\nM,3\n'), { target: 'y' });
    expect(ds.labels).toEqual(['B', 'M']);
    expect(Array.from(ds.y)).toEqual([1, 0, 1]);
  });
});

describe('loadCsv: bad input is a DataError that says where', () => {
  it('names the line and column of a non-numeric cell', () => {
    const path = file('diagnosis,a,b\nM,1,2\nB,3,abc\n');
    expect(dataError(() => loadCsv(path)).message).toBe(
      `${path}: line 3, column 'b' (column 3) holds 'abc', which is not a finite number`,
    );
  });

  it('refuses NaN and empty cells, naming line and column', () => {
    expect(dataError(() => loadCsv(file('diagnosis,a,b\nM,NaN,2\n'))).message).toMatch(
      /line 2, column 'a' \(column 2\) holds 'NaN', which is not a finite number$/,
    );
    expect(dataError(() => loadCsv(file('diagnosis,a,b\nM,1,2\r\nB,,2\r\n'))).message).toMatch(
      /line 3, column 'a' \(column 2\) is empty$/,
    );
  });

  it('counts lines right with mixed line endings, empty lines and quoted newlines', () => {
    const path = file('\ufeffdiagnosis,a,b\r\n\r\nM,1,"x\r\ny"\nB,2,3\r\r\nM,4,oops\n');
    // line 3 holds a quoted newline (lines 3-4), line 5 is B, line 6 is empty (a lone CR), line 7 is bad.
    expect(dataError(() => loadCsv(path)).message).toMatch(/line 3, column 'b' \(column 3\) holds 'x\\r\\ny'/);
    const later = file('diagnosis,a,b\r\n\r\nM,1,"2"\nB,2,3\r\rM,4,oops\n');
    expect(dataError(() => loadCsv(later)).message).toMatch(/line 6, column 'b' \(column 3\) holds 'oops'/);
  });

  it('names the line and expected field count of a short or long row', () => {
    const short = file('diagnosis,a,b\nM,1,2\nB,3\nM,4,5\n');
    expect(dataError(() => loadCsv(short)).message).toBe(
      `${short}: line 3 has 2 fields, expected 3 (as many as the header on line 1)`,
    );
    expect(dataError(() => loadCsv(file('diagnosis,a,b\nM,1,2\n\nB,3,4,5\n'))).message).toMatch(
      /line 4 has 4 fields, expected 3/,
    );
  });

  it('says when a file is empty or has only a header', () => {
    expect(dataError(() => loadCsv(file(''))).message).toMatch(/the file is empty/);
    expect(dataError(() => loadCsv(file('\n\r\n\n'))).message).toMatch(/the file is empty/);
    expect(dataError(() => loadCsv(file('\ufeff'))).message).toMatch(/the file is empty/);
    expect(dataError(() => loadCsv(file('diagnosis,a,b\n'))).message).toMatch(/has a header line but no data rows/);
  });

  it('reads a file without the target column when the target is optional (rows to predict)', () => {
    const path = file('id,a,b\n1,1,2\n2,3,4\n');
    const ds = loadCsv(path, { targetOptional: true });
    expect(ds.featureNames).toEqual(['a', 'b']);
    expect(Array.from(ds.x)).toEqual([1, 2, 3, 4]);
    expect(ds.labels).toEqual([]);
    expect(ds.y.length).toBe(0);
    // With the target present, an optional target is read as usual.
    expect(loadCsv(undefined, { targetOptional: true }).labels).toEqual(['B', 'M']);
  });

  it('lists the columns there are when the target is missing', () => {
    const path = file('id,label,a,b\n1,M,1,2\n');
    expect(dataError(() => loadCsv(path)).message).toBe(
      `${path}: no target column 'diagnosis'; the columns are: 'label', 'a', 'b'`,
    );
  });

  it('says when the file is missing or a directory', () => {
    const missing = join(dir, 'nope.csv');
    expect(dataError(() => loadCsv(missing)).message).toBe(`data file not found: ${missing}`);
    expect(dataError(() => loadCsv(dir)).message).toBe(`data file is a directory: ${dir}`);
  });

  it('reads numbers as decimal literals only: 0x1F and 0b101 are refused, not read as 31 and 5', () => {
    const path = file('y,a,b\nA,0x1F,1\nB,0b101,2\n');
    expect(dataError(() => loadCsv(path, { target: 'y' })).message).toBe(
      `${path}: line 2, column 'a' (column 2) holds '0x1F', which is not a finite number (numbers are read as decimal literals only)`,
    );
  });

  it('refuses a value finite as a double but beyond float32 training (1e308), naming line and column', () => {
    const path = file('y,a,b\nA,1,2\nB,3,1e308\n');
    expect(dataError(() => loadCsv(path, { target: 'y' })).message).toBe(
      `${path}: line 3, column 'b' (column 3) holds '1e308', beyond the ±1.8e19 lrkit can train on (float32, whose squares must stay finite)`,
    );
    // A square that overflows float32 is refused as well; one that fits is read.
    expect(dataError(() => loadCsv(file('y,a\nA,-2e19\n'), { target: 'y' })).message).toMatch(/holds '-2e19', beyond/);
    expect(Array.from(loadCsv(file('y,a\nA,-1.8e19\n'), { target: 'y' }).x)).toEqual([-1.8e19]);
  });

  it('keeps café and cafè apart: Latin-1 bytes are refused naming the line, UTF-16 with a BOM is read', () => {
    const path = join(dir, 'latin1.csv');
    writeFileSync(path, Buffer.from('a,label\n1,caf\xe9\n2,caf\xe8\n3,x\n', 'latin1'));
    expect(dataError(() => loadCsv(path, { target: 'label' })).message).toBe(
      `${path}: line 2 is not valid UTF-8 text (the file may be Latin-1 or another legacy encoding, or binary); save it as UTF-8`,
    );
    const utf16 = join(dir, 'utf16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,label\r\n1,café\r\n2,cafè\r\n3,x\r\n', 'utf16le')]));
    expect(loadCsv(utf16, { target: 'label' }).labels).toEqual(['cafè', 'café', 'x']);
  });

  it('reports CSV syntax errors with the line', () => {
    expect(dataError(() => loadCsv(file('diagnosis,a\nM,"1\n'))).message).toMatch(/not valid CSV: .*line 2/);
  });

  it('refuses an unnamed column that holds values, duplicate names, an empty label, no features', () => {
    expect(dataError(() => loadCsv(file('diagnosis,a,\nM,1,\nB,2,7\n'))).message).toMatch(
      /column 3 has no name in the header but line 3 holds a value there/,
    );
    expect(dataError(() => loadCsv(file('diagnosis,a,a\nM,1,2\n'))).message).toMatch(
      /names column 'a' twice \(columns 2 and 3\)/,
    );
    expect(dataError(() => loadCsv(file('diagnosis,a\nM,1\n,2\n'))).message).toMatch(
      /line 3, target column 'diagnosis' is empty/,
    );
    expect(dataError(() => loadCsv(file('id,diagnosis\n1,M\n'))).message).toMatch(/no feature columns/);
    expect(dataError(() => loadCsv(undefined, { target: ' ' })).message).toMatch(/target column name is empty/);
  });
});
