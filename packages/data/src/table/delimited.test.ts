// The delimited reader splits plain records itself and reads their numbers from bytes; csv-parse reading
// the whole file is the rule it must keep. Here both read random text and must agree: the same table,
// number for number (bit for bit, -0 included), or the same message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldCountError, forEachRecord, LineIndex, noRowsError } from '../csv';
import { DataError } from '../errors';
import { checkColumnNames, DEFAULT_NA_TOKENS } from './cells';
import { ColumnBuilder } from './column-builder';
import { decimalFromBytes } from './decimal-bytes';
import { readDelimited, sniffDelimiter } from './delimited';
import { parseDecimal } from '../decimal';
import type { RawTable } from './types';

/** The reader as it was before the byte path: every record from csv-parse, every cell a string. */
function viaCsvParseOnly(utf8: Buffer, source: string, na: readonly string[], delimiter?: string): RawTable {
  const sep = delimiter ?? sniffDelimiter(utf8);
  const lineAt = (offset: number) => new LineIndex(utf8).lineAt(offset);
  let names: string[] | undefined;
  let headerStart = 0;
  let columns: ColumnBuilder[] = [];
  let rows = 0;
  let start = 0;
  forEachRecord(
    utf8,
    source,
    (cells, end) => {
      // (Before the byte path, a record after a skipped blank line was said to start on that line.)
      while (start < utf8.length && [0x0a, 0x0d, 0x20, 0x09, 0x0c].includes(utf8[start]!) && utf8[start] !== sep.charCodeAt(0)) start++;
      const recordStart = start;
      start = end;
      if (names === undefined) {
        names = cells;
        checkColumnNames(names, source);
        headerStart = recordStart;
        columns = names.map((name) => new ColumnBuilder(name, new Set(na), source));
        return;
      }
      if (cells.length !== names.length) throw fieldCountError(source, lineAt(recordStart), cells.length, names.length, lineAt(headerStart));
      for (let j = 0; j < cells.length; j++) columns[j]!.add(cells[j]!);
      rows++;
    },
    sep,
  );
  if (names === undefined) throw noRowsError(source, false);
  if (rows === 0) throw noRowsError(source, true);
  return { source, rows, columns: columns.map((c) => c.finish()) };
}

type Outcome = { error: string } | { table: unknown };

function outcome(read: () => RawTable): Outcome {
  try {
    const t = read();
    // Numbers as their bits' text, so that -0 and 0 differ and NaN equals NaN.
    return { table: t.columns.map((c) => ({ ...c, values: c.kind === 'number' ? Array.from(c.values, (v) => (Object.is(v, -0) ? '-0' : String(v))) : c.values })) };
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    return { error: err.message };
  }
}

const pieces = fc.constantFrom(
  ',', ',', ';', '\t', '|', ':', '"', '""', '\n', '\n', '\r', '\r\n', ' ', '  ', '\f', '\v', '\u00a0', 'a', 'é', 'NA', 'null',
  '1', '12.5', '-0', '.5', '+2.', '007', '1e5', '1E-3', '1e400', '1e', '0x1F', '-', '.', 'e', '-999', '1234567890123456789', '0.1000000000000000055511',
);

describe('readDelimited', () => {
  it('reads random text as csv-parse alone does: the same table, number for number, or the same message', () => {
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 60 }),
        fc.constantFrom<string | undefined>(undefined, ',', ';', '\t', ':'),
        fc.constantFrom<readonly string[]>(DEFAULT_NA_TOKENS, ['?', '-999']),
        (parts, delimiter, na) => {
          const bytes = Buffer.from(`a,b;c\td\n${parts.join('')}`);
          expect(outcome(() => readDelimited(bytes, 't.csv', na, delimiter))).toEqual(outcome(() => viaCsvParseOnly(bytes, 't.csv', na, delimiter)));
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('names the line of a short row after a line of blanks (csv-parse skips it; the row is on the next line)', () => {
    expect(() => readDelimited(Buffer.from('a,b\n1,2\n \t \n3\n'), 't.csv', DEFAULT_NA_TOKENS)).toThrow(/^t\.csv: line 4 has 1 field, expected 2/);
  });

  it('reads a quoted run amid plain records, with line numbers counted from the file start', () => {
    const text = 'x,y\n1,2\n"3",4\n"a\nb",5\n6,7\n8,"9"""\n';
    const t = readDelimited(Buffer.from(text), 't.csv', DEFAULT_NA_TOKENS);
    expect(t.columns[0]).toEqual({ name: 'x', kind: 'text', values: ['1', '3', 'a\nb', '6', '8'] });
    expect(t.columns[1]).toEqual({ name: 'y', kind: 'text', values: ['2', '4', '5', '7', '9"'] });
    const bad = Buffer.from('x,y\n1,2\n3,4\n5,"6\n');
    expect(() => readDelimited(bad, 't.csv', DEFAULT_NA_TOKENS)).toThrow(/t\.csv: not valid CSV: Quote Not Closed: .* at line 4/);
    expect(() => viaCsvParseOnly(bad, 't.csv', DEFAULT_NA_TOKENS)).toThrow(/at line 4/);
  });
});

describe('decimalFromBytes', () => {
  it('is parseDecimal on the same text, bit for bit (NaN where parseDecimal says no number)', () => {
    const literal = fc.oneof(
      fc.double({ noNaN: true }).map(String),
      fc.tuple(fc.constantFrom('', '+', '-'), fc.stringMatching(/^\d{0,25}$/), fc.constantFrom('', '.'), fc.stringMatching(/^\d{0,25}$/), fc.constantFrom('', 'e', 'E-', 'e+'), fc.stringMatching(/^\d{0,4}$/)).map((p) => p.join('')),
      fc.string({ unit: fc.constantFrom('0', '1', '9', '.', 'e', '-', '+', 'x', ' ') }),
    );
    fc.assert(
      fc.property(literal, (text) => {
        const bytes = Buffer.from(`#${text}#`);
        const got = decimalFromBytes(bytes, 1, bytes.length - 1);
        const want = parseDecimal(text);
        expect(Object.is(got, want ?? NaN), `${text}: ${got} vs ${want}`).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });
});
