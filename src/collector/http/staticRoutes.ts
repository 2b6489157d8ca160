import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { profilingHeader } from '../../profilingHeader/profilingHeader.js';
import { inlineScriptHashes } from './inlineScriptHashes.js';

/** The dashboard runs only its own files: a string a page sent that reaches its DOM can never run. */
const DASHBOARD_CSP = "default-src 'self'; frame-ancestors 'none'";

/**
 * Serves the SDK bundles (`/pageprof.js`, `/pageprof.mjs`), the dashboard (`/dashboard/`) and, with
 * `demo`, the demo app (`/demo/`, its built scripts under `/demo/build/`). `root` is the package
 * folder: `dist/` and `demo/` sit below it. Files whose name starts with a dot are never served.
 * Demo documents are all profiled: they get `Document-Policy: js-profiling` through the same
 * helper site owners use (`pageprof/server`), and a CSP that allows their inline snippet by its
 * hash, as a site with a strict policy would.
 */
export function staticRoutes(app: FastifyInstance, root: string, { demo }: { demo: boolean }): void {
  const dist = join(root, 'dist');
  const files = { dotfiles: 'deny', serveDotFiles: false, decorateReply: false } as const;
  app.register(fastifyStatic, { root: dist, serve: false });
  app.register(fastifyStatic, {
    ...files,
    root: join(dist, 'dashboard'),
    prefix: '/dashboard/',
    setHeaders: (response) => response.setHeader('content-security-policy', DASHBOARD_CSP),
  });
  if (demo) {
    const demoCsp = (scripts: string) =>
      [
        `default-src 'self'`,
        `script-src 'self' ${scripts}`,
        // The SDK starts its worker from a blob: URL (README, "strict Content Security Policy").
        `worker-src 'self' blob:`,
        `frame-ancestors 'none'`,
      ].join('; ');
    const hashes = inlineScriptHashes(join(root, 'demo')).join(' ');
    // The test scenarios stage code that V8 keeps deoptimizing with eval (profiling.js); the demo
    // app itself runs under the strict policy.
    const [appCsp, scenarioCsp] = [demoCsp(hashes), demoCsp(`${hashes} 'unsafe-eval'`)];
    const withCsp = {
      setHeaders: (response: { setHeader(name: string, value: string): unknown }, path: string) =>
        response.setHeader('content-security-policy', path.includes('/scenarios/') ? scenarioCsp : appCsp),
    };
    app.register(fastifyStatic, { ...files, ...withCsp, root: join(dist, 'demo'), prefix: '/demo/build/' });
    app.register(fastifyStatic, { ...files, ...withCsp, root: join(root, 'demo'), prefix: '/demo/' });
    const demoProfilingHeader = profilingHeader({ fraction: 1 });
    app.addHook('onRequest', (request, reply, done) => (request.url.startsWith('/demo/') ? demoProfilingHeader(request, reply, done) : done()));
  }
  app.get('/pageprof.js', (_request, reply) => reply.type('text/javascript').sendFile('pageprof.js', dist, { maxAge: 0 }));
  app.get('/pageprof.mjs', (_request, reply) => reply.type('text/javascript').sendFile('pageprof.mjs', dist, { maxAge: 0 }));
  app.get('/pageprof-profiler.js', (_request, reply) => reply.type('text/javascript').sendFile('pageprof-profiler.js', dist, { maxAge: 0 }));
  for (const map of ['pageprof.js.map', 'pageprof.mjs.map']) app.get(`/${map}`, (_request, reply) => reply.sendFile(map, dist));
  app.get('/', (_request, reply) => reply.redirect('/dashboard/'));
}
