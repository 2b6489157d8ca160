import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/collector/config/parseConfig.js';
import { createCollector } from '../../src/collector/createCollector.js';
import { openSqliteStorage } from '../../src/collector/storage/sqlite/openSqliteStorage.js';
import type { Storage } from '../../src/collector/storage/Storage.js';
import { createPerf, inertPerf } from '../../src/sdk/perf.js';
import { resolveOptions } from '../../src/sdk/options.js';
import { siteEvents } from '../support/siteEvents.js';
import { eventually } from '../support/eventually.js';

let collector: FastifyInstance;
let storage: Storage;
let endpoint: string;

beforeAll(async () => {
  storage = openSqliteStorage(join(mkdtempSync(join(tmpdir(), 'pageprof-unit-')), 'api.db'));
  const site = (id: string) => ({ id, writeKey: `${id}-write-key`, readToken: `${id}-read-token-of-at-least-32-characters`, origins: ['*'] });
  const config = parseConfig({ sites: [site('unit'), site('odd')], ratePerIp: 0 });
  collector = createCollector({ storage, config, root: process.cwd(), logLevel: 'warn' });
  endpoint = `${await collector.listen({ port: 0, host: '127.0.0.1' })}/v1/beacon`;
});
afterAll(() => collector.close());

describe('the perf API', () => {
  it('delivers marks and measures to the collector on flush (here without a Worker: the page sends)', async () => {
    const perf = createPerf({ site: 'unit', key: 'unit-write-key', endpoint }, undefined);
    perf.mark('api-start', { id: 7 });
    perf.measure('api-span', 'api-start');
    await perf.flush();
    const events = await eventually(
      () => siteEvents(storage, 'unit'),
      (rows) => rows.length === 2,
    );
    expect(events.map((event) => [event.type, event.name])).toEqual([
      ['mark', 'api-start'],
      ['measure', 'api-span'],
    ]);
    // The mark's detail is the app's data: by default only its JSON's length goes.
    expect(events[0]?.fields).toEqual({ detailSize: 8 });
  });

  it('never throws, whatever it is called with, and what it coerces the collector accepts', async () => {
    const perf = createPerf({ site: 'odd', key: 'odd-write-key', endpoint }, undefined);
    const odd: unknown[] = [
      undefined,
      null,
      NaN,
      -1,
      Infinity,
      {},
      [],
      Symbol('x'),
      () => {},
      'x'.repeat(100_000),
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
        },
      ),
    ];
    const loose = perf as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const a of odd) {
      for (const b of odd) {
        expect(() => loose.mark?.(a, b)).not.toThrow();
        expect(() => loose.measure?.(a, b, a)).not.toThrow();
      }
    }
    await expect(perf.flush()).resolves.toBeUndefined();
    // Names that are strings or numbers were kept (coerced); everything else was ignored.
    const stored = await eventually(
      () => siteEvents(storage, 'odd'),
      (rows) => rows.length > 0,
    );
    expect(new Set(stored.map((event) => event.name))).toEqual(new Set(['NaN', '-1', 'Infinity', 'x'.repeat(256)]));
  });

  it('is inert, not broken, when the options are unusable', () => {
    expect(resolveOptions({ site: 'Not A Site', endpoint }, 'https://shop.example/')).toBeUndefined();
    expect(resolveOptions({ site: 'shop' }, 'https://shop.example/')).toBeUndefined();
    expect(resolveOptions({ site: 'shop', endpoint: '/v1/beacon' }, 'https://shop.example/a')).toMatchObject({
      endpoint: 'https://shop.example/v1/beacon',
    });
    const perf = inertPerf();
    expect(() => perf.mark('x')).not.toThrow();
    expect(typeof perf.version).toBe('string');
  });
});
