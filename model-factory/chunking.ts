/**
 * Splits `rows` into consecutive chunks whose parameter cost stays within `budget`, keeping input order.
 * `costOf(row)` is what one row binds; for rows of plain values that is the table's column count, so every
 * chunk but the last holds `floor(budget / columns)` rows. A row costing more than `budget` cannot fit any
 * statement: `costOf` should reject it.
 */
export function splitIntoChunks<TRow>(
  rows: readonly TRow[],
  budget: number,
  costOf: (row: TRow, index: number) => number,
): TRow[][] {
  const chunks: TRow[][] = [];
  let chunk: TRow[] = [];
  let spent = 0;
  rows.forEach((row, index) => {
    const cost = costOf(row, index);
    if (spent + cost > budget && chunk.length > 0) {
      chunks.push(chunk);
      chunk = [];
      spent = 0;
    }
    chunk.push(row);
    spent += cost;
  });
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
