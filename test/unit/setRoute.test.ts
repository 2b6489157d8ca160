import { describe, expect, it } from 'vitest';
import type { PerfEvent } from '../../src/protocol/beacon.js';
import { createPerf } from '../../src/sdk/perf.js';

describe('perf.setRoute', () => {
  it('names the route from then on, and a call queued by the snippet keeps the time it was made', () => {
    const seen: PerfEvent[] = [];
    // beforeSend sees every event; dropping them all keeps this test off the network.
    const perf = createPerf({ site: 'unit', endpoint: 'http://127.0.0.1:9/v1/beacon', beforeSend: (event) => void seen.push(event) }, undefined);
    perf.replay([['setRoute', ['landing'], 1.5]]);
    perf.mark('on-landing');
    perf.setRoute('checkout');
    perf.mark('on-checkout');
    const routed = seen.filter((event) => event.type === 'route' || event.type === 'mark');
    expect(routed.map((event) => [event.type, event.name, event.route])).toEqual([
      ['route', 'landing', 'landing'],
      ['mark', 'on-landing', 'landing'],
      ['route', 'checkout', 'checkout'],
      ['mark', 'on-checkout', 'checkout'],
    ]);
    expect(routed[0]?.start).toBe(1.5);
    expect(() => (perf.setRoute as (name: unknown) => void)({ not: 'a name' })).not.toThrow();
  });
});
