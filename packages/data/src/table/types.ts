// The one in-memory shape every reader produces (CSV, TSV, JSON, NDJSON, Parquet), before any decision
// about what a column means: that is the column plan's job (plan/).

/** A column of numbers; NaN marks a gap. */
export interface NumberColumn {
  name: string;
  kind: 'number';
  values: Float64Array;
}

/** A column holding text (at least one cell that is not a decimal number); null marks a gap. */
export interface TextColumn {
  name: string;
  kind: 'text';
  values: (string | null)[];
}

export type RawColumn = NumberColumn | TextColumn;

/** A table as read: named columns of equal length, in file order. */
export interface RawTable {
  /** What the table was read from, for messages: a file path. */
  source: string;
  rows: number;
  columns: RawColumn[];
}

/** The formats readTable reads. */
export type TableFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'parquet';
