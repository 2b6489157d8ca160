import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Beacon, InteractionEvent, VitalEvent } from '../../src/protocol/beacon.js';
import type { QueryFilters, Storage } from '../../src/collector/storage/Storage.js';
import { makeBeacon, makeProfileEvent, makeView } from '../support/beacons.js';
import { percentile } from '../support/percentile.js';
import { siteEvents } from '../support/siteEvents.js';
import { storageAlertCases } from './storageAlertCases.js';
import { storageDetailCases } from './storageDetailCases.js';
import { storageDistributionCases } from './storageDistributionCases.js';

const HOUR = 3_600_000;

export interface ContractOptions {
  /**
   * The adapter answers percentiles from summaries (it was opened to, for any number of values),
   * each within this relative error of the exact one and marked `approximate`; without it every
   * answer must be exact. Counts and rating shares are exact either way.
   */
  tolerance?: number;
}

/**
 * What every storage adapter must do, run against each of them (SQLite now, others later): the
 * same beacons in, the same answers out, checked against a computation over the beacons themselves.
 */
export function storageContract(name: string, open: () => Promise<Storage>, reopen?: () => Promise<Storage>, { tolerance }: ContractOptions = {}): void {
  describe(`storage contract: ${name}`, () => {
    /** A percentile: exact to 6 decimals, or within the adapter's stated tolerance where the answer says it is approximate. */
    const expectPercentile = (answer: { approximate?: true }, actual: number | null | undefined, expected: number | null | undefined, label: string) => {
      if (!answer.approximate) return void expect(actual, label).toBeCloseTo(expected ?? NaN, 6);
      expect(tolerance, `${label}: approximate, but the adapter states no tolerance`).toBeDefined();
      expect(Math.abs((actual ?? NaN) - (expected ?? NaN)), `${label}: ${actual} for ${expected}`).toBeLessThanOrEqual(
        (tolerance ?? 0) * Math.abs(expected ?? NaN) + 1e-9,
      );
    };

    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
    });
    afterEach(async () => {
      await storage.close();
    });

    /** 24 page views across two releases, three device classes and two pages, an hour apart; a third of their sessions sampled at 25% or 50%. */
    const sample = (now = Date.now()): Beacon[] =>
      Array.from({ length: 24 }, (_, index) =>
        makeBeacon(
          {
            view: makeView({
              startedAt: now - (24 - index) * HOUR,
              release: index % 2 ? 'web-2' : 'web-1',
              deviceClass: (['mobile', 'tablet', 'desktop'] as const)[index % 3],
              connection: index % 4 ? '4g' : '3g',
              browser: index % 5 ? 'Chrome' : 'Firefox',
              url: index % 3 ? 'https://shop.example/products' : 'https://shop.example/cart',
              ...(index % 6 === 1 ? { sampleRate: 0.25 } : index % 6 === 4 ? { sampleRate: 0.5 } : {}),
            }),
          },
          0.5 + ((index * 7919) % 24) / 8,
        ),
      );
    /** What a sampled page view's values count for: the page views it stands for. */
    const weightOf = (beacon: Beacon) => 1 / (beacon.view.sampleRate ?? 1);
    const insert = (beacons: Beacon[], receivedAt = Date.now()) => storage.insertBeacons(beacons.map((beacon) => ({ beacon, receivedAt })));
    const vitalsOf = (beacons: Beacon[], vital: string) =>
      beacons.flatMap((beacon) =>
        beacon.events.filter((event): event is VitalEvent => event.type === 'vital' && event.name === vital).map((event) => ({ beacon, event })),
      );

    it('stores every event of a beacon with its common fields, the rest as JSON, and its epoch time', async () => {
      const beacon = makeBeacon();
      expect(await insert([beacon])).toEqual([{ duplicate: false, rows: beacon.events.length, droppedProfiles: 0 }]);
      const stored = await siteEvents(storage, 'demo');
      expect(stored).toHaveLength(beacon.events.length);
      for (const event of beacon.events) {
        const row = stored.find((candidate) => candidate.type === event.type && candidate.name === event.name);
        expect(row, `${event.type} ${event.name}`).toBeDefined();
        expect(row?.viewId).toBe(beacon.view.id);
        expect(row?.start).toBe(event.start);
        expect(row?.at).toBe(Math.round(beacon.view.startedAt + event.start));
        const {
          type: _type,
          name: _name,
          start: _start,
          route: _route,
          duration,
          value,
          ...rest
        } = event as typeof event & { duration?: number; value?: number };
        expect(row?.duration).toBe(duration ?? null);
        expect(row?.value).toBe(value ?? null);
        expect(row?.fields).toEqual(rest);
      }
    });

    it('stores a batch id once, whether repeated in one call or in a later one', async () => {
      const first = makeBeacon();
      const second = makeBeacon();
      const results = await insert([first, first, second]);
      expect(results.map((result) => result.duplicate)).toEqual([false, true, false]);
      expect((await insert([second]))[0]?.duplicate).toBe(true);
      expect(await siteEvents(storage, 'demo')).toHaveLength(first.events.length + second.events.length);
    });

    it("keeps ids a site's own: another site's batch and view with the same ids are both stored, each with its events", async () => {
      const shop = makeBeacon();
      const blog = makeBeacon({
        site: 'blog',
        id: shop.id,
        view: { ...makeView({ url: 'https://blog.example/' }), id: shop.view.id, session: shop.view.session },
      });
      blog.events = blog.events.slice(0, 5);
      expect((await insert([shop])).map((result) => result.duplicate)).toEqual([false]);
      expect((await insert([blog])).map((result) => result.duplicate)).toEqual([false]);
      expect((await storage.recentViews('demo', {}, 10)).map((view) => [view.id, view.url, view.events])).toEqual([[shop.view.id, shop.view.url, 13]]);
      expect((await storage.recentViews('blog', {}, 10)).map((view) => [view.id, view.url, view.events])).toEqual([[shop.view.id, 'https://blog.example/', 5]]);
      expect(await siteEvents(storage, 'blog')).toHaveLength(5);
      expect((await insert([blog]))[0]?.duplicate).toBe(true);
    });

    it('keeps sites apart', async () => {
      await insert([makeBeacon({ site: 'other' }), makeBeacon()]);
      expect(await siteEvents(storage, 'other')).toHaveLength(13);
      expect((await storage.recentViews('other', {}, 10)).map((view) => view.events)).toEqual([13]);
      expect(await storage.vitals('nobody', {})).toEqual([]);
    });

    const filterCases: [string, QueryFilters, (beacon: Beacon) => boolean][] = [
      ['no filter', {}, () => true],
      ['release', { release: 'web-2' }, (beacon) => beacon.view.release === 'web-2'],
      ['device class', { device: 'mobile' }, (beacon) => beacon.view.deviceClass === 'mobile'],
      ['connection and browser', { connection: '4g', browser: 'Chrome' }, (beacon) => beacon.view.connection === '4g' && beacon.view.browser === 'Chrome'],
      ['page', { page: 'https://shop.example/cart' }, (beacon) => beacon.view.url === 'https://shop.example/cart'],
    ];
    for (const [label, filters, keep] of filterCases) {
      it(`gives vitals percentiles and rating shares equal to a reference computation (${label})`, async () => {
        const beacons = sample();
        await insert(beacons);
        const kept = beacons.filter(keep);
        const expected = ['CLS', 'FCP', 'INP', 'LCP', 'TTFB'].map((vital) => {
          const found = vitalsOf(kept, vital);
          const weighted = found.reduce((sum, { beacon }) => sum + weightOf(beacon), 0);
          const share = (rating: string) =>
            found.filter(({ event }) => event.rating === rating).reduce((sum, { beacon }) => sum + weightOf(beacon), 0) / weighted;
          const values = found.map(({ event }) => event.value);
          return {
            name: vital,
            count: found.length,
            weighted,
            p50: percentile(values, 0.5),
            p75: percentile(values, 0.75),
            p95: percentile(values, 0.95),
            good: share('good'),
            needsImprovement: share('needs-improvement'),
            poor: share('poor'),
          };
        });
        const actual = await storage.vitals('demo', filters);
        expect(actual.map((row) => row.name)).toEqual(expected.map((row) => row.name));
        // Summaries are kept for every view and for one view filter at a time: two filters read the events.
        if (tolerance !== undefined)
          expect(
            actual.every((row) => row.approximate),
            'answered from summaries',
          ).toBe(label !== 'connection and browser');
        for (const [index, row] of actual.entries()) {
          for (const [field, value] of Object.entries(expected[index] ?? {})) {
            if (typeof value !== 'number') continue;
            const stored = row[field as keyof typeof row] as number;
            if (field.startsWith('p')) expectPercentile(row, stored, value, `${row.name} ${field}`);
            else expect(stored, `${row.name} ${field}`).toBeCloseTo(value, 6);
          }
        }
      });
    }

    it('filters by time range on the event time, from inclusive, to exclusive', async () => {
      const now = Date.now();
      const beacons = sample(now);
      await insert(beacons);
      const from = now - 10 * HOUR;
      const to = now - 4 * HOUR;
      const expected = vitalsOf(beacons, 'LCP').filter(({ beacon, event }) => {
        const at = Math.round(beacon.view.startedAt + event.start);
        return at >= from && at < to;
      });
      const [lcp] = (await storage.vitals('demo', { from, to })).filter((row) => row.name === 'LCP');
      expect(lcp?.count).toBe(expected.length);
      expectPercentile(
        lcp ?? {},
        lcp?.p75,
        percentile(
          expected.map(({ event }) => event.value),
          0.75,
        ),
        'LCP p75',
      );
    });

    it('gives a vital as a time series of buckets', async () => {
      const beacons = sample();
      await insert(beacons);
      const bucket = 6 * HOUR;
      const byBucket = new Map<number, number[]>();
      for (const { beacon, event } of vitalsOf(beacons, 'INP')) {
        const at = Math.floor(Math.round(beacon.view.startedAt + event.start) / bucket) * bucket;
        byBucket.set(at, [...(byBucket.get(at) ?? []), event.value]);
      }
      const series = await storage.vitalSeries('demo', 'INP', bucket, {});
      expect(series.map((point) => point.at)).toEqual([...byBucket.keys()].sort((a, b) => a - b));
      for (const point of series) {
        const values = byBucket.get(point.at) ?? [];
        expect(point.count).toBe(values.length);
        expectPercentile(point, point.p75, percentile(values, 0.75), `p75 at ${point.at}`);
      }
    });

    it('gives a table of pages with their view counts and p75 vitals', async () => {
      const beacons = sample();
      await insert(beacons);
      const pages = await storage.pages('demo', {}, 10);
      const urls = [...new Set(beacons.map((beacon) => beacon.view.url))];
      expect(pages.map((page) => page.url).sort()).toEqual(urls.sort());
      for (const page of pages) {
        const onPage = beacons.filter((beacon) => beacon.view.url === page.url);
        expect(page.views).toBe(onPage.length);
        expect(page.weightedViews).toBeCloseTo(
          onPage.reduce((sum, beacon) => sum + weightOf(beacon), 0),
          6,
        );
        for (const vital of ['LCP', 'INP', 'CLS'] as const) {
          expectPercentile(
            page,
            page[vital],
            percentile(
              vitalsOf(onPage, vital).map(({ event }) => event.value),
              0.75,
            ),
            `${page.url} ${vital}`,
          );
        }
      }
      expect(pages.map((page) => page.views)).toEqual([...pages.map((page) => page.views)].sort((a, b) => b - a));
    });

    it('lists the slowest interactions first, with their attribution', async () => {
      const beacons = sample();
      await insert(beacons);
      const interactions = beacons.flatMap((beacon) => beacon.events.filter((event): event is InteractionEvent => event.type === 'interaction'));
      const slowest = await storage.slowestInteractions('demo', {}, 5);
      expect(slowest.map((row) => row.duration)).toEqual(
        interactions
          .map((event) => event.duration)
          .sort((a, b) => b - a)
          .slice(0, 5),
      );
      const { type: _type, name: _name, start: _start, duration: _duration, ...attribution } = interactions[0] as InteractionEvent;
      expect(slowest[0]?.attribution).toEqual(attribution);
      expect(slowest[0]?.url).toBe('https://shop.example/products');
      expect(slowest[0]?.name).toBe('click');
    });

    it('sums long-animation-frame scripts by source, function and invoker', async () => {
      const beacons = sample();
      await insert(beacons);
      const scripts = beacons.flatMap((beacon) => beacon.events.flatMap((event) => (event.type === 'loaf' ? event.scripts : [])));
      const top = await storage.frameScripts('demo', {}, 10);
      expect(top.map((row) => row.fn)).toEqual(['addToCart', 'renderCart']);
      const addToCart = scripts.filter((script) => script.fn === 'addToCart');
      expect(top[0]).toMatchObject({
        url: 'https://shop.example/assets/app.js',
        invoker: 'BUTTON#buy.onclick',
        invokerType: 'event-listener',
        count: addToCart.length,
      });
      expect(top[0]?.total).toBeCloseTo(
        addToCart.reduce((sum, script) => sum + script.duration, 0),
        6,
      );
      expect(top[0]?.max).toBe(Math.max(...addToCart.map((script) => script.duration)));
    });

    it('sums the long-frame scripts of beacons in one hour, in one transaction and across several', async () => {
      const view = makeView({ startedAt: Math.floor(Date.now() / HOUR) * HOUR - HOUR });
      const beacons = [1, 1.5, 2, 3].map((scale) => makeBeacon({ view: { ...view, id: makeView().id } }, scale));
      await insert(beacons.slice(0, 2));
      await insert(beacons.slice(2));
      const scripts = beacons.flatMap((beacon) => beacon.events.flatMap((event) => (event.type === 'loaf' ? event.scripts : [])));
      for (const row of await storage.frameScripts('demo', {}, 10)) {
        const same = scripts.filter((script) => script.fn === row.fn);
        expect(row.count).toBe(same.length);
        expect(row.total).toBeCloseTo(
          same.reduce((sum, script) => sum + script.duration, 0),
          6,
        );
        expect(row.max).toBe(Math.max(...same.map((script) => script.duration)));
      }
    });

    it('sums long-frame scripts over any time range exactly, hours cut anywhere, of every release or one', async () => {
      // Every view's long frame 10 minutes past an hour, so that each cut hour below holds one.
      const hour = Math.floor(Date.now() / HOUR) * HOUR;
      const now = hour + 10 * 60_000 - 1440;
      const beacons = sample(now);
      await insert(beacons);
      const frames = beacons.flatMap((beacon) =>
        beacon.events.flatMap((event) =>
          event.type === 'loaf' ? [{ at: Math.round(beacon.view.startedAt + event.start), release: beacon.view.release, scripts: event.scripts }] : [],
        ),
      );
      const minutes = (count: number) => count * 60_000;
      const windows: QueryFilters[] = [
        { from: hour - 20 * HOUR + minutes(5) },
        { to: hour - 3 * HOUR + minutes(20) },
        { from: hour - 18 * HOUR + minutes(5), to: hour - 4 * HOUR + minutes(20) },
        { from: hour - 10 * HOUR + minutes(5), to: hour - 10 * HOUR + minutes(15) },
        { from: hour - 30 * HOUR, to: hour - 23 * HOUR + minutes(5) },
      ];
      for (const window of windows.flatMap((range) => [range, { ...range, release: 'web-2' }])) {
        const inRange = frames
          .filter(({ at, release }) => at >= (window.from ?? -Infinity) && at < (window.to ?? Infinity) && (window.release ?? release) === release)
          .flatMap((frame) => frame.scripts);
        const top = await storage.frameScripts('demo', window, 10);
        for (const fn of ['addToCart', 'renderCart']) {
          const expected = inRange.filter((script) => script.fn === fn);
          const row = top.find((candidate) => candidate.fn === fn);
          expect(row?.count ?? 0, `${fn} in ${JSON.stringify(window)}`).toBe(expected.length);
          if (!row) continue;
          expect(row.total).toBeCloseTo(
            expected.reduce((sum, script) => sum + script.duration, 0),
            6,
          );
          expect(row.max).toBe(Math.max(...expected.map((script) => script.duration)));
        }
      }
    });

    it('forgets the script sums of the hours that retention deletes, and only those', async () => {
      const cutoff = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR;
      const loafAt = (at: number) => makeBeacon({ view: makeView({ startedAt: at - 1440 }) });
      const [older, justBefore, justAfter] = [cutoff - 70 * 60_000, cutoff - 20 * 60_000, cutoff + 20 * 60_000].map(loafAt);
      await insert([older, justBefore, justAfter] as Beacon[]);
      await storage.deleteBefore(cutoff);
      const kept = justAfter?.events.flatMap((event) => (event.type === 'loaf' ? event.scripts : [])) ?? [];
      const top = await storage.frameScripts('demo', { from: cutoff - 2 * HOUR }, 10);
      expect(top.map(({ fn, count, total }) => ({ fn, count, total }))).toEqual(kept.map(({ fn, duration }) => ({ fn, count: 1, total: duration })));
    });

    it('gives measure distributions', async () => {
      const beacons = sample();
      await insert(beacons);
      const durations = beacons.flatMap((beacon) => beacon.events.flatMap((event) => (event.type === 'measure' ? [event.duration] : [])));
      const [measure] = await storage.measureDistributions('demo', { release: undefined });
      expect(measure).toMatchObject({ name: 'load products', count: durations.length });
      expectPercentile(measure ?? {}, measure?.p95, percentile(durations, 0.95), 'p95');
    });

    it('lists recent views newest first with their event counts', async () => {
      const beacons = sample();
      await insert(beacons);
      const views = await storage.recentViews('demo', {}, 3);
      expect(views.map((view) => view.id)).toEqual(
        beacons
          .slice(-3)
          .reverse()
          .map((beacon) => beacon.view.id),
      );
      expect(views[0]).toMatchObject({ events: 13, release: beacons.at(-1)?.view.release, startedAt: beacons.at(-1)?.view.startedAt });
    });

    it('filters recent views by the view filters and the time range of their start', async () => {
      const now = Date.now();
      const beacons = sample(now);
      await insert(beacons);
      const ids = (keep: (beacon: Beacon) => boolean) =>
        beacons
          .filter(keep)
          .reverse()
          .map((beacon) => beacon.view.id);
      const filtered = await storage.recentViews('demo', { release: 'web-2', device: 'mobile' }, 50);
      expect(filtered.map((view) => view.id)).toEqual(ids((beacon) => beacon.view.release === 'web-2' && beacon.view.deviceClass === 'mobile'));
      const newest = beacons.findLast((beacon) => beacon.view.release === 'web-2' && beacon.view.deviceClass === 'mobile')?.view;
      expect(filtered[0]).toMatchObject({ release: 'web-2', deviceClass: 'mobile', browser: newest?.browser, connection: newest?.connection });
      const recent = await storage.recentViews('demo', { from: now - 5.5 * HOUR, browser: 'Chrome' }, 50);
      expect(recent.map((view) => view.id)).toEqual(ids((beacon) => beacon.view.startedAt >= now - 5.5 * HOUR && beacon.view.browser === 'Chrome'));
      const routed = makeBeacon({ view: makeView({ startedAt: now - 30 * HOUR }) });
      routed.events = routed.events.map((event) => (event.type === 'interaction' ? { ...event, route: '/cart' } : event));
      await insert([routed]);
      expect((await storage.recentViews('demo', { route: '/cart' }, 50)).map((view) => view.id)).toEqual([routed.view.id]);
    });

    it('lists the values of each view filter, the most recently seen first', async () => {
      const now = Date.now();
      await insert(sample(now));
      expect(await storage.facets('demo', {})).toEqual({
        pages: ['https://shop.example/products', 'https://shop.example/cart'],
        releases: ['web-2', 'web-1'],
        devices: ['desktop', 'tablet', 'mobile'],
        browsers: ['Chrome', 'Firefox'],
        connections: ['4g', '3g'],
        tags: [],
      });
      // Only the newest view (index 23) started in the last 90 minutes.
      expect(await storage.facets('demo', { from: now - 1.5 * HOUR })).toEqual({
        pages: ['https://shop.example/products'],
        releases: ['web-2'],
        devices: ['desktop'],
        browsers: ['Chrome'],
        connections: ['4g'],
        tags: [],
      });
      // A range with an end: the views that started in it only (indexes 21 and 22, newest first).
      expect(await storage.facets('demo', { from: now - 3.5 * HOUR, to: now - 1.5 * HOUR })).toEqual({
        pages: ['https://shop.example/products', 'https://shop.example/cart'],
        releases: ['web-1', 'web-2'],
        devices: ['tablet', 'mobile'],
        browsers: ['Chrome'],
        connections: ['4g'],
        tags: [],
      });
      expect(await storage.facets('other', {})).toEqual({ pages: [], releases: [], devices: [], browsers: [], connections: [], tags: [] });
    });

    it("filters by a page view's custom tag, set by its first beacon or a later one, and lists the tags seen", async () => {
      const now = Date.now();
      const tagged = makeBeacon({ view: makeView({ startedAt: now - 3 * HOUR, tags: { experiment: 'checkout-b', tenant: 'acme' } }) });
      const other = makeBeacon({ view: makeView({ startedAt: now - 2 * HOUR, tags: { experiment: 'checkout-a' } }) });
      // Tagged only from its second beacon on (perf.setTag after the first batch left).
      const late = makeBeacon({ view: makeView({ startedAt: now - HOUR }) });
      const lateSecond = makeBeacon({ view: { ...late.view, tags: { experiment: 'checkout-b' } }, events: late.events.slice(0, 3) });
      const untagged = makeBeacon({ view: makeView({ startedAt: now - 4 * HOUR }) });
      await insert([tagged, other, late, untagged]);
      await insert([lateSecond]);
      const ids = async (filters: QueryFilters) => (await storage.recentViews('demo', filters, 50)).map((view) => view.id);
      expect(await ids({ tag: 'experiment:checkout-b' })).toEqual([late.view.id, tagged.view.id]);
      expect(await ids({ tag: 'tenant:acme', release: tagged.view.release })).toEqual([tagged.view.id]);
      expect(await ids({ tag: 'experiment:checkout-c' })).toEqual([]);
      // Over events, as every overview panel: the tagged views' vitals only.
      const lcp = (beacons: Beacon[]) => vitalsOf(beacons, 'LCP').length;
      const vitals = await storage.vitals('demo', { tag: 'experiment:checkout-b' });
      expect(vitals.find((vital) => vital.name === 'LCP')?.count).toBe(lcp([tagged, late, lateSecond]));
      expect((await storage.facets('demo', {})).tags.sort()).toEqual(['experiment:checkout-a', 'experiment:checkout-b', 'tenant:acme']);
      expect((await storage.facets('demo', { from: now - 2.5 * HOUR, to: now })).tags.sort()).toEqual(['experiment:checkout-a', 'experiment:checkout-b']);
    });

    it('counts the events of every beacon of a view once, however often a beacon is retried', async () => {
      const first = makeBeacon();
      const second = makeBeacon({ view: first.view, events: first.events.slice(0, 4) });
      await insert([first, second, first]);
      await insert([second]);
      const [view] = await storage.recentViews('demo', {}, 1);
      expect(view).toMatchObject({ id: first.view.id, events: 17 });
      expect(view?.events).toBe((await siteEvents(storage, 'demo')).length);
    });

    it('deletes data older than the retention cutoff and keeps the rest', async () => {
      const now = Date.now();
      const old = makeBeacon({ view: makeView({ startedAt: now - 40 * 24 * HOUR, release: 'web-old' }) });
      const young = makeBeacon({ view: makeView({ startedAt: now - HOUR }) });
      await insert([old], now - 40 * 24 * HOUR);
      await insert([young], now - HOUR);
      const removed = await storage.deleteBefore(now - 30 * 24 * HOUR);
      expect(removed).toEqual({ events: 13, views: 1, batches: 1, sourceMaps: 0 });
      expect(new Set((await siteEvents(storage, 'demo')).map((event) => event.viewId))).toEqual(new Set([young.view.id]));
      expect((await storage.recentViews('demo', {}, 10)).map((view) => view.id)).toEqual([young.view.id]);
      expect((await storage.facets('demo', {})).releases).toEqual([young.view.release]);
      expect(await storage.deleteBefore(now - 30 * 24 * HOUR)).toEqual({ events: 0, views: 0, batches: 0, sourceMaps: 0 });
    });

    it('counts, after a retention cutoff inside an hour, only the values after it in that hour', async () => {
      const cutoff = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR + 30 * 60_000;
      const [before, after] = [cutoff - 20 * 60_000, cutoff + 20 * 60_000].map((at) => makeBeacon({ view: makeView({ startedAt: at - 1440 }) })) as [
        Beacon,
        Beacon,
      ];
      await insert([before, after]);
      await storage.deleteBefore(cutoff);
      const from = cutoff - 3 * HOUR;
      const lcpValues = vitalsOf([after], 'LCP').map(({ event }) => event.value);
      const [lcp] = (await storage.vitals('demo', { from })).filter((row) => row.name === 'LCP');
      expect(lcp?.count).toBe(lcpValues.length);
      expectPercentile(lcp ?? {}, lcp?.p75, percentile(lcpValues, 0.75), 'LCP p75');
      const series = await storage.vitalSeries('demo', 'LCP', HOUR, { from });
      expect(series.reduce((sum, point) => sum + point.count, 0)).toBe(lcpValues.length);
      const durations = after.events.flatMap((event) => (event.type === 'measure' ? [event.duration] : []));
      expect((await storage.measureDistributions('demo', { from })).map(({ name, count }) => ({ name, count }))).toEqual([
        { name: 'load products', count: durations.length },
      ]);
    });

    it("removes at retention the source maps of releases no stored view has, keeping a release's maps while it has views or was uploaded since", async () => {
      const now = Date.now();
      const cutoff = now - 30 * 24 * HOUR;
      await insert([makeBeacon({ view: makeView({ startedAt: now - 40 * 24 * HOUR, release: 'web-old' }) })], now - 40 * 24 * HOUR);
      await insert([makeBeacon({ view: makeView({ startedAt: now - HOUR, release: 'web-live' }) })], now - HOUR);
      const map = JSON.stringify({ version: 3, sources: ['a.js'], names: [], mappings: 'AAAA' });
      for (const release of ['web-old', 'web-live']) await storage.profiles.putSourceMap('demo', release, 'app.min.js', map, now - 35 * 24 * HOUR);
      await storage.profiles.putSourceMap('demo', 'web-next', 'app.min.js', map, now);
      expect(await storage.profiles.sourceMapUsage('demo', { release: '', file: '' })).toEqual({ count: 3, bytes: 3 * map.length });
      expect((await storage.deleteBefore(cutoff)).sourceMaps).toBe(1);
      expect(await storage.profiles.sourceMaps('demo', 'web-old')).toEqual([]);
      for (const release of ['web-live', 'web-next']) expect(await storage.profiles.sourceMaps('demo', release)).toEqual([{ file: 'app.min.js', map }]);
      expect(await storage.profiles.sourceMapUsage('demo', { release: 'web-next', file: 'app.min.js' })).toEqual({ count: 1, bytes: map.length });
    });

    storageDetailCases(() => storage);
    storageDistributionCases(() => storage, { approximate: tolerance !== undefined });
    storageAlertCases(() => storage);

    /** Every answer storage gives about the demo site, to compare two stores. */
    const answers = async (store: Storage, hour: number) => {
      const ranges: QueryFilters[] = [{}, { release: 'web-2' }, { from: hour - HOUR, to: hour + 2 * HOUR }, { from: hour + 90_000 }];
      const profile = { site: 'demo' };
      return {
        events: (await siteEvents(store, 'demo')).sort((a, b) => a.at - b.at || a.type.localeCompare(b.type) || a.name.localeCompare(b.name)),
        views: await store.recentViews('demo', {}, 50),
        ranged: await Promise.all(
          ranges.map(async (filters) => ({
            facets: await store.facets('demo', filters),
            vitals: await store.vitals('demo', filters),
            series: await store.vitalSeries('demo', 'LCP', HOUR, filters),
            pages: await store.pages('demo', filters, 50),
            interactions: await store.slowestInteractions('demo', filters, 50),
            scripts: await store.frameScripts('demo', filters, 50),
            measures: await store.measureDistributions('demo', filters),
            histogram: await store.vitalHistogram('demo', 'LCP', 250, 32, filters),
            measureHistogram: await store.measureHistogram('demo', 'load products', 20, 30, filters),
          })),
        ),
        releases: await store.releases('demo', 20),
        viewProfiles: await Promise.all((await store.recentViews('demo', {}, 50)).map((view) => store.viewProfiles('demo', view.id))),
        targets: await store.profiles.targets(profile),
        functions: await store.profiles.functions({ ...profile, kind: 'window' }),
        stacks: await store.profiles.stacks({ ...profile, kind: 'interaction', name: 'click' }),
      };
    };

    it('erases a page view, then a session, leaving every answer as if they had never been stored', async () => {
      const hour = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
      const withProfile = (beacon: Beacon): Beacon => ({ ...beacon, events: [...beacon.events, makeProfileEvent()] });
      const session = makeView().session;
      const kept = withProfile(makeBeacon({ view: makeView({ startedAt: hour + 60_000, release: 'web-1' }) }));
      // Alone in its release, browser, device, connection and page; its long frame in the same hour as the others'.
      const erased = withProfile(
        makeBeacon(
          {
            view: makeView({
              startedAt: hour + 120_000,
              session,
              release: 'web-2',
              browser: 'Firefox',
              deviceClass: 'mobile',
              connection: '3g',
              url: 'https://shop.example/account',
            }),
          },
          2,
        ),
      );
      const laterOfErased = makeBeacon({ view: erased.view, events: makeBeacon({}, 3).events.slice(0, 9) });
      const sibling = makeBeacon({ view: makeView({ startedAt: hour + 180_000, session, release: 'web-1' }) }, 1.5);
      await insert([kept, erased, sibling]);
      await insert([laterOfErased]);
      const references: Storage[] = [];
      try {
        for (const [target, erasedViews, left] of [
          [{ view: erased.view.id }, [erased], [kept, sibling]],
          [{ session }, [sibling], [kept]],
        ] as const) {
          // Profile windows are not counted as events.
          const stored = (beacon: Beacon) => beacon.events.filter((event) => event.type !== 'profile').length;
          const events = erasedViews.reduce((sum, beacon) => sum + stored(beacon), 0) + (erasedViews.includes(erased) ? stored(laterOfErased) : 0);
          expect(await storage.erase('demo', target)).toEqual({ views: erasedViews.length, events });
          const reference = await open();
          references.push(reference);
          await reference.insertBeacons(left.map((beacon) => ({ beacon, receivedAt: Date.now() })));
          expect(await answers(storage, hour), JSON.stringify(target)).toEqual(await answers(reference, hour));
        }
        // A late retry of an erased batch is still a duplicate: it is not stored again.
        expect((await insert([erased]))[0]?.duplicate).toBe(true);
        expect(await storage.erase('demo', { session: 'nobody' })).toEqual({ views: 0, events: 0 });
      } finally {
        await Promise.all(references.map((reference) => reference.close()));
      }
    });

    if (reopen) {
      it('keeps what it committed across a close and reopen', async () => {
        const beacon = makeBeacon();
        await insert([beacon]);
        await storage.close();
        storage = await reopen();
        expect(await siteEvents(storage, 'demo')).toHaveLength(13);
        expect((await insert([beacon]))[0]?.duplicate).toBe(true);
      });

      it("keeps alerts' states and undelivered webhooks across a close and reopen", async () => {
        const id = await storage.alerts.record({ site: 'demo', key: 'budget:LCP', state: 'over', body: '{}', at: 1000 });
        await storage.close();
        storage = await reopen();
        expect(await storage.alerts.states()).toEqual([{ site: 'demo', key: 'budget:LCP', state: 'over' }]);
        expect((await storage.alerts.pending()).map((alert) => alert.id)).toEqual([id]);
      });
    }
  });
}
