import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from '../metrics/createMetrics.js';
import type { Storage } from './Storage.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The start of the hour `days` before `now`. Whole hours, because long-frame scripts are also
 * summed per hour (`frame_script_hours`): a cutoff inside an hour would delete some of its frames
 * and keep their sum. Retention runs hourly, so data lives at most an hour longer either way.
 */
export const retentionCutoff = (now: number, days: number) => Math.floor((now - days * DAY) / HOUR) * HOUR;

/** Deletes data older than `days`, once at start and then every hour. */
export function startRetention(storage: Storage, days: number, { metrics, log }: { metrics: Metrics; log: FastifyBaseLogger }) {
  const run = async () => {
    try {
      const removed = await storage.deleteBefore(retentionCutoff(Date.now(), days));
      for (const [table, count] of Object.entries(removed)) metrics.retained.inc({ table }, count);
      if (removed.events + removed.views + removed.batches + removed.sourceMaps > 0) log.info({ removed, days }, 'retention');
    } catch (error) {
      log.error({ err: error }, 'retention failed');
    }
  };
  const first = setTimeout(run, 1000);
  const timer = setInterval(run, HOUR);
  first.unref();
  timer.unref();
  return {
    stop(): void {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
