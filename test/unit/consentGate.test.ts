import { describe, expect, it } from 'vitest';
import type { PerfEvent } from '../../src/protocol/beacon.js';
import { MAX_EVENTS_PER_BEACON } from '../../src/protocol/limits.js';
import { createConsentGate } from '../../src/sdk/consentGate.js';

const mark = (name: string): PerfEvent => ({ type: 'mark', name, start: 1 });

function gate(pending: boolean) {
  const added: string[] = [];
  const started: string[] = [];
  const consent = createConsentGate(pending, (event) => added.push(event.name));
  consent.whenGranted(() => started.push('worker'));
  return { consent, added, started };
}

describe('the consent gate', () => {
  it('pending: holds events and work back until consent, then lets both through in order', () => {
    const { consent, added, started } = gate(true);
    consent.add(mark('a'));
    consent.add(mark('b'));
    expect([added, started, consent.granted()]).toEqual([[], [], false]);
    consent.decide(true);
    expect([added, started, consent.granted()]).toEqual([['a', 'b'], ['worker'], true]);
    consent.add(mark('c'));
    consent.decide(true);
    expect([added, started]).toEqual([['a', 'b', 'c'], ['worker']]);
  });

  it('pending, then refused: drops what was held and everything after, and starts nothing, even when asked again', () => {
    const { consent, added, started } = gate(true);
    consent.add(mark('a'));
    consent.decide(false);
    consent.add(mark('b'));
    consent.decide(true);
    expect([added, started, consent.granted()]).toEqual([[], [], false]);
  });

  it('holds at most one batch worth of events while pending', () => {
    const { consent, added } = gate(true);
    for (let i = 0; i < MAX_EVENTS_PER_BEACON + 10; i++) consent.add(mark(`m${i}`));
    consent.decide(true);
    expect(added).toHaveLength(MAX_EVENTS_PER_BEACON);
  });

  it('not pending: consent is given from the start; a later refusal stops recording', () => {
    const { consent, added, started } = gate(false);
    consent.add(mark('a'));
    expect([added, started]).toEqual([['a'], ['worker']]);
    consent.decide(false);
    consent.add(mark('b'));
    expect(added).toEqual(['a']);
  });
});
