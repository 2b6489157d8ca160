import { expect, it } from 'vitest';
import type { Storage } from '../../src/collector/storage/Storage.js';

/** The contract's cases of alerts: states, the outbox of webhooks, a send's outcome. */
export function storageAlertCases(storage: () => Storage): void {
  const change = (key: string, state: string, at: number, site = 'demo') => ({ site, key, state, body: JSON.stringify({ key, state }), at });

  it("keeps each alert's last state, per site, and queues a webhook for every change, the oldest first", async () => {
    expect(await storage().alerts.states()).toEqual([]);
    const first = await storage().alerts.record(change('budget:LCP', 'over', 1000));
    const second = await storage().alerts.record(change('budget:LCP', 'within', 2000));
    const other = await storage().alerts.record(change('budget:LCP', 'over', 3000, 'blog'));
    expect(await storage().alerts.states()).toEqual([
      { site: 'blog', key: 'budget:LCP', state: 'over' },
      { site: 'demo', key: 'budget:LCP', state: 'within' },
    ]);
    const pending = await storage().alerts.pending();
    expect(pending.map((alert) => [alert.id, alert.site, alert.state, alert.at, alert.attempts])).toEqual([
      [first, 'demo', 'over', 1000, 0],
      [second, 'demo', 'within', 2000, 0],
      [other, 'blog', 'over', 3000, 0],
    ]);
    expect(JSON.parse(pending[0]?.body ?? '')).toEqual({ key: 'budget:LCP', state: 'over' });
  });

  it('counts a failed send and lets a delivered webhook leave the outbox', async () => {
    const id = await storage().alerts.record(change('regression:web-2', 'regressed', 1000));
    await storage().alerts.settle(id, false, 1100);
    await storage().alerts.settle(id, false, 1200);
    expect((await storage().alerts.pending()).map((alert) => alert.attempts)).toEqual([2]);
    await storage().alerts.settle(id, true, 1300);
    expect(await storage().alerts.pending()).toEqual([]);
    expect(await storage().alerts.states()).toEqual([{ site: 'demo', key: 'regression:web-2', state: 'regressed' }]);
  });
}
