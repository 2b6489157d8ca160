import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { retryDelay } from '../../protocol/retryDelay.js';
import type { Config } from '../config/Config.js';
import type { ProfileReader } from '../profiles/createProfileReader.js';
import type { Storage } from '../storage/Storage.js';
import { checkAlerts, QUIET_STATES } from './checkAlerts.js';

/** A receiver that takes longer than this to answer counts as a failed send. */
const SEND_TIMEOUT_MS = 10_000;

/**
 * The alerts' loop: every `checkMs`, each site's alerts (checkAlerts) are compared with their
 * stored states; each change is recorded with its webhook (AlertStorage), then the outbox is sent,
 * each failed webhook again after a backoff (retryDelay). Stored states and outbox are what make
 * a change told once, also across a restart. Returns `{ stop }`.
 */
export function startAlerts(storage: Storage, profiles: ProfileReader, config: Config, log: FastifyBaseLogger): { stop(): Promise<void> } {
  const alerts = config.alerts;
  if (!alerts) return { stop: async () => {} };
  const nextAttempt = new Map<number, number>();
  let states: Map<string, string> | undefined;

  const record = async (site: string) => {
    const rule = { budgets: config.budgets, rule: config.compare, minViews: config.regressions.minViews };
    for (const alert of await checkAlerts(storage, profiles, site, rule)) {
      const stateKey = `${site}\n${alert.key}`;
      const before = states?.get(stateKey);
      if (alert.state === before || (before === undefined && QUIET_STATES.has(alert.state))) continue;
      const at = Date.now();
      const message = { id: randomUUID(), site, key: alert.key, state: alert.state, at, text: alert.text, ...alert.details };
      const body = JSON.stringify(alerts.format === 'slack' ? { text: alert.text } : message);
      await storage.alerts.record({ site, key: alert.key, state: alert.state, body, at });
      states?.set(stateKey, alert.state);
    }
  };
  const deliver = async () => {
    for (const alert of await storage.alerts.pending()) {
      if ((nextAttempt.get(alert.id) ?? 0) > Date.now()) continue;
      const delivered = await fetch(alerts.webhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: alert.body,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      }).then(
        (response) => response.ok,
        () => false,
      );
      await storage.alerts.settle(alert.id, delivered, Date.now());
      if (delivered) nextAttempt.delete(alert.id);
      else nextAttempt.set(alert.id, Date.now() + retryDelay(alert.attempts));
    }
  };
  const tick = async () => {
    states ??= new Map((await storage.alerts.states()).map(({ site, key, state }) => [`${site}\n${key}`, state]));
    for (const site of config.sites) await record(site.id);
    await deliver();
  };

  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().catch((error: unknown) => log.error({ err: error }, 'alerts check failed'));
      void running.then(schedule);
    }, alerts.checkMs);
    timer.unref();
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
