// Bytes become text only when they are valid text. A Latin-1 'é' read as UTF-8 silently becomes U+FFFD,
// which merges labels such as 'café' and 'cafè' into one class; so invalid bytes are refused, naming the
// line, instead of being replaced. A byte order mark says which encoding a file is in: UTF-8's is dropped,
// UTF-16's is decoded as such (Excel's "Unicode text"), UTF-32's is refused. A NUL character marks a binary
// file, never CSV text.
import { isUtf8 } from 'node:buffer';
import { DataError } from './errors';

const BOMS: readonly { bytes: readonly number[]; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32' }[] = [
  // UTF-32 LE's mark begins with UTF-16 LE's, so it is tried first.
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'utf-32' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'utf-32' },
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** 1-based line that starts right after `before`; CRLF, LF and CR each end a line, as the CSV reader counts. */
function lineAfter(before: string): number {
  return before.split(/\r\n|\n|\r/).length;
}

/** The first line of `bytes` that is not valid UTF-8, or 0. LF and CR never occur inside a UTF-8 sequence, so each line is valid or not on its own. */
function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) continue;
    if (!isUtf8(bytes.subarray(start, i))) return lineAfter(Buffer.from(bytes.subarray(0, start)).toString('latin1'));
    start = i + 1;
  }
  return 0;
}

/**
 * The text in `bytes` (read from `source`, named in messages) as UTF-8 bytes without a byte order mark:
 * UTF-8 input is returned as a view of `bytes` (no copy), UTF-16 input (with its mark) re-encoded.
 * Anything else is a DataError naming the line.
 */
export function decodeToUtf8(bytes: Uint8Array, source: string): Buffer {
  const bom = BOMS.find((b) => b.bytes.length <= bytes.length && b.bytes.every((x, i) => bytes[i] === x));
  let utf8: Buffer;
  if (bom?.encoding === 'utf-32') {
    throw new DataError(`${source}: the file is UTF-32 text (by its byte order mark); save it as UTF-8`);
  } else if (bom?.encoding === 'utf-16le' || bom?.encoding === 'utf-16be') {
    let text: string;
    try {
      text = new TextDecoder(bom.encoding, { fatal: true }).decode(bytes.subarray(2));
    } catch {
      throw new DataError(`${source}: the file starts with a UTF-16 byte order mark but is not valid UTF-16; save it as UTF-8`);
    }
    utf8 = Buffer.from(text, 'utf8');
  } else {
    const body = bom ? bytes.subarray(bom.bytes.length) : bytes;
    // isUtf8 is native and fast; the line-by-line search runs only to name the line of a file already refused.
    const bad = isUtf8(body) ? 0 : firstInvalidUtf8Line(body);
    if (bad > 0) {
      throw new DataError(
        `${source}: line ${bad} is not valid UTF-8 text (the file may be Latin-1 or another legacy encoding, or binary); save it as UTF-8`,
      );
    }
    utf8 = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }
  // NUL is one byte in UTF-8 and never part of another character's encoding.
  const nul = utf8.indexOf(0);
  if (nul >= 0) {
    const line = lineAfter(utf8.subarray(0, nul).toString('latin1'));
    throw new DataError(`${source}: line ${line} holds a NUL character: a binary file, not CSV text`);
  }
  return utf8;
}

/** decodeToUtf8 as a string: UTF-8 (BOM or not) or UTF-16 with its BOM, else a DataError naming the line. */
export function decodeText(bytes: Uint8Array, source: string): string {
  return decodeToUtf8(bytes, source).toString('utf8');
}
