import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Why a beacon was refused: a closed set, so the label cannot grow with what attackers send. */
export type Rejection =
  | 'too_large'
  | 'content_type'
  | 'encoding'
  | 'json'
  | 'nesting'
  | 'schema'
  | 'inconsistent'
  | 'costly'
  | 'timestamp'
  | 'unknown_site'
  | 'write_key'
  | 'origin'
  | 'rate_ip'
  | 'rate_site'
  | 'rows_site'
  | 'overloaded'
  | 'storage'
  | 'other';

/** The collector's Prometheus metrics, served at `/metrics`. */
export function createMetrics(queueDepth: () => number) {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'pageprof_' });
  return {
    registry,
    accepted: new Counter({ name: 'pageprof_beacons_accepted_total', help: 'Beacons committed', labelNames: ['site'], registers }),
    duplicates: new Counter({
      name: 'pageprof_beacons_duplicate_total',
      help: 'Beacons acknowledged without storing: their batch id was already stored',
      labelNames: ['site'],
      registers,
    }),
    rejected: new Counter({ name: 'pageprof_beacons_rejected_total', help: 'Beacons refused, by reason', labelNames: ['reason'], registers }),
    rows: new Counter({ name: 'pageprof_rows_written_total', help: 'Event rows written', registers }),
    droppedProfiles: new Counter({
      name: 'pageprof_profiles_dropped_total',
      help: 'Profile windows left out of accepted beacons: their page view already had the most a view may store',
      labelNames: ['site'],
      registers,
    }),
    otlpDropped: new Counter({
      name: 'pageprof_otlp_dropped_total',
      help: 'Signals (histogram values, log records) of stored beacons not forwarded to the OTLP endpoint: the queue was full, or the export failed after its retries',
      labelNames: ['reason'],
      registers,
    }),
    flushSeconds: new Histogram({
      name: 'pageprof_flush_duration_seconds',
      help: 'Time to commit one batch of beacons',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    flushBeacons: new Histogram({
      name: 'pageprof_flush_beacons',
      help: 'Beacons per committed batch',
      buckets: [1, 4, 16, 64, 256, 1024],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'pageprof_queue_depth',
      help: 'Beacons waiting for a commit',
      registers,
      collect() {
        this.set(queueDepth());
      },
    }),
    retained: new Counter({
      name: 'pageprof_retention_deleted_total',
      help: 'Rows deleted by retention',
      labelNames: ['table'],
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
