import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector } from '../../src/collector/createCollector.js';
import { demoSite } from '../../src/collector/config/demoSite.js';
import { parseConfig } from '../../src/collector/config/parseConfig.js';
import { openSqliteStorage } from '../../src/collector/storage/sqlite/openSqliteStorage.js';
import type { Storage } from '../../src/collector/storage/Storage.js';
import { makeBeacon, makeProfileEvent } from '../support/beacons.js';
import { METRICS_TOKEN, projectRoot, startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { httpRequest, postBeacon } from '../support/httpPost.js';

const READ_TOKEN = 'hardening-test-read-token-of-32-chars';
let collector: CollectorProcess;
beforeAll(async () => {
  collector = await startCollector({ args: ['--read-token', READ_TOKEN, '--rate-ip', '0'] });
});
afterAll(() => collector?.stop());

const reason = async (beacon: unknown) => {
  const answer = await postBeacon(collector.origin, beacon);
  return [answer.status, (JSON.parse(answer.body) as { error: string }).error] as const;
};

describe('bounds on every field', () => {
  it('refuses absurd numbers in counts, positions and sizes, naming the field', async () => {
    const beacon = () => makeBeacon();
    const cases: [string, (value: ReturnType<typeof beacon>) => void][] = [
      ['/dropped', (b) => void (b.dropped = 1e300)],
      ['/view/startedAt', (b) => void (b.view.startedAt = 1e300)],
      ['/view/viewport/width', (b) => void ((b.view.viewport as { width: number }).width = 1e12)],
      ['/events/8/scripts/0/char', (b) => void ((b.events[8] as { scripts: { char: number }[] }).scripts[0]!.char = 1e300)],
      ['/events/12/value', (b) => void ((b.events[12] as { value: number }).value = 1e300)],
      ['/events/0/attribution/waitingDuration', (b) => void ((b.events[0] as { attribution: Record<string, unknown> }).attribution.waitingDuration = 1e300)],
    ];
    for (const [field, spoil] of cases) {
      const spoilt = beacon();
      spoil(spoilt);
      const [status, error] = await reason(spoilt);
      expect(status, field).toBe(400);
      expect(error, field).toMatch(new RegExp(`^${field.replaceAll('/', '\\/')}`));
    }
    const window = makeProfileEvent('huge');
    window.functions[0] = [1, 1, 1, 1e300, 1e300];
    expect((await reason(makeBeacon({ events: [window] })))[0]).toBe(400);
  });

  it('takes attribution and phases keys that are identifiers only', async () => {
    for (const key of ['<img src=x>', 'has space', '__proto__ ', '1leading', 'a'.repeat(65)]) {
      const spoilt = makeBeacon();
      (spoilt.events[0] as { attribution: Record<string, unknown> }).attribution[key] = 1;
      expect((await reason(spoilt))[0], key).toBe(400);
      const phases = makeBeacon();
      (phases.events[5] as { phases: Record<string, number> }).phases[key] = 1;
      expect((await reason(phases))[0], key).toBe(400);
    }
  });

  it('refuses an event that ends after its beacon was sent', async () => {
    const late = makeBeacon();
    late.events.push({ type: 'measure', name: 'from the future', start: late.sentAt - late.view.startedAt + 11 * 60_000, duration: 1 });
    expect(await reason(late)).toEqual([400, '/events/13 ends after /sentAt: events belong to the view before the beacon was sent']);
  });
});

describe('headers, static files and metrics', () => {
  it('sends nosniff and no-referrer on every answer, and a CSP on the dashboard and on demo pages', async () => {
    for (const path of ['/healthz', '/dashboard/', '/demo/', '/pageprof.js', '/v1/sites/demo/views']) {
      const answer = await httpRequest(`${collector.origin}${path}`, { method: 'GET' });
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
      expect(answer.headers['referrer-policy'], path).toBe('no-referrer');
    }
    const dashboard = await httpRequest(`${collector.origin}/dashboard/`, { method: 'GET' });
    expect(dashboard.headers['content-security-policy']).toBe("default-src 'self'; frame-ancestors 'none'");
    expect(dashboard.body).not.toMatch(/<style|style="|<script>/);
    const demo = await httpRequest(`${collector.origin}/demo/`, { method: 'GET' });
    const snippet = /<script>([\s\S]*?)<\/script>/.exec(readFileSync(join(projectRoot, 'demo/index.html'), 'utf8'))?.[1] ?? '';
    const csp = String(demo.headers['content-security-policy']);
    expect(csp).toMatch(/^default-src 'self'; script-src 'self' /);
    expect(csp).toContain(`'sha256-${createHash('sha256').update(snippet).digest('base64')}'`);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('serves the demo only without --config, or with --demo', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pageprof-demo-')), 'sites.json');
    writeFileSync(file, JSON.stringify({ sites: [{ id: 'shop', writeKey: 'shop-write-key', readToken: READ_TOKEN, origins: ['*'] }] }));
    for (const [args, status] of [
      [[], 404],
      [['--demo'], 200],
    ] as const) {
      const configured = await startCollector({ args: ['--config', file, ...args] });
      expect((await httpRequest(`${configured.origin}/demo/index.html`, { method: 'GET' })).status, args.join(' ')).toBe(status);
      await configured.stop();
    }
  });

  it('serves /metrics with the metrics token only, or without one on --metrics-port bound to loopback', async () => {
    const get = (url: string, token?: string) => httpRequest(url, { method: 'GET', headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await get(`${collector.origin}/metrics`)).status).toBe(401);
    expect((await get(`${collector.origin}/metrics`, READ_TOKEN)).status).toBe(403);
    expect((await get(`${collector.origin}/metrics`, METRICS_TOKEN)).body).toContain('pageprof_beacons_accepted_total');
    const separate = await startCollector({ args: ['--metrics-port', '0'] });
    const port = /metrics: +http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(separate.output())?.[1];
    expect((await get(`http://127.0.0.1:${port}/metrics`)).body).toContain('pageprof_beacons_accepted_total');
    await separate.stop();
  });
});

describe('in-process answers', () => {
  const root = mkdtempSync(join(tmpdir(), 'pageprof-root-'));
  for (const dir of ['dist/dashboard', 'dist/demo', 'demo']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'demo/.secret'), 'do not serve');
  writeFileSync(join(root, 'demo/index.html'), '<!doctype html><p>demo</p>');
  const failing = (storage: Storage): Storage => ({ ...storage, vitals: async () => Promise.reject(new Error('SQLITE_CORRUPT: /var/lib/pageprof/secret.db')) });
  const app = createCollector({
    storage: failing(openSqliteStorage(':memory:')),
    config: parseConfig({ sites: [demoSite(READ_TOKEN)] }),
    root,
    logLevel: 'silent',
    demo: true,
  });
  afterAll(() => app.close());

  it('never serves a dotfile', async () => {
    expect((await app.inject({ url: '/demo/index.html' })).statusCode).toBe(200);
    for (const url of ['/demo/.secret', '/demo/%2esecret', '/demo/./.secret']) {
      const answer = await app.inject({ url });
      expect(answer.statusCode, url).toBeGreaterThanOrEqual(403);
      expect(answer.body, url).not.toContain('do not serve');
    }
  });

  it('answers a failure with 500 and no internal message', async () => {
    const answer = await app.inject({ url: '/v1/sites/demo/vitals', headers: { authorization: `Bearer ${READ_TOKEN}` } });
    expect(answer.statusCode).toBe(500);
    expect(answer.json()).toEqual({ error: 'internal error' });
  });

  it('names an export file with letters, digits and dashes only', async () => {
    const answer = await app.inject({
      url: '/v1/sites/demo/profiles/export?format=folded&kind=interaction',
      headers: { authorization: `Bearer ${READ_TOKEN}` },
    });
    expect(answer.headers['content-disposition']).toBe('attachment; filename="pageprof-demo-interaction.folded"');
  });
});
