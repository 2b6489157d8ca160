import { describe, expect, it } from 'vitest';
import { makeBeacon, makeView } from '../support/beacons.js';
import { startCollector } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { postBeacon } from '../support/httpPost.js';
import { apiEvents, viewsIn } from '../support/queryApi.js';

const DAY = 86_400_000;

describe('retention in the running collector', () => {
  it('deletes data older than --retention-days soon after start, keeps the rest, and counts it in /metrics', async () => {
    const now = Date.now();
    const old = makeBeacon({ view: makeView({ startedAt: now - 10 * DAY }) });
    const young = makeBeacon({ view: makeView({ startedAt: now - DAY / 2 }) });
    // Stored by a collector that keeps 30 days (the default), then served by one that keeps 3.
    const before = await startCollector();
    try {
      for (const beacon of [old, young]) expect((await postBeacon(before.origin, beacon)).status).toBe(200);
    } finally {
      await before.stop();
    }

    const collector = await startCollector({ dbFile: before.dbFile, args: ['--retention-days', '3'] });
    try {
      const views = await eventually(
        () => viewsIn(collector),
        (found) => found.length === 1,
      );
      expect(views.map((view) => view.id)).toEqual([young.view.id]);
      const events = await apiEvents(collector);
      expect(new Set(events.map((event) => event.viewId))).toEqual(new Set([young.view.id]));
      expect(events).toHaveLength(young.events.length);
      const metrics = await collector.metrics();
      expect(metrics).toContain('pageprof_retention_deleted_total{table="events"} 13');
      expect(metrics).toContain('pageprof_retention_deleted_total{table="views"} 1');
    } finally {
      await collector.stop();
    }
  });
});
