const SAMPLE_KEY = 'pageprof.sample';

/**
 * Whether this session is measured at `rate` (0..1). One random draw is kept per session in
 * `sessionStorage`, beside the session id, so every page view of a session gets the same answer
 * (and a higher rate keeps every session a lower one kept). Where storage is blocked each page
 * view draws for itself.
 */
export function isSampled(rate: number): boolean {
  if (rate >= 1) return true;
  let draw = Math.random();
  try {
    const kept = parseFloat(sessionStorage.getItem(SAMPLE_KEY) ?? '');
    if (kept >= 0 && kept < 1) draw = kept;
    else sessionStorage.setItem(SAMPLE_KEY, String(draw));
  } catch {
    // Storage blocked: this page view decides alone.
  }
  return draw < rate;
}
