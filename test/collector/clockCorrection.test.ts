import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBeacon, makeView } from '../support/beacons.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { postBeacon } from '../support/httpPost.js';
import { delivery, viewsIn } from '../support/queryApi.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
let collector: CollectorProcess;

beforeAll(async () => {
  collector = await startCollector({ args: ['--rate-ip', '0'] });
});
afterAll(() => collector?.stop());

/**
 * Posts a beacon whose page clock is `error` ms off: its view started 10 s before it was sent,
 * both on that clock. Returns the beacon, the true time the view started, as a range (the
 * moment of arrival is known to the collector only), and the range the beacon arrived in.
 */
async function postFromClockOff(error: number) {
  const before = Date.now();
  const view = makeView({ startedAt: before + error - 10_000 });
  const beacon = makeBeacon({ view, sentAt: before + error });
  const answer = await postBeacon(collector.origin, beacon);
  const after = Date.now();
  return { answer, beacon, started: { from: before - 10_000, to: after - 10_000 }, arrived: { from: before, to: after + 1 } };
}

describe("a page's clock: the collector corrects it by arrival minus sentAt", () => {
  for (const [label, error] of [
    ['two days ahead', 2 * DAY],
    ['three hours behind', -3 * 60 * MINUTE],
    ['eleven months ahead', 330 * DAY],
  ] as const) {
    it(`${label}: stored at the true time, the correction kept with its batch`, async () => {
      const { answer, beacon, started, arrived } = await postFromClockOff(error);
      expect(answer.status, answer.body).toBe(200);
      const [view] = (await viewsIn(collector, { from: started.from - 1, to: started.to + 1 })).filter((found) => found.id === beacon.view.id);
      expect(view?.startedAt).toBeGreaterThanOrEqual(started.from);
      expect(view?.startedAt).toBeLessThanOrEqual(started.to);
      // The batch's own correction: the only batch that arrived then. Its sign is the view's start above.
      const { batches, corrected, largestCorrection } = await delivery(collector, arrived);
      expect([batches, corrected]).toEqual([1, 1]);
      expect(Math.abs(largestCorrection - Math.abs(error))).toBeLessThanOrEqual(started.to - started.from);
    });
  }

  it('within two minutes (the time on the wire): stored as sent, nothing corrected', async () => {
    const { answer, beacon, arrived } = await postFromClockOff(-90_000);
    expect(answer.status).toBe(200);
    const [view] = (await viewsIn(collector, { from: beacon.view.startedAt, to: beacon.view.startedAt + 1 })).filter((found) => found.id === beacon.view.id);
    expect(view?.startedAt).toBe(beacon.view.startedAt);
    expect(await delivery(collector, arrived)).toEqual({ batches: 1, dropped: 0, corrected: 0, largestCorrection: 0 });
  });

  it('more than a year off: not guessed at, refused as before', async () => {
    const ahead = await postFromClockOff(400 * DAY);
    expect(ahead.answer.status).toBe(400);
    expect(JSON.parse(ahead.answer.body).error).toBe('/view/startedAt is in the future');
    const behind = await postFromClockOff(-400 * DAY);
    expect(behind.answer.status).toBe(400);
    expect(JSON.parse(behind.answer.body).error).toBe('/view/startedAt is older than the retention period');
  });
});
