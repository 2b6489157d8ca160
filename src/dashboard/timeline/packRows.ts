/** Rows for spans so that none overlaps another in its row: each goes to the first row free at its start. */
export function packRows(spans: readonly { start: number; duration: number }[], minGap: number): number[] {
  const ends: number[] = [];
  return spans.map(({ start, duration }) => {
    let row = ends.findIndex((end) => end <= start);
    if (row < 0) row = ends.push(0) - 1;
    ends[row] = start + Math.max(duration, minGap);
    return row;
  });
}
