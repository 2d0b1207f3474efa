// Messages quote what the user gave, but never all of it: a 50 MB CSV cell or a 50 MB string in a spec
// would otherwise become a 50 MB error message. Every error that quotes input goes through these two.

/** The most characters of an input value a message quotes. */
export const EXCERPT_CHARS = 60;

/**
 * Characters a terminal would act on or show as nothing: C0 and C1 controls (an ESC starts a terminal
 * command), DEL, zero-width and direction marks, line and paragraph separators, the byte-order mark. A
 * message writes them as escapes, so `'species\r'` never reads as `'species'` and a hostile cell cannot
 * move the cursor or recolour the screen.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `text` as a message quotes it: whole when short, else its start, '…' and its full length; characters a
 * terminal would hide or act on written as escapes.
 */
export function excerpt(text: string, max: number = EXCERPT_CHARS): string {
  return text.length <= max ? visible(text) : `${visible(start(text, max))}… (${text.length} characters)`;
}

/** The first `max` characters, not cut between the two halves of a surrogate pair. */
function start(text: string, max: number): string {
  return text.slice(0, /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max);
}

/**
 * Any value as a message shows it, excerpted: strings JSON-quoted, other JSON values as JSON, anything else
 * (undefined, a function, a cyclic object) by what it is. For values that are not known to be strings, such
 * as a field of the wrong type or what a plugin threw.
 */
export function showValue(value: unknown, max: number = EXCERPT_CHARS): string {
  if (typeof value === 'string') return value.length <= max ? JSON.stringify(value) : `${JSON.stringify(start(value, max))}… (${value.length} characters)`;
  if (typeof value === 'function') return 'a function';
  // JSON would write NaN and Infinity as null.
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'symbol' || value === undefined) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    // A cycle, a BigInt inside, a throwing toJSON: named by its kind, never stringified further.
  }
  return json === undefined ? Object.prototype.toString.call(value) : excerpt(json, max);
}
