import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEY } from '../support/beacons.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { queryApi } from '../support/queryApi.js';
import { postRelease } from '../support/releaseTraffic.js';
import type { ReleaseRegressions } from '../../src/protocol/queryRoutes.js';

interface Received {
  id: string;
  key: string;
  state: string;
  text: string;
}

/** A webhook receiver on a local port: what it took, and how many requests it should still refuse with a 500. */
function startReceiver() {
  const received: Received[] = [];
  const state = { refuse: 0, requests: 0 };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      state.requests++;
      if (state.refuse > 0) {
        state.refuse--;
        response.writeHead(500).end();
        return;
      }
      received.push(JSON.parse(body) as Received);
      response.writeHead(204).end();
    });
  });
  return new Promise<{ url: string; received: Received[]; state: typeof state; close(): void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/hook`, received, state, close: () => server.close() });
    }),
  );
}

const READ_TOKEN = 'alerts-read-token-of-at-least-32-characters';

const until = async (condition: () => boolean, what: string, ms = 15_000) => {
  for (const start = Date.now(); !condition(); ) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let collector: CollectorProcess;
let configFile = '';
beforeAll(async () => {
  receiver = await startReceiver();
  configFile = join(mkdtempSync(join(tmpdir(), 'pageprof-alerts-')), 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      sites: [{ id: 'demo', writeKey: DEMO_KEY, readToken: READ_TOKEN, origins: ['*'] }],
      ratePerIp: 0,
      budgets: [{ metric: 'LCP', p75: 2000 }],
      regressions: { minViews: 50 },
      alerts: { webhook: receiver.url, checkMs: 200 },
    }),
  );
  collector = await startCollector({ args: ['--config', configFile] });
});
afterAll(async () => {
  await collector?.stop();
  receiver?.close();
});

const told = () => receiver.received.map(({ key, state }) => `${key} ${state}`);

describe('webhook alerts', () => {
  it("tells a budget's change once, after retrying a receiver that failed, and not again after a restart", async () => {
    receiver.state.refuse = 1;
    // LCP p75 about 2200 ms: over the budget of 2000.
    await postRelease(collector.origin, 'web-1', { views: 60, seed: 11 });
    await until(() => receiver.received.length === 1, 'the first webhook');
    expect(told()).toEqual(['budget:LCP over']);
    expect(receiver.state.requests).toBe(2);
    expect(receiver.received[0]?.text).toMatch(/^demo web-1: LCP p75 2\d{3}(\.\d+)? is over its budget of 2000$/);
    await pause(1000);

    await collector.stop();
    collector = await startCollector({ dbFile: collector.dbFile, args: ['--config', configFile] });
    await pause(1500);
    expect(told()).toEqual(['budget:LCP over']);
    expect(receiver.state.requests).toBe(2);
  });

  it('tells the budget within again for a faster release, then a regression found with the function to blame', async () => {
    await postRelease(collector.origin, 'web-2', { views: 60, seed: 12, slowdown: 0.7 });
    await until(() => receiver.received.length === 2, 'the budget within');
    expect(told()).toEqual(['budget:LCP over', 'budget:LCP within']);
    await postRelease(collector.origin, 'web-3', { views: 60, seed: 13, slowdown: 1.5, share: 0.6 });
    await until(() => receiver.received.length === 4, 'the budget over and the regression');
    expect(told().slice(2).sort()).toEqual(['budget:LCP over', 'regression:web-3 regressed']);
    const regression = receiver.received.find((alert) => alert.key === 'regression:web-3');
    expect(regression?.text).toMatch(/^demo web-3 regressed against web-2: .*addToCart \(https:\/\/shop\.example\/assets\/app\.min\.js:1\)/);
    expect(new Set(receiver.received.map((alert) => alert.id)).size).toBe(4);
    await pause(1000);
    expect(receiver.received).toHaveLength(4);
  });

  it('lists each release against the one before it in GET /regressions, newest first, with what regressed', async () => {
    const { regressions } = await queryApi<{ regressions: ReleaseRegressions[] }>({ ...collector, readToken: READ_TOKEN }, 'regressions');
    expect(regressions.map(({ release, base }) => `${base} → ${release}`)).toEqual(['web-2 → web-3', 'web-1 → web-2']);
    const [latest, earlier] = regressions;
    expect(latest?.vitals.map((vital) => vital.name).sort()).toEqual(['CLS', 'FCP', 'INP', 'LCP', 'TTFB']);
    expect(latest?.functions.map((fn) => fn.name)).toEqual(['addToCart']);
    expect([...(earlier?.vitals ?? []), ...(earlier?.measures ?? []), ...(earlier?.functions ?? [])]).toEqual([]);
  });
});
