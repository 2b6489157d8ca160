import { PROFILING_ANNOUNCEMENT } from '../protocol/profilingAnnouncement.js';

/** The parts of a request the helper reads: Node's `IncomingMessage`, Express's and fastify's requests all have them. */
interface RequestLike {
  method?: string;
  headers: Record<string, string | string[] | undefined>;
}
/** Node's `ServerResponse` and Express's response have `setHeader`; fastify's reply has `header`. */
type ResponseLike = { setHeader(name: string, value: string): unknown } | { header(name: string, value: string): unknown };

export interface ProfilingHeaderOptions {
  /** Share of document responses (0..1) that get `Document-Policy: js-profiling`; default 0.1. */
  fraction?: number;
  /** Injectable for tests; `Math.random` by default. */
  random?: () => number;
}

const header = (request: RequestLike, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
};

/** A top-level or framed document load: the only responses whose headers set a document policy. */
export function isDocumentRequest(request: RequestLike): boolean {
  if (request.method !== undefined && request.method !== 'GET' && request.method !== 'HEAD') return false;
  const destination = header(request, 'sec-fetch-dest');
  if (destination) return destination === 'document' || destination === 'iframe';
  return header(request, 'accept').includes('text/html');
}

/**
 * `Document-Policy: js-profiling` lets a page construct a `Profiler`, and costs page loads
 * something even when no profiler runs (browser-notes: about 2.2× load time on Speedometer's apps),
 * so it is sent on a fraction of document responses only, and pageprof profiles those page views.
 * The returned function is a middleware for Node `http` (call it with `req, res`), Express
 * (`app.use(…)`) and fastify (`app.addHook('onRequest', …)`): it sets the header, says in `Server-Timing`
 * whether it did (`js-profiling;desc=on` or `off`: PROFILING_ANNOUNCEMENT), and calls `next`.
 */
export function profilingHeader(options: ProfilingHeaderOptions = {}) {
  const fraction = Math.min(1, Math.max(0, options.fraction ?? 0.1));
  const random = options.random ?? Math.random;
  return function setProfilingHeader(request: RequestLike, response: ResponseLike, next?: () => void): boolean {
    const isDocument = isDocumentRequest(request);
    const profiled = fraction > 0 && isDocument && random() < fraction;
    const set = (name: string, value: string) => ('setHeader' in response ? response.setHeader(name, value) : response.header(name, value));
    if (profiled) set('Document-Policy', 'js-profiling');
    // Said either way, so that the SDK constructs no Profiler the browser would refuse with a console error.
    if (isDocument) set('Server-Timing', `${PROFILING_ANNOUNCEMENT};desc=${profiled ? 'on' : 'off'}`);
    next?.();
    return profiled;
  };
}
