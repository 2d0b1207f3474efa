// Features held column by column, read row by row: a million-row table's columns as read are laid out as
// each split needs them (row-major, in the split's order) in one sequential pass, without a row-major copy
// of the whole table. The pass reads every column in order and writes each row once to where its split
// wants it: a scattered write is cheaper than a scattered read, which stalls on memory for each row.

const BLOCK_ROWS = 1024;

/**
 * Calls `visit` with the rows of `columns` in order, `BLOCK_ROWS` at a time, as row-major float64 (the
 * bytes a row-major Float64Array of all of them holds). The block is reused: `visit` copies what it keeps.
 */
export function forEachRowBlock(columns: readonly Float64Array[], rows: number, visit: (block: Float64Array, first: number, count: number) => void): void {
  const cols = columns.length;
  const block = new Float64Array(BLOCK_ROWS * cols);
  for (let first = 0; first < rows; first += BLOCK_ROWS) {
    const count = Math.min(rows - first, BLOCK_ROWS);
    for (let j = 0; j < cols; j++) {
      const column = columns[j]!;
      for (let i = 0, k = j; i < count; i++, k += cols) block[k] = column[first + i]!;
    }
    visit(block.subarray(0, count * cols), first, count);
  }
}

/**
 * Row-major float64 copies of the rows each part lists (row numbers of a data set of `rows` rows, in the
 * part's order), filled by `place` from the blocks of forEachRowBlock as they pass. A row belongs to one
 * part at most.
 */
export function partsFromBlocks(rows: number, cols: number, parts: readonly Int32Array[]): { xs: Float64Array[]; place: (block: Float64Array, first: number, count: number) => void } {
  const partOf = new Int8Array(rows).fill(-1);
  const at = new Int32Array(rows);
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    for (let r = 0; r < part.length; r++) {
      const i = part[r]!;
      if (!(i >= 0 && i < rows)) throw new RangeError(`row index ${i} is out of range for a data set of ${rows} rows`);
      if (partOf[i] !== -1) throw new RangeError(`row ${i} is listed twice among the parts`);
      partOf[i] = p;
      at[i] = r;
    }
  }
  const xs = parts.map((part) => new Float64Array(part.length * cols));
  const place = (block: Float64Array, first: number, count: number) => {
    for (let i = 0; i < count; i++) {
      const p = partOf[first + i]!;
      if (p < 0) continue;
      const x = xs[p]!;
      // A loop, not x.set(block.subarray(...)): a view object per row cost more than the copy.
      for (let j = 0, from = i * cols, to = at[first + i]! * cols; j < cols; j++) x[to + j] = block[from + j]!;
    }
  };
  return { xs, place };
}
