import type { Storage } from '../../src/collector/storage/Storage.js';
import { randomId } from '../../src/sdk/randomId.js';
import { makeBeacon, makeEvents, makeView } from '../support/beacons.js';

const DAY = 86_400_000;

/**
 * The benchmarks' data: one beacon per page view (its 13 events, each vital once), spread evenly
 * over the 7 days before `now`: 20 pages, 3 releases, 3 device classes. Returns the page views.
 */
export async function fillDatabase(storage: Storage, eventsWanted: number, now: number): Promise<number> {
  const beaconCount = Math.ceil(eventsWanted / makeEvents().length);
  for (let first = 0; first < beaconCount; first += 1000) {
    const batch = [];
    for (let index = first; index < Math.min(beaconCount, first + 1000); index++) {
      const view = makeView({
        id: randomId(),
        url: `https://shop.example/p${index % 20}`,
        release: `web-${index % 3}`,
        deviceClass: index % 3 === 0 ? 'mobile' : index % 7 === 0 ? 'tablet' : 'desktop',
        startedAt: now - 7 * DAY + Math.floor(((index + 1) * 7 * DAY) / beaconCount) - 60_000,
      });
      batch.push({ beacon: makeBeacon({ id: randomId(), view }, 0.5 + (index % 10) / 5), receivedAt: now });
    }
    await storage.insertBeacons(batch);
  }
  return beaconCount;
}
