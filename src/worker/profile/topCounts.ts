/**
 * The `k` largest counts (ties: lower index first, so trimming is deterministic), and exactly how
 * much the ones left out add up to.
 */
export function topCounts(counts: Iterable<[index: number, count: number]>, k: number): { top: [number, number][]; other: number } {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const top = sorted.slice(0, k);
  let other = 0;
  for (let i = k; i < sorted.length; i++) other += (sorted[i] as [number, number])[1];
  return { top, other };
}
