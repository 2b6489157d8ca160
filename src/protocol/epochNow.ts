/**
 * Epoch ms on the clock a page's event times are on: its time origin plus the monotonic time
 * since. `Date.now()` is not that clock: pages override it (an app of a public browser benchmark
 * returns a date in 2023), and it jumps when the device's clock is set while the page runs.
 */
export const epochNow = (): number => Math.round(performance.timeOrigin + performance.now());
