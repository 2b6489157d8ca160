import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SiteSetup } from '../../src/protocol/queryRoutes.js';
import { projectRoot, startCollector } from '../support/collectorProcess.js';
import { queryApi } from '../support/queryApi.js';

const shop = { id: 'shop', writeKey: 'shop-write-key', readToken: 'shop-read-token-of-at-least-32-characters', origins: ['https://shop.example'] };
const configFile = (sites: object[]) => {
  const file = join(mkdtempSync(join(tmpdir(), 'pageprof-trace-')), 'sites.json');
  writeFileSync(file, JSON.stringify({ sites }));
  return file;
};

describe("a site's traceUrl", () => {
  it('reaches the dashboard in the setup answer, and only an http(s) URL with {traceId} is taken', async () => {
    const traceUrl = 'https://tempo.example/trace/{traceId}';
    const collector = await startCollector({ args: ['--config', configFile([{ ...shop, traceUrl }])] });
    try {
      const setup = await queryApi<SiteSetup>({ origin: collector.origin, readToken: shop.readToken, site: 'shop' }, 'setup');
      expect(setup).toEqual({ site: 'shop', writeKey: shop.writeKey, traceUrl });
    } finally {
      await collector.stop();
    }
    for (const bad of ['javascript:alert(1)//{traceId}', 'https://tempo.example/trace/', 'tempo.example/{traceId}']) {
      const file = configFile([{ ...shop, traceUrl: bad }]);
      const run = spawnSync(process.execPath, [join(projectRoot, 'dist/cli.mjs'), 'serve', '--port', '0', '--config', file], {
        encoding: 'utf8',
        timeout: 15_000,
      });
      expect(run.status, bad).toBe(2);
      expect(run.stderr.trim(), bad).toMatch(/traceUrl/);
    }
  });
});
