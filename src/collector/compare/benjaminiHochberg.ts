/**
 * Benjamini–Hochberg: which of m tests to call discoveries so that, on average, at most `rate`
 * of the discoveries are false. Sort the p-values; the largest k with p(k) ≤ k·rate/m, and every
 * smaller p, are discoveries. A compare answer makes dozens of tests (each vital, measure and
 * function): testing each at 5% alone would call a few of them changed between identical releases.
 */
export function benjaminiHochberg(pValues: readonly number[], rate: number): boolean[] {
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  let cutoff = -1;
  order.forEach(({ p }, rank) => {
    if (p <= ((rank + 1) * rate) / order.length) cutoff = rank;
  });
  const discovered = pValues.map(() => false);
  for (let rank = 0; rank <= cutoff; rank++) discovered[order[rank]?.index ?? 0] = true;
  return discovered;
}
