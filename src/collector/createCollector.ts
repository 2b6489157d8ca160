import Fastify, { type FastifyInstance } from 'fastify';
import { ingestRoute } from './ingestRoute.js';
import { registerProfiles } from './profiles/registerProfiles.js';
import { queryRoutes } from './queryRoutes.js';
import { staticRoutes } from './staticRoutes.js';
import type { Storage } from './storage/Storage.js';

export interface CollectorOptions {
  storage: Storage;
  /** The package folder holding `dist/` and `demo/`. */
  root: string;
  logLevel?: string;
}

export function createCollector({ storage, root, logLevel = 'warn' }: CollectorOptions): FastifyInstance {
  const app = Fastify({ logger: { level: logLevel } });
  app.get('/healthz', async () => ({ ok: true }));
  ingestRoute(app, storage);
  queryRoutes(app, storage);
  // Until sites have configured write keys, the demo site's is the only one (demo/*.html carry it).
  registerProfiles(app, storage.profiles, (site) => (site === 'demo' ? 'demo-public-key' : undefined));
  staticRoutes(app, root);
  app.addHook('onClose', async () => storage.close());
  return app;
}
