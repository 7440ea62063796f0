// The three rows, reused from call to call: this runs for every candidate of
// every long unknown word, and fresh rows were most of its garbage.
const newRows = (length: number): Int32Array[] => [new Int32Array(length), new Int32Array(length), new Int32Array(length)];
let rows = newRows(64);

/**
 * Restricted Damerau-Levenshtein distance (optimal string alignment: insert,
 * delete, substitute, swap two neighbours; unit costs), the distance natural's
 * `DamerauLevenshteinDistance(a, b, { restricted: true })` computes, bounded:
 * it stops as soon as the distance must exceed `max`. natural's version builds
 * a matrix of objects per call; misspelling checks call this for every
 * candidate of every long unknown word, where it was a third of a lint run.
 *
 * Returns the distance when it is at most `max`, else `max + 1`.
 */
export function boundedOsaDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m) <= max ? Math.max(n, m) : max + 1;
  if (rows[0]!.length <= m) rows = newRows(2 * (m + 1));
  let before = rows[0]!; // row i - 2
  let previous = rows[1]!; // row i - 1
  let current = rows[2]!; // row i
  for (let j = 0; j <= m; j++) previous[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let cost = previous[j - 1]! + (ai === bj ? 0 : 1);
      const del = previous[j]! + 1;
      if (del < cost) cost = del;
      const ins = current[j - 1]! + 1;
      if (ins < cost) cost = ins;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const swap = before[j - 2]! + 1;
        if (swap < cost) cost = swap;
      }
      current[j] = cost;
      if (cost < rowMin) rowMin = cost;
    }
    // Every later cell comes from this row or the one before it (swaps): if both exceed max, so does the result.
    if (rowMin > max && previousMin > max) return max + 1;
    previousMin = rowMin;
    const oldest = before;
    before = previous;
    previous = current;
    current = oldest;
  }
  const d = previous[m]!;
  return d <= max ? d : max + 1;
}
