import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/protocol/limits.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { delivery } from '../support/queryApi.js';

let collector: CollectorProcess;

beforeAll(async () => {
  collector = await startCollector();
});
afterAll(() => collector?.stop());

const beacon = (id: string, dropped?: number) => ({
  v: PROTOCOL_VERSION,
  id,
  site: 'demo',
  key: 'demo-public-key',
  ...(dropped === undefined ? {} : { dropped }),
  sentAt: Date.now(),
  view: { id: 'view-drops', session: 's1', url: 'http://shop.test/', startedAt: Date.now() - 1000, sdk: 'test' },
  events: [{ type: 'mark', name: id, start: 10 }],
});

/** Posts as the SDK's worker does: gzip, `text/plain`, no `Content-Encoding`, with the page's origin. */
const post = (body: object) =>
  fetch(`${collector.origin}/v1/beacon`, {
    method: 'POST',
    body: gzipSync(JSON.stringify(body)),
    headers: { 'content-type': 'text/plain', origin: collector.origin },
  });

describe('an outbox drop count', () => {
  it('is stored with its batch once, however often the batch is retried', async () => {
    for (let attempt = 0; attempt < 2; attempt++) expect((await post(beacon('with-drops', 3))).status).toBe(200);
    expect(await delivery(collector)).toMatchObject({ batches: 1, dropped: 3 });
    expect((await post(beacon('without-drops'))).status).toBe(200);
    expect(await delivery(collector)).toMatchObject({ batches: 2, dropped: 3 });
  });

  it('Retry-After is readable by a page from another origin (CORS exposes it)', async () => {
    const response = await post(beacon('exposed'));
    expect(response.headers.get('access-control-expose-headers')).toMatch(/retry-after/i);
  });
});
