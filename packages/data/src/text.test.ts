import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { decodeText } from './text';

function refusal(bytes: Uint8Array): string {
  try {
    decodeText(bytes, 'f.csv');
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return (err as DataError).message;
  }
  throw new Error('expected a DataError, the bytes decoded');
}

const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Buffer => utf16le(text).swap16();

describe('decodeText: bytes are text only when they are valid text', () => {
  it('refuses Latin-1 bytes naming the line, where U+FFFD would merge café and cafè', () => {
    const latin1 = Buffer.from('a,label\r\n1,x\r\n2,caf\xe9\n3,caf\xe8\n', 'latin1');
    expect(refusal(latin1)).toBe(
      'f.csv: line 3 is not valid UTF-8 text (the file may be Latin-1 or another legacy encoding, or binary); save it as UTF-8',
    );
  });

  it('counts a lone CR as a line end when naming the line', () => {
    expect(refusal(Buffer.from('a\r1\r\n2\n\xff\n', 'latin1'))).toMatch(/^f\.csv: line 4 /);
  });

  it('decodes UTF-8 with or without its BOM, and UTF-16 LE and BE with theirs, to the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\0')), (text) => {
        expect(decodeText(Buffer.from(text, 'utf8'), 'f')).toBe(text);
        expect(decodeText(Buffer.from(`\ufeff${text}`, 'utf8'), 'f')).toBe(text);
        expect(decodeText(utf16le(text), 'f')).toBe(text);
        expect(decodeText(utf16be(text), 'f')).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses broken UTF-16, UTF-32 and NUL characters (binary files)', () => {
    expect(refusal(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]))).toMatch(/UTF-16 byte order mark but is not valid UTF-16/);
    expect(refusal(Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0, 0, 0]))).toMatch(/UTF-32/);
    expect(refusal(Buffer.from('a,b\n1,2\n3\0,4\n'))).toBe('f.csv: line 3 holds a NUL character: a binary file, not CSV text');
    expect(refusal(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]))).toMatch(/binary file/);
  });

  it('gives any bytes either their exact UTF-8 text or a refusal, never a replacement character', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        let text: string;
        try {
          text = decodeText(bytes, 'f');
        } catch (err) {
          expect(err).toBeInstanceOf(DataError);
          return;
        }
        const withoutBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        if (bytes[0] === 0xff && bytes[1] === 0xfe) expect(Buffer.from(text, 'utf16le')).toEqual(Buffer.from(bytes.subarray(2)));
        else if (bytes[0] === 0xfe && bytes[1] === 0xff) expect(Buffer.from(text, 'utf16le').swap16()).toEqual(Buffer.from(bytes.subarray(2)));
        else expect(Buffer.from(text, 'utf8')).toEqual(Buffer.from(withoutBom ? bytes.subarray(3) : bytes));
      }),
      { numRuns: 2000 },
    );
  });
});
