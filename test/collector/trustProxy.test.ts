import { afterEach, describe, expect, it } from 'vitest';
import { makeBeacon } from '../support/beacons.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { postBeacon } from '../support/httpPost.js';

/**
 * Behind one proxy, the client is the address that proxy saw, which it appends to
 * X-Forwarded-For (nginx: `$proxy_add_x_forwarded_for`). An attacker writes whatever it likes
 * into the header before that: here each beacon claims a new address, and the proxy (this test)
 * appends the attacker's real one.
 */
const RATE = 5;
let collector: CollectorProcess | undefined;
afterEach(() => collector?.stop());

async function spoofedStatuses(): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < RATE + 5; i++) {
    const spoofed = `203.0.113.${i + 1}, 198.51.100.${i + 1}, 192.0.2.77`;
    statuses.push((await postBeacon((collector as CollectorProcess).origin, makeBeacon(), { 'x-forwarded-for': spoofed })).status);
  }
  return statuses;
}

describe('--trust-proxy', () => {
  for (const trust of ['1', '127.0.0.1', '127.0.0.0/8']) {
    it(`--trust-proxy ${trust}: rotating X-Forwarded-For entries before the proxy's are limited as one client`, async () => {
      collector = await startCollector({ args: ['--trust-proxy', trust, '--rate-ip', String(RATE), '--rate-site', '0'] });
      const statuses = await spoofedStatuses();
      expect(statuses.slice(0, RATE)).toEqual(Array(RATE).fill(200));
      expect(statuses.slice(RATE)).toEqual(Array(5).fill(429));
    });
  }

  it('keys on the socket, not the header, without --trust-proxy', async () => {
    collector = await startCollector({ args: ['--rate-ip', String(RATE), '--rate-site', '0'] });
    expect((await spoofedStatuses()).slice(RATE)).toEqual(Array(5).fill(429));
    // Another client (another socket address) is not held up by the first one's limit.
    expect((await postBeacon(collector.origin, makeBeacon(), {}, '127.0.0.9')).status).toBe(200);
  });
});
