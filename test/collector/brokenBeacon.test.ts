import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/protocol/limits.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { apiEvents, delivery } from '../support/queryApi.js';

let collector: CollectorProcess;

beforeAll(async () => {
  collector = await startCollector();
});
afterAll(() => collector?.stop());

const beacon = (id: string) => ({
  v: PROTOCOL_VERSION,
  id,
  site: 'demo',
  key: 'demo-public-key',
  sentAt: Date.now(),
  view: { id: `view-${id}`, session: 's1', url: 'http://shop.test/', startedAt: Date.now() - 1000, sdk: 'test' },
  events: [{ type: 'measure', name: 'render list', start: 10, duration: 42 }],
});

const post = (body: string, contentType = 'text/plain') =>
  fetch(`${collector.origin}/v1/beacon`, { method: 'POST', body, headers: { 'content-type': contentType } });

describe('a broken beacon among good ones', () => {
  it('is refused with a 4xx and a reason, and the valid beacon right after it is stored', async () => {
    const broken = await post(JSON.stringify(beacon('good-1')).slice(0, 60));
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toMatch(/not JSON/);

    const wrongField = await post(JSON.stringify({ ...beacon('bad-2'), events: [{ type: 'measure', name: 'x', start: 1, duration: 'slow' }] }));
    expect(wrongField.status).toBe(400);
    expect(((await wrongField.json()) as { error: string }).error).toMatch(/\/events\/0/);

    const good = await post(JSON.stringify(beacon('good-1')), 'application/json');
    expect(good.status).toBe(200);

    // Each beacon has a page view of its own: the view says which beacon an event came in.
    expect((await apiEvents(collector)).map(({ viewId, name }) => ({ viewId, name }))).toEqual([{ viewId: 'view-good-1', name: 'render list' }]);
    expect((await delivery(collector)).batches).toBe(1);
  });

  it('answers a retried batch with success and stores it once', async () => {
    const body = JSON.stringify(beacon('retried'));
    const first = await post(body);
    const second = await post(body);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await second.json()).toMatchObject({ duplicate: true });
    expect((await apiEvents(collector)).filter((event) => event.viewId === 'view-retried')).toHaveLength(1);
    expect((await delivery(collector)).batches).toBe(2);
  });
});
