import type { AcceptedBeacon } from '../../../protocol/beacon.js';
import { beaconAttributes, type Attributes } from './beaconAttributes.js';

/** One value for a histogram: a vital or a `performance.measure` duration. */
export interface HistogramPoint {
  kind: 'histogram';
  /** `vital.LCP` … `vital.TTFB`, or `measure`. */
  instrument: string;
  value: number;
  attributes: Attributes;
}

/** A slow interaction or a long task: one log record each, with the page view it belongs to. */
export interface EventRecord {
  kind: 'log';
  eventName: 'pageprof.interaction' | 'pageprof.longtask';
  body: string;
  /** Epoch ms. */
  time: number;
  attributes: Record<string, string | number>;
}

export type Signal = HistogramPoint | EventRecord;

/** What a stored beacon is forwarded as: its vitals and measures as histogram points, its interactions and long tasks as log records. */
export function beaconSignals(beacon: AcceptedBeacon): Signal[] {
  const signals: Signal[] = [];
  const viewId = { 'pageprof.view.id': beacon.view.id };
  for (const event of beacon.events) {
    const attributes = beaconAttributes(beacon, event.route);
    const time = beacon.view.startedAt + event.start;
    if (event.type === 'vital') signals.push({ kind: 'histogram', instrument: `vital.${event.name}`, value: event.value, attributes });
    else if (event.type === 'measure')
      signals.push({ kind: 'histogram', instrument: 'measure', value: event.duration, attributes: { ...attributes, measure: event.name } });
    else if (event.type === 'interaction') {
      signals.push({
        kind: 'log',
        eventName: 'pageprof.interaction',
        body: `slow interaction: ${event.name} on ${event.target}, ${event.duration} ms`,
        time,
        attributes: {
          ...attributes,
          ...viewId,
          'interaction.type': event.name,
          'interaction.target': event.target,
          'interaction.duration': event.duration,
          'interaction.input_delay': event.inputDelay,
          'interaction.processing': event.processing,
          'interaction.presentation': event.presentation,
        },
      });
    } else if (event.type === 'longtask') {
      signals.push({
        kind: 'log',
        eventName: 'pageprof.longtask',
        body: `long task: ${event.duration} ms`,
        time,
        attributes: {
          ...attributes,
          ...viewId,
          'longtask.duration': event.duration,
          ...(event.container === undefined ? {} : { 'longtask.container': event.container }),
        },
      });
    }
  }
  return signals;
}
