/** The `k` heaviest entries (ties: lower index first, so trimming is deterministic). */
export function heaviest(weights: Iterable<[index: number, weight: number]>, k: number): [number, number][] {
  return [...weights].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
}
