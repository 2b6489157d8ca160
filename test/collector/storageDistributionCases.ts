import { expect, it } from 'vitest';
import type { Beacon, MeasureEvent, VitalEvent } from '../../src/protocol/beacon.js';
import type { HistogramBin, Storage } from '../../src/collector/storage/Storage.js';
import { bucketValue, histogramBucket } from '../../src/collector/storage/histograms/histogramBucket.js';
import { makeBeacon, makeProfileEvent, makeView } from '../support/beacons.js';

const HOUR = 3_600_000;

/**
 * The reference histogram: `bins` bins `width` wide from 0, the last taking the tail, empty bins
 * left out; from the hourly summaries, of each value read as its histogram bucket's.
 */
function histogramOf(values: number[], width: number, bins: number, approximate: boolean): HistogramBin[] {
  const counts = new Map<number, number>();
  for (const value of approximate ? values.map((exact) => bucketValue(histogramBucket(exact))) : values) {
    const index = Math.min(Math.floor(value / width), bins - 1);
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([index, count]) => ({ start: index * width, count, ...(approximate ? { approximate: true as const } : {}) }));
}

/** 20 page views over two releases and two pages, their timings stretched differently so that values spread over the bins. */
function spread(now = Date.now()): Beacon[] {
  return Array.from({ length: 20 }, (_, index) =>
    makeBeacon(
      {
        view: makeView({
          startedAt: now - (20 - index) * HOUR,
          release: index < 12 ? 'web-1' : 'web-2',
          url: `https://shop.example/${index % 4 ? 'products' : 'cart'}`,
        }),
      },
      0.2 + ((index * 13) % 20) / 5,
    ),
  );
}

/** The contract's cases of distributions: histograms of vitals and measures, releases' first and latest views, a view's profiles. */
export function storageDistributionCases(storage: () => Storage, { approximate }: { approximate: boolean }): void {
  const insert = (beacons: Beacon[]) => storage().insertBeacons(beacons.map((beacon) => ({ beacon, receivedAt: Date.now() })));
  const values = (beacons: Beacon[], vital: string) =>
    beacons.flatMap((beacon) =>
      beacon.events.filter((event): event is VitalEvent => event.type === 'vital' && event.name === vital).map((event) => event.value),
    );

  it('bins a vital’s values, the last bin taking the tail, as a reference computation does, under a filter too', async () => {
    const beacons = spread();
    await insert(beacons);
    expect(await storage().vitalHistogram('demo', 'LCP', 500, 10, {})).toEqual(histogramOf(values(beacons, 'LCP'), 500, 10, approximate));
    // A CLS score, with a width that is not a whole number.
    expect(await storage().vitalHistogram('demo', 'CLS', 0.0125, 40, {})).toEqual(histogramOf(values(beacons, 'CLS'), 0.0125, 40, approximate));
    const cart = beacons.filter((beacon) => beacon.view.url.endsWith('/cart'));
    expect(await storage().vitalHistogram('demo', 'INP', 25, 40, { page: 'https://shop.example/cart' })).toEqual(
      histogramOf(values(cart, 'INP'), 25, 40, approximate),
    );
    expect(await storage().vitalHistogram('other', 'LCP', 500, 10, {})).toEqual([]);
  });

  it('bins a measure’s durations, as a reference computation does, for one release too', async () => {
    const beacons = spread();
    await insert(beacons);
    const durations = (of: Beacon[]) =>
      of.flatMap((beacon) =>
        beacon.events.filter((event): event is MeasureEvent => event.type === 'measure' && event.name === 'load products').map((event) => event.duration),
      );
    expect(await storage().measureHistogram('demo', 'load products', 40, 12, {})).toEqual(histogramOf(durations(beacons), 40, 12, approximate));
    expect(await storage().measureHistogram('demo', 'load products', 40, 12, { release: 'web-2' })).toEqual(
      histogramOf(durations(beacons.filter((beacon) => beacon.view.release === 'web-2')), 40, 12, approximate),
    );
    expect(await storage().measureHistogram('demo', 'no such measure', 40, 12, {})).toEqual([]);
  });

  it("gives each release its first and latest page view and its views, the newest first, and no other site's", async () => {
    const beacons = spread();
    await insert([...beacons, makeBeacon({ site: 'other', view: makeView({ release: 'web-9' }) })]);
    const expected = ['web-2', 'web-1'].map((release) => {
      const starts = beacons.filter((beacon) => beacon.view.release === release).map((beacon) => beacon.view.startedAt);
      return { release, firstSeen: Math.min(...starts), lastSeen: Math.max(...starts), views: starts.length };
    });
    expect(await storage().releases('demo', 10)).toEqual(expected);
    expect(await storage().releases('demo', 1)).toEqual(expected.slice(0, 1));
  });

  it("gives a page view's profile windows and the spans their samples went to, with the time sampled in each, and no other site's", async () => {
    const beacon = makeBeacon({ events: [makeProfileEvent('filterProducts')] });
    await insert([beacon, makeBeacon({ site: 'other', view: { ...makeView(), id: beacon.view.id }, events: [makeProfileEvent('other')] })]);
    // makeProfileEvent: stacks of 30 and 16 samples and 4 more at 10 ms; its click span 28 + 4.
    expect(await storage().viewProfiles('demo', beacon.view.id)).toEqual([
      { kind: 'window', name: '', start: 100, id: null, ms: 500 },
      { kind: 'interaction', name: 'click', start: 150, id: 7, ms: 320 },
    ]);
    expect(await storage().viewProfiles('demo', 'no-such-view')).toEqual([]);
  });
}
