import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBeacon } from '../support/beacons.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { httpRequest, postBeacon } from '../support/httpPost.js';

/** Two sites: what a page view asks of the batches an earlier one left at exit (KnownBatchesQuery) is answered for its own site only. */
const shop = { id: 'shop', writeKey: 'shop-write-key', readToken: 'shop-read-token-of-at-least-32-characters', origins: ['https://shop.example'] };
const blog = { id: 'blog', writeKey: 'blog-write-key', readToken: 'blog-read-token-of-at-least-32-characters', origins: ['*'] };
let collector: CollectorProcess;

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'pageprof-config-')), 'sites.json');
  writeFileSync(file, JSON.stringify({ sites: [shop, blog], ratePerIp: 0 }));
  collector = await startCollector({ args: ['--config', file] });
});
afterAll(() => collector?.stop());

const beaconFor = (site: typeof shop) => makeBeacon({ site: site.id, key: site.writeKey });

describe('POST /v1/beacon/known', () => {
  it("tells a page which of its batch ids its site has stored, for its own write key and origins only, never another site's", async () => {
    const [shopBatch, blogBatch] = [beaconFor(shop), beaconFor(blog)];
    expect((await postBeacon(collector.origin, shopBatch, { origin: 'https://shop.example' })).status).toBe(200);
    expect((await postBeacon(collector.origin, blogBatch)).status).toBe(200);
    const never = makeBeacon().id;
    const ask = (query: unknown, origin = 'https://shop.example') =>
      httpRequest(`${collector.origin}/v1/beacon/known`, { headers: { 'content-type': 'text/plain', origin }, body: JSON.stringify(query) });
    const ids = [shopBatch.id, blogBatch.id, never];
    const answer = await ask({ site: shop.id, key: shop.writeKey, ids });
    expect(answer.status).toBe(200);
    // A page on another origin reads the answer, as it reads the uploads'.
    expect(answer.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(JSON.parse(answer.body)).toEqual({ known: [shopBatch.id] });
    expect(JSON.parse((await ask({ site: blog.id, key: blog.writeKey, ids }, 'https://anywhere.example')).body)).toEqual({ known: [blogBatch.id] });
    // The other site's key, no key, an origin the site does not allow, a site of no one: refused, naming why.
    for (const [query, origin, reason] of [
      [{ site: shop.id, key: blog.writeKey, ids }, 'https://shop.example', /key is not the write key of site 'shop'/],
      [{ site: shop.id, ids }, 'https://shop.example', /key is missing/],
      [{ site: shop.id, key: shop.writeKey, ids }, 'https://blog.example', /origin https:\/\/blog.example may not post for site 'shop'/],
      [{ site: 'nobody', key: shop.writeKey, ids }, 'https://shop.example', /not a site of this collector/],
    ] as const) {
      const refused = await ask(query, origin);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body).error).toMatch(reason);
    }
    // Not a query: a clear 400, nothing answered.
    for (const body of [
      'not json',
      JSON.stringify({ site: shop.id, key: shop.writeKey, ids: ["x' OR 1=1"] }),
      JSON.stringify({ site: shop.id, key: shop.writeKey, ids: Array(201).fill(never) }),
      `{"site":"shop","key":"shop-write-key","ids":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    ]) {
      const refused = await httpRequest(`${collector.origin}/v1/beacon/known`, {
        headers: { 'content-type': 'text/plain', origin: 'https://shop.example' },
        body,
      });
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.body).error).toMatch(/not JSON|known-batches query/);
    }
  });
});
