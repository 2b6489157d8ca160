import type { RouteOptions } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollector } from '../../src/collector/createCollector.js';
import { parseConfig } from '../../src/collector/config/parseConfig.js';
import { openSqliteStorage } from '../../src/collector/storage/sqlite/openSqliteStorage.js';
import { projectRoot } from './collectorProcess.js';

export interface InProcessCollector {
  origin: string;
  /** Every route the collector registered, as fastify's `onRoute` hook saw it (HEAD twins left out). */
  routes: RouteOptions[];
  close(): Promise<void>;
}

/**
 * The collector in this process on a real socket (`listen({ port: 0 })`), on a SQLite file of
 * its own, with `config` (sites and settings as a config file has them).
 */
export async function startInProcessCollector(config: unknown): Promise<InProcessCollector> {
  const storage = openSqliteStorage(join(mkdtempSync(join(tmpdir(), 'pageprof-inprocess-')), 'pageprof.db'));
  const app = createCollector({ storage, config: parseConfig(config), root: projectRoot, logLevel: 'silent' });
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    if (route.method !== 'HEAD') routes.push(route);
  });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  return { origin, routes, close: () => app.close() };
}
