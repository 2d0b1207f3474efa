// The one grammar lrkit reads numbers in, from CSV cells and from command-line flags alike: a decimal
// literal. JavaScript's Number() also reads '0x1F', '0b101', '0o7', 'Infinity' and '' (as 0): in a data
// file or a flag those are far more likely a mistake than a number, so they are not numbers here.

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The value of `text` if it is a finite decimal literal (`12`, `-0.5`, `.5`, `1e-3`, `+2.`), else undefined.
 * No surrounding spaces, no hex, binary or octal, no `Infinity`/`NaN`, and nothing that overflows a double.
 */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
