import type { AcceptedBeacon } from '../../protocol/beacon.js';

/** Arrival minus send time within this is the network's delay (an upload times out at 30 s), not a clock's error. */
const CLOCK_TOLERANCE_MS = 2 * 60_000;
/**
 * The largest clock error corrected: a device set to the wrong year, day or time zone. A clock
 * further off is not guessed at; such a beacon is then refused as in the future or too old.
 */
export const MAX_CLOCK_CORRECTION_MS = 365 * 86_400_000;

/**
 * A page's epoch times are its device's clock, which is often off by hours or days. `sentAt` is
 * that clock at the moment of sending, so arrival minus `sentAt` is the clock's error: beyond
 * `CLOCK_TOLERANCE_MS` the view's start (and with it every event, timed from it) and `sentAt`
 * are shifted by it. Returns the beacon as stored and the ms added (0 when none).
 */
export function correctClock<B extends AcceptedBeacon>(beacon: B, receivedAt: number): { beacon: B; clockCorrection: number } {
  const error = receivedAt - beacon.sentAt;
  if (Math.abs(error) <= CLOCK_TOLERANCE_MS || Math.abs(error) > MAX_CLOCK_CORRECTION_MS) return { beacon, clockCorrection: 0 };
  const view = { ...beacon.view, startedAt: Math.max(0, beacon.view.startedAt + error) };
  return { beacon: { ...beacon, sentAt: receivedAt, view }, clockCorrection: error };
}
