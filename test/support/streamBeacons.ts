import type { Beacon } from '../../src/protocol/beacon.js';
import { makeBeacon } from './beacons.js';
import type { CollectorProcess } from './collectorProcess.js';
import { postBeacon } from './httpPost.js';

/**
 * Several clients post beacons as fast as they can until the collector goes away; `acknowledged`
 * holds the beacons it answered with a 2xx.
 */
export function streamBeacons(collector: CollectorProcess, clients = 32) {
  const acknowledged: Beacon[] = [];
  let running = true;
  const client = async () => {
    while (running) {
      const beacon = makeBeacon();
      try {
        const answer = await postBeacon(collector.origin, beacon);
        if (answer.status >= 200 && answer.status < 300) acknowledged.push(beacon);
      } catch {
        running = false;
      }
    }
  };
  const done = Promise.all(Array.from({ length: clients }, client));
  const stop = async () => {
    running = false;
    await done;
  };
  return { acknowledged, stop };
}
