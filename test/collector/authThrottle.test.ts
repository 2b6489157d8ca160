import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { httpRequest } from '../support/httpPost.js';

const shop = { id: 'shop', writeKey: 'shop-write-key', readToken: 'shop-read-token-of-at-least-32-characters', origins: ['*'] };
const FAILURES = 5;
let collector: CollectorProcess;

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'pageprof-throttle-')), 'sites.json');
  writeFileSync(file, JSON.stringify({ sites: [shop], authFailuresPerIp: FAILURES }));
  collector = await startCollector({ args: ['--config', file] });
});
afterAll(() => collector?.stop());

const read = (token: string | undefined, from: string) =>
  httpRequest(`${collector.origin}/v1/sites/shop/views`, { method: 'GET', headers: token ? { authorization: `Bearer ${token}` } : {}, localAddress: from });

describe('failed authentications, throttled per address', () => {
  it(`refuses an address for the rest of the minute after ${FAILURES} 401s and 403s, even with the right token; others go on`, async () => {
    const guesser = '127.0.0.21';
    const statuses: number[] = [];
    for (let i = 0; i < FAILURES; i++) statuses.push((await read(i % 2 ? undefined : `guess-${i}-of-a-token-long-enough-to-try`, guesser)).status);
    expect(statuses).toEqual([403, 401, 403, 401, 403]);
    const blocked = await read(shop.readToken, guesser);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await read(shop.readToken, '127.0.0.22')).status).toBe(200);
  });
});
