import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCollector } from '../../src/collector/createCollector.js';
import { demoSite } from '../../src/collector/config/demoSite.js';
import { parseConfig } from '../../src/collector/config/parseConfig.js';
import { openSqliteStorage } from '../../src/collector/storage/sqlite/openSqliteStorage.js';
import { makeBeacon } from '../support/beacons.js';
import { projectRoot } from '../support/collectorProcess.js';

const READ_TOKEN = 'writer-death-test-read-token-32chars';

describe('a writer thread that dies mid-commit', () => {
  it('fails the commit at once (503, not a request left hanging), and the next commit runs on a new thread', async () => {
    // The thread runs built JavaScript, as `pageprof serve`'s does.
    const script = join(projectRoot, '.tmp/test/dyingWriterThread.mjs');
    await build({
      entryPoints: [join(projectRoot, 'test/fixtures/threads/dyingWriterThread.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: script,
      logLevel: 'warning',
    });
    const file = join(mkdtempSync(join(tmpdir(), 'pageprof-dying-')), 'test.db');
    const config = parseConfig({ sites: [demoSite(READ_TOKEN)], ratePerIp: 0 });
    const app = createCollector({ storage: openSqliteStorage(file, { writerThread: script }), config, root: projectRoot, logLevel: 'silent' });
    const post = (beacon = makeBeacon()) =>
      app.inject({ method: 'POST', url: '/v1/beacon', payload: JSON.stringify(beacon), headers: { 'content-type': 'text/plain' } });

    expect((await post()).statusCode).toBe(200);
    const started = performance.now();
    const dying = makeBeacon();
    const refused = await post(dying);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(performance.now() - started).toBeLessThan(5000);
    // The page retries: a new thread commits it, and the half-written transaction left nothing.
    expect((await post(dying)).statusCode).toBe(200);
    const views = await app.inject({ url: '/v1/sites/demo/views', headers: { authorization: `Bearer ${READ_TOKEN}` } });
    expect((views.json() as { views: unknown[] }).views).toHaveLength(2);
    await app.close();
  });
});
