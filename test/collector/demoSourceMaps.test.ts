import { describe, expect, it } from 'vitest';
import { startCollector } from '../support/collectorProcess.js';
import { queryDatabase } from '../support/database.js';

const registered = (dbFile: string) => queryDatabase<{ site: string; release: string; file: string }>(dbFile, 'SELECT site, release, file FROM sourcemaps ORDER BY file, release');

describe('pageprof serve --demo-sourcemaps (npm start)', () => {
  it("registers the demo bundles' and pageprof's own source maps for the demo's two releases", async () => {
    const collector = await startCollector({ args: ['--demo-sourcemaps'] });
    try {
      expect(registered(collector.dbFile)).toEqual([
        { site: 'demo', release: 'demo-1.0.0', file: 'pageprof.js' },
        { site: 'demo', release: 'demo-2.0.0', file: 'pageprof.js' },
        { site: 'demo', release: 'demo-2.0.0', file: 'products-2.min.js' },
        { site: 'demo', release: 'demo-1.0.0', file: 'products.min.js' },
      ]);
      expect(collector.output()).toContain('source maps: products.min.js, pageprof.js, products-2.min.js');
    } finally {
      await collector.stop();
    }
  });

  it('registers nothing without the flag: a site uploads its own maps', async () => {
    const collector = await startCollector();
    try {
      expect(registered(collector.dbFile)).toEqual([]);
    } finally {
      await collector.stop();
    }
  });
});
