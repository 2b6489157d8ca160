import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FrameScript, InteractionEvent, VitalEvent } from '../../../src/protocol/beacon.js';
import { trackInteractions } from '../../../src/sdk/metrics/trackInteractions.js';
import { event } from './entries.js';
import { fakePerformanceObserver } from './fakePerformanceObserver.js';

afterEach(() => {
  vi.unstubAllGlobals();
  delete (performance as { interactionCount?: number }).interactionCount;
});

function setup(scripts: () => FrameScript[] = () => []) {
  const fake = fakePerformanceObserver(['event', 'first-input']);
  const events: (InteractionEvent | VitalEvent)[] = [];
  const tracker = trackInteractions((recorded) => events.push(recorded), scripts);
  return { fake, events, tracker, inps: () => events.filter((recorded): recorded is VitalEvent => recorded.type === 'vital') };
}

describe('trackInteractions', () => {
  it('merges the entries of one interaction: its span, its phases, the event whose handlers ran longest', () => {
    const { fake, events, tracker } = setup();
    fake.emit('event', [
      event({ name: 'pointerdown', startTime: 1000, duration: 40, processingStart: 1002, processingEnd: 1003 }),
      event({ name: 'click', startTime: 1010, duration: 296, processingStart: 1012, processingEnd: 1290 }),
      event({ name: 'mousemove', interactionId: 0, duration: 500 }),
    ]);
    tracker.flush();
    expect(events[0]).toEqual({
      type: 'interaction',
      name: 'click',
      start: 1000,
      duration: 296,
      interactionId: 1,
      target: 'button#buy',
      inputDelay: 2,
      processing: 288,
      presentation: 16,
      scripts: [],
    });
    expect(events[1]).toMatchObject({ type: 'vital', name: 'INP', value: 296, rating: 'needs-improvement', start: 1000 });
  });

  it('takes entries the browser has not delivered yet at flush: a tab closed right after a slow click', () => {
    const frameScripts = [{ url: 'u', fn: 'slow', invoker: 'i', invokerType: 'event-listener', char: 1, start: 1, duration: 300, forcedLayout: 0, pause: 0 }];
    const scriptsBetween = vi.fn(() => frameScripts);
    const { fake, tracker, inps } = setup(scriptsBetween);
    fake.queue('event', [event({ duration: 320 })]);
    tracker.flush();
    expect(inps()).toHaveLength(1);
    expect(inps()[0]?.attribution).toMatchObject({ interactionTarget: 'button#buy', interactionType: 'pointer', scripts: frameScripts });
    expect(scriptsBetween).toHaveBeenCalledWith(1000, 1320);
  });

  it('reports INP for a page whose only interaction was under 16 ms: its first-input entry, with its target', () => {
    const { fake, events, tracker, inps } = setup();
    fake.queue('first-input', [event({ name: 'pointerdown', startTime: 500, duration: 8, processingStart: 503, processingEnd: 504 })]);
    tracker.flush();
    expect(inps()).toEqual([
      expect.objectContaining({ value: 8, rating: 'good', attribution: expect.objectContaining({ interactionTarget: 'button#buy', inputDelay: 3 }) }),
    ]);
    // The same interaction in an event entry too (16 ms or more): one interaction, not two.
    fake.emit('event', [event({ name: 'click', startTime: 500, duration: 16, processingStart: 503, processingEnd: 505 })]);
    tracker.flush();
    expect(events.filter((recorded) => recorded.type === 'interaction')).toHaveLength(1);
    expect(inps().map((inp) => inp.value)).toEqual([8, 16]);
  });

  it('estimates INP as web-vitals does: the n/50-th slowest of the ten kept', () => {
    const { fake, tracker, inps } = setup();
    fake.emit(
      'event',
      Array.from({ length: 12 }, (_, i) => event({ interactionId: i + 1, duration: 100 + i * 10 })),
    );
    (performance as { interactionCount?: number }).interactionCount = 120;
    tracker.flush();
    // 120 interactions → the third slowest (index 2) of 210, 200, 190, …
    expect(inps()[0]?.value).toBe(190);
  });

  it('reports each interaction once and INP again only when it changed', () => {
    const { fake, events, tracker, inps } = setup();
    fake.emit('event', [event({ duration: 200 })]);
    tracker.flush();
    tracker.flush();
    expect(events).toHaveLength(2);
    fake.emit('event', [event({ interactionId: 2, duration: 400, name: 'keydown', targetSelector: '' })]);
    tracker.flush();
    expect(events.filter((recorded) => recorded.type === 'interaction')).toHaveLength(2);
    expect(inps().map((inp) => [inp.value, inp.attribution.interactionType, inp.attribution.interactionTarget])).toEqual([
      [200, 'pointer', 'button#buy'],
      [400, 'keyboard', ''],
    ]);
  });

  it('starts each route with no interactions: INP per route', () => {
    const { fake, tracker, inps } = setup();
    fake.emit('event', [event({ duration: 500 })]);
    tracker.flush();
    tracker.reset();
    fake.emit('event', [event({ interactionId: 2, duration: 104 })]);
    tracker.flush();
    expect(inps().map((inp) => inp.value)).toEqual([500, 104]);
  });

  it('without Event Timing reports nothing and does not throw', () => {
    fakePerformanceObserver([]);
    const record = vi.fn();
    const tracker = trackInteractions(record, () => []);
    expect(() => {
      tracker.flush();
      tracker.reset();
    }).not.toThrow();
    expect(record).not.toHaveBeenCalled();
  });
});
