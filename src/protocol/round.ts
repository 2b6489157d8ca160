/** Milliseconds to 0.1 ms: finer than the browser's own clamping, and short on the wire. */
export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
