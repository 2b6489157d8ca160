import type { Beacon } from './beacon.js';
import { epochNow } from './epochNow.js';

/**
 * A beacon's JSON as it goes on the wire, `sentAt` stamped now: the collector reads the page's
 * clock error from arrival minus `sentAt`, so a batch sent from the outbox a day after it was cut
 * must say when it was sent, not when it was cut.
 */
export const beaconJson = (batch: Beacon): string => JSON.stringify({ ...batch, sentAt: epochNow() });
