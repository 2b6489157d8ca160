import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { profilingHeader } from '../server/profilingHeader.js';

/**
 * Serves the SDK bundles (`/pageprof.js`, `/pageprof.mjs`), the dashboard (`/dashboard/`) and the
 * demo app (`/demo/`, its built scripts under `/demo/build/`). `root` is the package folder:
 * `dist/` and `demo/` sit below it. Demo documents are all profiled: they get
 * `Document-Policy: js-profiling` through the same helper site owners use (`pageprof/server`).
 */
export function staticRoutes(app: FastifyInstance, root: string): void {
  const dist = join(root, 'dist');
  app.register(fastifyStatic, { root: dist, serve: false });
  app.register(fastifyStatic, { root: join(dist, 'dashboard'), prefix: '/dashboard/', decorateReply: false });
  app.register(fastifyStatic, { root: join(dist, 'demo'), prefix: '/demo/build/', decorateReply: false });
  app.register(fastifyStatic, { root: join(root, 'demo'), prefix: '/demo/', decorateReply: false });
  const demoProfilingHeader = profilingHeader({ fraction: 1 });
  app.addHook('onRequest', (request, reply, done) => (request.url.startsWith('/demo/') ? demoProfilingHeader(request, reply, done) : done()));
  app.get('/pageprof.js', (_request, reply) => reply.type('text/javascript').sendFile('pageprof.js', dist, { maxAge: 0 }));
  app.get('/pageprof.mjs', (_request, reply) => reply.type('text/javascript').sendFile('pageprof.mjs', dist, { maxAge: 0 }));
  app.get('/pageprof-profiler.js', (_request, reply) => reply.type('text/javascript').sendFile('pageprof-profiler.js', dist, { maxAge: 0 }));
  for (const map of ['pageprof.js.map', 'pageprof.mjs.map']) app.get(`/${map}`, (_request, reply) => reply.sendFile(map, dist));
  app.get('/', (_request, reply) => reply.redirect('/dashboard/'));
}
