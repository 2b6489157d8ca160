import { SeverityNumber } from '@opentelemetry/api-logs';
import type { Counter } from 'prom-client';
import type { AcceptedBeacon } from '../../../protocol/beacon.js';
import { VITAL_NAMES } from '../../../protocol/limits.js';
import type { OtlpSettings } from '../../config/Config.js';
import { beaconSignals, type Signal } from './beaconSignals.js';
import { createOtlpProviders } from './createOtlpProviders.js';

/** Histogram bounds, ms: from a fast TTFB to a very slow LCP (the SDK's default ones are for seconds-scale values). */
const MS_BOUNDS = [25, 50, 100, 200, 300, 500, 800, 1000, 1800, 2500, 3000, 4000, 6000, 10_000, 20_000];
const CLS_BOUNDS = [0.01, 0.05, 0.1, 0.15, 0.25, 0.5, 1];
/** How long closing waits for a last export: a down endpoint must not hold up shutdown. */
const CLOSE_WAIT_MS = 2000;

type DropCounter = Counter<'reason'>;

/**
 * Forwards stored beacons to an OTLP/HTTP endpoint without slowing ingest: `forward` only turns
 * the beacon into a few small signals and queues them; every `intervalMs` they go to the SDK and
 * are flushed, and no new flush starts before the last one settled. While the endpoint is down
 * (the exporters retrying with backoff) the queue fills up to `maxQueue` signals; beyond that
 * they are dropped and counted (`queue_full`), as are log records of a flush that failed after its
 * retries (`export_failed`; metrics are cumulative, so the next export carries theirs).
 */
export function createOtlpExport(settings: OtlpSettings, dropped: DropCounter, warn: (message: string) => void) {
  const { meterProvider, loggerProvider } = createOtlpProviders(settings);
  const meter = meterProvider.getMeter('pageprof');
  const histograms = new Map(
    [...VITAL_NAMES.map((name) => `vital.${name}`), 'measure'].map((instrument) => [
      instrument,
      meter.createHistogram(`pageprof.${instrument}`, {
        unit: instrument === 'vital.CLS' ? '1' : 'ms',
        description: instrument === 'measure' ? 'performance.measure durations' : `${instrument.slice(6)} of page views`,
        advice: { explicitBucketBoundaries: instrument === 'vital.CLS' ? CLS_BOUNDS : MS_BOUNDS },
      }),
    ]),
  );
  const logger = loggerProvider.getLogger('pageprof');
  let queue: Signal[] = [];
  let flushing: Promise<void> | undefined;

  function handOver(signals: Signal[]): number {
    let logs = 0;
    for (const signal of signals) {
      if (signal.kind === 'histogram') histograms.get(signal.instrument)?.record(signal.value, signal.attributes);
      else {
        logs += 1;
        logger.emit({
          eventName: signal.eventName,
          body: signal.body,
          timestamp: signal.time,
          severityText: 'INFO',
          severityNumber: SeverityNumber.INFO,
          attributes: signal.attributes,
        });
      }
    }
    return logs;
  }

  async function flush(): Promise<void> {
    const taken = queue;
    queue = [];
    const logs = handOver(taken);
    const [metrics, records] = await Promise.allSettled([meterProvider.forceFlush(), loggerProvider.forceFlush()]);
    if (metrics.status === 'rejected') warn(`OTLP metrics export failed: ${String(metrics.reason)}`);
    if (records.status === 'rejected') {
      warn(`OTLP logs export failed: ${String(records.reason)}`);
      dropped.inc({ reason: 'export_failed' }, logs);
    }
  }

  function pump(): void {
    if (flushing || queue.length === 0) return;
    flushing = flush().finally(() => (flushing = undefined));
  }
  const timer = setInterval(pump, settings.intervalMs);
  timer.unref();

  return {
    /** Queues what a stored beacon is forwarded as; drops (and counts) what does not fit. */
    forward(beacon: AcceptedBeacon): void {
      const signals = beaconSignals(beacon);
      const room = Math.max(0, settings.maxQueue - queue.length);
      if (signals.length > room) dropped.inc({ reason: 'queue_full' }, signals.length - room);
      for (const signal of signals.slice(0, room)) queue.push(signal);
    },
    /** Sends what is queued and stops, waiting at most CLOSE_WAIT_MS. */
    async close(): Promise<void> {
      clearInterval(timer);
      const last = (flushing ?? Promise.resolve()).then(flush).then(() => Promise.allSettled([meterProvider.shutdown(), loggerProvider.shutdown()]));
      await Promise.race([last, new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    },
  };
}

export type OtlpExport = ReturnType<typeof createOtlpExport>;
