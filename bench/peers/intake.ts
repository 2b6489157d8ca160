import { createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uploadContents, type UploadContents, type Uploader } from './uploadContents.js';

/** One request an SDK made to the intake, preflights included. */
export interface IntakeRequest extends UploadContents {
  sdk: Uploader | 'other';
  method: string;
  /** What it was for: the path, or for Datadog the intake path it asked the proxy to forward to. */
  target: string;
  /** Request line, headers and body, as they arrived. */
  sent: number;
  /** Status line, headers and body of the answer. */
  received: number;
  /** The answer's status; what it delivered (UploadContents) counts only when it was a 2xx. */
  status: number;
}

export interface Intake {
  origin: string;
  /** The requests recorded since the last call. */
  take(): IntakeRequest[];
  /** Resolves once no request has been open or arrived for `quietMs`, or after `maxMs`. */
  settled(quietMs: number, maxMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Another loopback address than the page's (127.0.0.1): another site, as a vendor's intake is, so
 * the page's cookies (Datadog's session cookie) are not sent along, as they would not be.
 */
const INTAKE_HOST = '127.0.0.2';

const headerBytes = (request: IncomingMessage) => {
  let head = `${request.method} ${request.url} HTTP/${request.httpVersion}\r\n`;
  for (let i = 0; i < request.rawHeaders.length; i += 2) head += `${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}\r\n`;
  return Buffer.byteLength(`${head}\r\n`);
};

/** Sends an answer and returns its size on the wire: Node keeps the serialised head in `_header` once sent. */
function reply(response: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: Buffer | string = ''): number {
  response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) }).end(body);
  return Buffer.byteLength((response as unknown as { _header: string | null })._header ?? '') + Buffer.byteLength(body);
}

/** CORS as a permissive real intake answers it: the page's origin echoed, with credentials (sendBeacon sends them). */
const cors = (request: IncomingMessage): OutgoingHttpHeaders => ({
  'access-control-allow-origin': request.headers.origin ?? '*',
  'access-control-allow-credentials': 'true',
  vary: 'Origin',
});
const preflight = (request: IncomingMessage): OutgoingHttpHeaders => ({
  ...cors(request),
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '',
  'access-control-max-age': '86400',
});

/** Forwards a request to pageprof's collector process and relays its answer as it was. */
function forward(
  collector: URL,
  request: IncomingMessage,
  path: string,
  body: Buffer,
): Promise<{ status: number; headers: OutgoingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const { host: _host, connection: _connection, ...headers } = request.headers;
    const upstream = httpRequest({ host: collector.hostname, port: collector.port, method: request.method, path, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const { connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, 'content-length': _l, ...kept } = answer.headers;
        resolve({ status: answer.statusCode ?? 502, headers: kept, body: Buffer.concat(chunks) });
      });
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/**
 * The one intake every SDK uploads to, on its own origin (cross-origin to the page, as a vendor's
 * intake or a collector on its own host is): Sentry's envelope endpoint (the DSN points here),
 * Datadog's `proxy`, the web-vitals reporter's endpoint, and pageprof's collector process behind
 * /pageprof/. It records every request's size on the wire and the profiles it delivered.
 */
export async function startIntake(collectorOrigin: string): Promise<Intake> {
  const collector = new URL(collectorOrigin);
  let recorded: IntakeRequest[] = [];
  let open = 0;
  let lastActivity = Date.now();

  type Answered = Pick<IntakeRequest, 'sdk' | 'target' | 'received' | 'status'>;

  async function answer(request: IncomingMessage, response: ServerResponse, body: Buffer): Promise<Answered> {
    const url = new URL(request.url ?? '/', 'http://intake');
    const preflighting = request.method === 'OPTIONS';
    if (url.pathname.startsWith('/pageprof/')) {
      const upstream = await forward(collector, request, url.pathname.slice('/pageprof'.length) + url.search, body);
      const received = reply(response, upstream.status, upstream.headers, upstream.body);
      return { sdk: 'pageprof', target: url.pathname, received, status: upstream.status };
    }
    if (url.pathname.startsWith('/api/1/envelope')) {
      // Sentry's own intake answers `*` and exposes its rate-limit headers to the SDK.
      const headers = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-sentry-error,x-sentry-rate-limits,retry-after' };
      if (preflighting) return { sdk: 'sentry', target: url.pathname, received: reply(response, 204, { ...headers, ...preflight(request) }), status: 204 };
      return { sdk: 'sentry', target: url.pathname, received: reply(response, 200, { ...headers, 'content-type': 'application/json' }, '{}'), status: 200 };
    }
    if (url.pathname === '/dd') {
      const target = url.searchParams.get('ddforward')?.split('?')[0] ?? '';
      if (preflighting) return { sdk: 'datadog', target, received: reply(response, 204, preflight(request)), status: 204 };
      // The profiler asks for its quota before it sends: admitted, as a paying account would be.
      const quota = target === '/api/v2/profiling/quota';
      const text = quota ? JSON.stringify({ data: { attributes: { admitted: true, reason: 'ok' } } }) : '{}';
      const status = quota ? 200 : 202;
      return { sdk: 'datadog', target, received: reply(response, status, { ...cors(request), 'content-type': 'application/json' }, text), status };
    }
    if (url.pathname === '/vitals') {
      return { sdk: 'webvitals', target: url.pathname, received: reply(response, 204, preflighting ? preflight(request) : cors(request)), status: 204 };
    }
    return { sdk: 'other', target: url.pathname, received: reply(response, 404, cors(request)), status: 404 };
  }

  const server = createServer((request, response) => {
    open++;
    lastActivity = Date.now();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      answer(request, response, body)
        .then((answered) => {
          const delivered = request.method === 'POST' && answered.status >= 200 && answered.status < 300 && answered.sdk !== 'other';
          const contents = delivered ? uploadContents(answered.sdk as Uploader, answered.target, body) : { profiles: [], events: [] };
          recorded.push({ ...answered, ...contents, method: request.method ?? '', sent: headerBytes(request) + body.length });
        })
        .catch((error: unknown) => {
          console.error('intake:', error);
          if (!response.headersSent) response.writeHead(502).end();
        })
        .finally(() => {
          open--;
          lastActivity = Date.now();
        });
    });
  }).listen(0, INTAKE_HOST);
  await new Promise((resolve) => server.once('listening', resolve));

  return {
    origin: `http://${INTAKE_HOST}:${(server.address() as AddressInfo).port}`,
    take: () => {
      const taken = recorded;
      recorded = [];
      return taken;
    },
    settled: async (quietMs, maxMs) => {
      // Quiet counts from the call too: an exit beacon may still be on its way when it is made.
      const since = Date.now();
      const deadline = since + maxMs;
      while (Date.now() < deadline && (open > 0 || Date.now() - Math.max(lastActivity, since) < quietMs))
        await new Promise((resolve) => setTimeout(resolve, 50));
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
