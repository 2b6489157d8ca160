import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMapResolver } from '../../src/collector/profiles/createMapResolver.js';
import { projectRoot, startCollector, type CollectorProcess } from '../support/collectorProcess.js';

const shop = {
  id: 'shop',
  writeKey: 'shop-write-key',
  readToken: 'shop-read-token-of-at-least-32-characters',
  uploadToken: 'shop-upload-token-of-at-least-32-characters',
  origins: ['*'],
};
const sourceMap = readFileSync(join(projectRoot, 'dist/demo/products.min.js.map'), 'utf8');
const MAPS_PER_SITE = 3;
let collector: CollectorProcess;

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'pageprof-maps-')), 'sites.json');
  writeFileSync(file, JSON.stringify({ sites: [shop], sourceMapsPerSite: MAPS_PER_SITE, sourceMapBytesPerSite: 4 * sourceMap.length }));
  collector = await startCollector({ args: ['--config', file] });
});
afterAll(() => collector?.stop());

const upload = (release: string, file: string, body = sourceMap, token = shop.uploadToken) =>
  fetch(`${collector.origin}/v1/sites/shop/sourcemaps?release=${release}&file=${file}`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}` },
  });

/** Sends only a request's head, announcing a body it never sends, and resolves with the status the collector answers anyway. */
function answerBeforeBody(token: string | undefined): Promise<number> {
  const { hostname, port } = new URL(collector.origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const timer = setTimeout(() => reject(new Error('no answer before the body: the token was not checked first')), 5000);
    socket.on('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(chunk.toString())?.[1]));
      socket.destroy();
    });
    socket.on('error', () => undefined);
    const auth = token ? `Authorization: Bearer ${token}\r\n` : '';
    socket.write(
      `POST /v1/sites/shop/sourcemaps?release=r1&file=app.min.js HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 20971520\r\n\r\n`,
    );
  });
}

describe('source-map uploads', () => {
  it('checks the token before a byte of a 20 MB body is read', async () => {
    expect(await answerBeforeBody(undefined)).toBe(401);
    expect(await answerBeforeBody(shop.readToken)).toBe(403);
    expect(await answerBeforeBody('not-the-token-at-all-but-long-enough')).toBe(403);
  });

  it(`keeps at most ${MAPS_PER_SITE} maps per site (a replaced map counts once), then answers 413 naming the quota`, async () => {
    for (const release of ['r1', 'r2', 'r3']) expect((await upload(release, 'app.min.js')).status).toBe(201);
    expect((await upload('r3', 'app.min.js')).status).toBe(201);
    const over = await upload('r4', 'app.min.js');
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: string }).error).toMatch(/site 'shop' keeps at most 3 source maps/);
  });

  it('limits uploads per address with 429 before reading their bodies', async () => {
    const statuses: number[] = [];
    for (let sent = 0; sent < 130 && !statuses.includes(429); sent++) statuses.push((await upload('r3', 'app.min.js', 'not a map')).status);
    expect(statuses.filter((status) => status === 400).length).toBeGreaterThan(100);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('parsed source maps', () => {
  it('are kept in a cache bounded by their size, least recently used first out', () => {
    const maps = [{ file: 'products.min.js', map: sourceMap }];
    // Room for one map and a half (a whole number of bytes: lru-cache takes no fraction).
    const resolver = createMapResolver(Math.floor(sourceMap.length * 1.5));
    const frame = { name: 'n', url: 'https://shop.example/products.min.js', line: 1, column: 10 };
    expect(resolver.resolve('shop\nr1', [frame])).toBeUndefined();
    expect(resolver.resolve('shop\nr1', [frame], maps)).toHaveLength(1);
    expect(resolver.resolve('shop\nr1', [frame])).toHaveLength(1);
    resolver.resolve('shop\nr2', [frame], maps);
    expect(resolver.resolve('shop\nr1', [frame])).toBeUndefined();
    expect(resolver.resolve('shop\nr2', [frame])).toHaveLength(1);
  });
});
