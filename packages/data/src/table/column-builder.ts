// A column built cell by cell, as a reader meets them: numbers in a growing Float64Array while every cell
// is a gap or a decimal literal, text from the first cell that is not. The memory is 8 bytes a cell for a
// numeric column, never a string per cell.
import { MAX_FEATURE_MAGNITUDE } from '../csv';
import { parseDecimal } from '../decimal';
import { DataError } from '../errors';
import type { RawColumn } from './types';

/** Refuses a number beyond MAX_FEATURE_MAGNITUDE (float32's squares must stay finite), naming the column and the data row. */
function checkMagnitude(value: number, source: string, column: string, row: number): void {
  if (!(Math.abs(value) <= MAX_FEATURE_MAGNITUDE)) {
    throw new DataError(
      `${source}: column '${column}', data row ${row + 1} holds ${value}, beyond the ±1.8e19 lrkit can train on ` +
        '(float32, whose squares must stay finite)',
    );
  }
}

/** Distinct cells remembered per text column (an identifier column's cells are all distinct: bounded). */
const MAX_SEEN = 1 << 16;

export class ColumnBuilder {
  private numbers: Float64Array | undefined;
  private text: (string | null)[] | undefined;
  /** Cells added so far. */
  rows = 0;

  private readonly naHoldsNumbers: boolean;

  constructor(
    readonly name: string,
    private readonly na: ReadonlySet<string>,
    private readonly source: string,
    /** Cells expected (an estimate is fine: the column grows past it, and finish() trims it). */
    capacity = 1024,
  ) {
    this.numbers = new Float64Array(Math.max(16, capacity));
    this.naHoldsNumbers = [...na].some((token) => parseDecimal(token) !== undefined);
  }

  /**
   * Whether a decimal literal read straight from a file's bytes may be added with addNumber: false when a
   * gap token is itself a number (then every cell must be compared with the tokens as text).
   */
  get takesBareNumbers(): boolean {
    return !this.naHoldsNumbers;
  }

  /** Adds a finite number read as a decimal literal (what add() does with its text, without the text). */
  addNumber(value: number): void {
    checkMagnitude(value, this.source, this.name, this.rows);
    if (this.numbers === undefined) {
      this.text!.push(levelOf(value));
      this.rows++;
      return;
    }
    if (this.rows === this.numbers.length) this.grow();
    this.numbers[this.rows++] = value;
  }

  private grow(): void {
    const grown = new Float64Array(this.numbers!.length * 2);
    grown.set(this.numbers!);
    this.numbers = grown;
  }

  /**
   * In a text column, what each distinct cell became (its text, its level, or null for a gap): a category
   * repeats over millions of rows, and one string per level is kept instead of one per cell.
   */
  private readonly seen = new Map<string, string | null>();

  /** Adds a cell: text (a CSV cell, a JSON string), a typed number, or null for an absent value. */
  add(cell: string | number | null): void {
    if (this.text !== undefined && typeof cell === 'string') {
      const known = this.seen.get(cell);
      if (known !== undefined) {
        this.text.push(known);
        this.rows++;
        return;
      }
    }
    let value: number | undefined;
    let text: string | null = null;
    if (cell === null) value = NaN;
    else if (typeof cell === 'number') value = cell;
    else {
      text = cell.trim();
      if (this.naHoldsNumbers) value = this.na.has(text) ? NaN : parseDecimal(text);
      else {
        // No gap token is a number, so a number needs no token lookup (most cells of most tables).
        value = parseDecimal(text);
        if (value === undefined && this.na.has(text)) value = NaN;
      }
    }
    if (value !== undefined && !Number.isNaN(value)) checkMagnitude(value, this.source, this.name, this.rows);
    if (this.numbers !== undefined) {
      if (value !== undefined) {
        if (this.rows === this.numbers.length) this.grow();
        this.numbers[this.rows++] = value;
        return;
      }
      this.text = Array.from(this.numbers.subarray(0, this.rows), levelOf);
      this.numbers = undefined;
    }
    const stored = value === undefined ? text : levelOf(value);
    if (typeof cell === 'string' && this.seen.size < MAX_SEEN) this.seen.set(cell, stored);
    this.text!.push(stored);
    this.rows++;
  }

  finish(): RawColumn {
    if (this.numbers !== undefined) {
      // A close estimate of the rows keeps its few spare cells rather than copying the column.
      const values = this.rows >= 0.9 * this.numbers.length ? this.numbers.subarray(0, this.rows) : this.numbers.slice(0, this.rows);
      return { name: this.name, kind: 'number', values };
    }
    return { name: this.name, kind: 'text', values: this.text! };
  }
}

/**
 * In a text column, a number is the level of its value as JavaScript writes it ('007' and '7.0' are '7'),
 * whichever format it came from and wherever it stands in the column; a gap is null.
 */
function levelOf(value: number): string | null {
  return Number.isNaN(value) ? null : String(value);
}
