import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/collector/config/parseConfig.js';
import { makeBeacon } from '../support/beacons.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { httpRequest, postBeacon } from '../support/httpPost.js';

const shop = { id: 'shop', writeKey: 'shop-write-key', readToken: 'shop-read-token-of-at-least-32-characters', origins: ['https://shop.example'] };
const blog = { id: 'blog', writeKey: 'blog-write-key', readToken: 'blog-read-token-of-at-least-32-characters', origins: ['*'] };
const RATE_PER_SITE = 20;
let collector: CollectorProcess;

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'pageprof-config-')), 'sites.json');
  writeFileSync(file, JSON.stringify({ sites: [shop, blog], ratePerSite: RATE_PER_SITE, ratePerIp: 0 }));
  collector = await startCollector({ args: ['--config', file] });
});

afterAll(async () => {
  await collector?.stop();
});

const beaconFor = (site: typeof shop) => makeBeacon({ site: site.id, key: site.writeKey });

describe('sites from a config file', () => {
  it('prints no read token and serves no demo site', async () => {
    expect(collector.readToken).toBeUndefined();
    expect(collector.output()).not.toContain(shop.readToken);
    expect((await postBeacon(collector.origin, makeBeacon())).status).toBe(403);
  });

  it('holds each site to its own write key and origins', async () => {
    const fromShop = await postBeacon(collector.origin, beaconFor(shop), { origin: 'https://shop.example' });
    expect(fromShop.status).toBe(200);
    expect(fromShop.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(fromShop.headers['access-control-expose-headers']).toBe('retry-after');
    expect((await postBeacon(collector.origin, beaconFor(shop), { origin: 'https://blog.example' })).status).toBe(403);
    expect((await postBeacon(collector.origin, beaconFor(blog), { origin: 'https://anywhere.example' })).status).toBe(200);
    expect((await postBeacon(collector.origin, { ...beaconFor(blog), key: shop.writeKey })).status).toBe(403);
  });

  it('logs a page view refused for its origin once a minute per origin, with the fix, not once per beacon', async () => {
    const refusals = (origin: string) =>
      collector
        .output()
        .split('\n')
        .filter((line) => line.includes(`page views from ${origin} are refused for site 'shop'`));
    for (let sent = 0; sent < 5; sent++)
      expect((await postBeacon(collector.origin, beaconFor(shop), { origin: 'https://staging.shop.example' })).status).toBe(403);
    expect((await postBeacon(collector.origin, beaconFor(shop), { origin: 'https://m.shop.example' })).status).toBe(403);
    await eventually(
      async () => refusals('https://m.shop.example'),
      (lines) => lines.length === 1,
    );
    const [line] = refusals('https://staging.shop.example');
    expect(refusals('https://staging.shop.example')).toHaveLength(1);
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 40, site: 'shop', origin: 'https://staging.shop.example' });
    expect(line).toContain(`add \\"https://staging.shop.example\\" to the site's \\"origins\\" in the config`);
  });

  it("limits each site's rate on its own, with 429 and Retry-After", async () => {
    const statuses: number[] = [];
    let retryAfter: unknown;
    for (let sent = 0; sent < RATE_PER_SITE + 3; sent++) {
      const answer = await postBeacon(collector.origin, beaconFor(shop));
      statuses.push(answer.status);
      if (answer.status === 429) retryAfter = answer.headers['retry-after'];
    }
    // The shop already sent one beacon in the test before.
    expect(statuses.filter((status) => status === 200)).toHaveLength(RATE_PER_SITE - 1);
    expect(statuses.slice(RATE_PER_SITE - 1).every((status) => status === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect((await postBeacon(collector.origin, beaconFor(blog))).status).toBe(200);
  });

  it("gives each site's data to its own read token only", async () => {
    const read = (site: string, token: string) =>
      httpRequest(`${collector.origin}/v1/sites/${site}/views`, { method: 'GET', headers: { authorization: `Bearer ${token}` } });
    const views = await read('shop', shop.readToken);
    expect(views.status).toBe(200);
    expect((JSON.parse(views.body) as { views: unknown[] }).views.length).toBe(RATE_PER_SITE);
    expect((await read('blog', shop.readToken)).status).toBe(403);
    expect((await read('shop', blog.readToken)).status).toBe(403);
  });
});

describe('parseConfig', () => {
  it('fills defaults', () => {
    expect(parseConfig({ sites: [shop] })).toMatchObject({ retentionDays: 30, ratePerIp: 600, ratePerSite: 60_000, flushMs: 0 });
  });

  it('refuses a config that would be unsafe or ambiguous, saying why', () => {
    expect(() => parseConfig({ sites: [] })).toThrow(/\/sites/);
    expect(() => parseConfig({ sites: [{ ...shop, readToken: 'short' }] })).toThrow(/\/sites\/0\/readToken/);
    expect(() => parseConfig({ sites: [{ ...shop, origins: [] }] })).toThrow(/origins/);
    expect(() => parseConfig({ sites: [shop, shop] })).toThrow(/'shop' is declared twice/);
    expect(() => parseConfig({ sites: [shop], retentionDays: 0 })).toThrow(/retentionDays/);
    expect(() => parseConfig({ sites: [shop], typo: 1 })).toThrow(/additional properties/);
  });

  it('takes several read tokens and an upload token per site, each of at least 32 characters and used once', () => {
    const tokens = { readTokens: ['a'.repeat(32), 'b'.repeat(32)], uploadToken: 'c'.repeat(32) };
    const { readToken: _one, ...rest } = shop;
    expect(parseConfig({ sites: [{ ...rest, ...tokens }] }).sites[0]).toMatchObject({ readTokens: tokens.readTokens, uploadToken: tokens.uploadToken });
    expect(parseConfig({ sites: [shop] }).sites[0]?.readTokens).toEqual([shop.readToken]);
    expect(() => parseConfig({ sites: [{ ...rest, readTokens: ['a'.repeat(31)] }] })).toThrow(
      /\/sites\/0\/readTokens\/0 must NOT have fewer than 32 characters/,
    );
    expect(() => parseConfig({ sites: [{ ...rest, readTokens: ['a'.repeat(32)], uploadToken: 'a'.repeat(32) }] })).toThrow(/a token is used twice/);
    expect(() => parseConfig({ sites: [shop, { ...blog, readToken: shop.readToken }] })).toThrow(/a token is used twice/);
    expect(() => parseConfig({ sites: [rest] })).toThrow(/\/sites\/0 needs readTokens/);
  });

  it('makes the CLI exit with the reason', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pageprof-config-')), 'bad.json');
    writeFileSync(file, JSON.stringify({ sites: [{ ...shop, readToken: 'short' }] }));
    await expect(startCollector({ args: ['--config', file] })).rejects.toThrow(/readToken/);
  });
});

describe('the demo site without a config', () => {
  it('takes page views from the origins given with --origin, and names the flag when it refuses another', async () => {
    const demo = await startCollector({ args: ['--origin', 'https://app.test', '--origin', 'http://localhost:3000'] });
    try {
      expect((await postBeacon(demo.origin, makeBeacon(), { origin: 'https://app.test' })).status).toBe(200);
      expect((await postBeacon(demo.origin, makeBeacon(), { origin: 'http://localhost:3000' })).status).toBe(200);
      expect((await postBeacon(demo.origin, makeBeacon(), { origin: 'https://other.test' })).status).toBe(403);
      await eventually(
        async () => demo.output(),
        (output) => output.includes('pageprof serve --origin https://other.test'),
      );
    } finally {
      await demo.stop();
    }
  });
});
