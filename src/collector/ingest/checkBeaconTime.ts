import type { AcceptedBeacon } from '../../protocol/beacon.js';

/** How far ahead of the collector's clock a page's clock may be. */
const MAX_SKEW_MS = 86_400_000;

/**
 * Beacons carry the page's epoch times. One from the future (beyond clock skew) or older than
 * the data the collector keeps is refused; the reason names the field.
 */
export function checkBeaconTime(beacon: AcceptedBeacon, now: number, maxAgeMs: number): string | undefined {
  for (const [field, value] of [
    ['/view/startedAt', beacon.view.startedAt],
    ['/sentAt', beacon.sentAt],
  ] as const) {
    if (value > now + MAX_SKEW_MS) return `${field} is in the future`;
    if (value < now - maxAgeMs) return `${field} is older than the retention period`;
  }
  return undefined;
}
