import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';

/**
 * Serves the SDK bundles (`/pageprof.js`, `/pageprof.mjs`), the dashboard (`/dashboard/`) and the demo app
 * (`/demo/`). `root` is the package folder: `dist/` and `demo/` sit below it.
 */
export function staticRoutes(app: FastifyInstance, root: string): void {
  const dist = join(root, 'dist');
  app.register(fastifyStatic, { root: dist, serve: false });
  app.register(fastifyStatic, { root: join(dist, 'dashboard'), prefix: '/dashboard/', decorateReply: false });
  app.register(fastifyStatic, { root: join(root, 'demo'), prefix: '/demo/', decorateReply: false });
  app.get('/pageprof.js', (_request, reply) => reply.type('text/javascript').sendFile('pageprof.js', dist, { maxAge: 0 }));
  app.get('/pageprof.mjs', (_request, reply) => reply.type('text/javascript').sendFile('pageprof.mjs', dist, { maxAge: 0 }));
  for (const map of ['pageprof.js.map', 'pageprof.mjs.map']) app.get(`/${map}`, (_request, reply) => reply.sendFile(map, dist));
  app.get('/', (_request, reply) => reply.redirect('/dashboard/'));
}
