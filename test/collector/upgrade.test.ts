import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREVIOUS_RELEASE_VIEWS } from '../fixtures/previousRelease/views.js';
import { makeBeacon } from '../support/beacons.js';
import { startCollector } from '../support/collectorProcess.js';
import { postBeacon } from '../support/httpPost.js';
import { viewsIn } from '../support/queryApi.js';

describe('upgrading a collector', () => {
  it("opens the database of protocol 1's last release, migrates it, keeps its views, and stores beacons of protocol 1 and 2", async () => {
    // Written by the collector of commit 606fc17, a migration ago (schema version 12; see writeDatabase.ts beside
    // it); a copy, so the fixture stays as it was.
    const dbFile = join(mkdtempSync(join(tmpdir(), 'pageprof-upgrade-')), 'pageprof.db');
    copyFileSync(new URL('../fixtures/previousRelease/pageprof-606fc17.db', import.meta.url), dbFile);
    // Its views are from 2026-11-30: the longest retention (10 years) keeps them when this test runs later.
    const collector = await startCollector({ dbFile, args: ['--retention-days', '3650'] });
    try {
      const old = await viewsIn(collector, { release: 'web-previous' });
      expect(old.map((view) => view.id).sort()).toEqual([...PREVIOUS_RELEASE_VIEWS].sort());

      // An SDK of protocol 1 still cached on a device, and the current one.
      const cached = { ...makeBeacon(), v: 1 };
      const current = makeBeacon();
      for (const beacon of [cached, current]) expect((await postBeacon(collector.origin, beacon)).status, `protocol ${beacon.v}`).toBe(200);
      const ids = (await viewsIn(collector)).map((view) => view.id);
      expect(ids).toEqual(expect.arrayContaining([...PREVIOUS_RELEASE_VIEWS, cached.view.id, current.view.id]));
    } finally {
      await collector.stop();
    }
  });
});
