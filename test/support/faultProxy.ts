import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * What the proxy does to one beacon POST: pass it on; answer 500 or 429 with `Retry-After`
 * (seconds) itself; pass it on and, once the collector has answered (so has committed), close the
 * connection instead of answering (a lost response); or close it without passing it on (down).
 */
export type Fault = 'pass' | 500 | { status: 429 | 503; retryAfter: number } | 'lose-response' | 'down';

/** One beacon POST as the proxy saw it. */
export interface SeenBeacon {
  id: string;
  events: number;
  /** The events' names. */
  names: string[];
  dropped: number | undefined;
  /** The decoded body: everything the page sent. */
  json: string;
  /** Body bytes on the wire, and decoded. */
  bytes: number;
  jsonBytes: number;
  /** Request line and headers, as the browser sent them. */
  headerBytes: number;
  gzip: boolean;
  /** `Sec-Fetch-Mode`: `no-cors` for `sendBeacon` of text, `cors` for `fetch`. */
  mode: string | undefined;
  fault: Fault;
  /** When it arrived, epoch ms. */
  at: number;
}

export interface StaticFile {
  body: string | Buffer;
  type: string;
  headers?: Record<string, string>;
}

export interface FaultProxy {
  origin: string;
  /** Every beacon POST so far, in arrival order. */
  seen: SeenBeacon[];
  /** The batch ids of each known-batches query (KnownBatchesQuery) a page asked through the proxy. */
  asked: string[][];
  /** Faults for the next beacon POSTs, one each, in order; `always` after them (default `pass`). */
  inject(faults: Fault[], always?: Fault): void;
  /** Beacons whose event names this says true of get a 500, every time (a batch the collector cannot store), whatever was injected. */
  poison: (names: string[]) => boolean;
  setUpstream(origin: string): void;
  /** Milliseconds every beacon POST is held before the fault applies: widens races between tabs. */
  latency: number;
  /** Files the proxy serves itself, as the site's own origin would (test pages, a worker copy). */
  files: Map<string, StaticFile>;
  close(): Promise<void>;
}

/**
 * A reverse proxy in front of a real collector process that injects network and server faults
 * into `POST /v1/beacon`, so delivery is tested against the real collector and the real SQLite
 * file while the faults stay out of the collector's code.
 */
export async function startFaultProxy(upstream: string, port = 0): Promise<FaultProxy> {
  let target = new URL(upstream);
  let queue: Fault[] = [];
  let always: Fault = 'pass';
  const seen: SeenBeacon[] = [];
  const files = new Map<string, StaticFile>();

  const server = createServer((req, res) => {
    const file = files.get(req.url ?? '');
    if (file && req.method === 'GET') {
      res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', ...file.headers }).end(file.body);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url === '/v1/beacon/known') proxy.asked.push((JSON.parse(body.toString('utf8')) as { ids: string[] }).ids);
      if (req.method !== 'POST' || !/^\/v1\/beacon(\?|$)/.test(req.url ?? '')) return forward(req, res, body, 'pass');
      const beacon = describe(body, req);
      const fault = proxy.poison(beacon.names) ? 500 : (queue.shift() ?? always);
      seen.push({ ...beacon, fault });
      setTimeout(() => applyFault(req, res, body, fault), proxy.latency);
    });
  });

  function applyFault(req: IncomingMessage, res: ServerResponse, body: Buffer, fault: Fault): void {
    if (fault === 'down') return void req.socket.destroy();
    if (fault === 500) return void res.writeHead(500).end('injected');
    if (typeof fault === 'object') {
      res.writeHead(fault.status, { 'retry-after': String(fault.retryAfter) }).end('injected');
      return;
    }
    forward(req, res, body, fault);
  }

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, fault: Fault): void {
    // The Host header passes unchanged, as through any reverse proxy: the collector takes its own
    // origin from it, and the pages it serves through the proxy post from the proxy's origin.
    const upstreamRequest = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (upstreamResponse) => {
        const answer: Buffer[] = [];
        upstreamResponse.on('data', (chunk: Buffer) => answer.push(chunk));
        upstreamResponse.on('end', () => {
          if (fault === 'lose-response') return void req.socket.destroy();
          res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers).end(Buffer.concat(answer));
        });
      },
    );
    // Collector down: the browser sees the connection fail, as it would without a proxy.
    upstreamRequest.on('error', () => req.socket.destroy());
    upstreamRequest.end(body);
  }

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const proxy: FaultProxy = {
    origin: `http://127.0.0.1:${address.port}`,
    seen,
    asked: [],
    files,
    inject(faults, next = 'pass') {
      queue = [...faults];
      always = next;
    },
    poison: () => false,
    latency: 0,
    setUpstream(origin) {
      target = new URL(origin);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}

function describe(body: Buffer, req: IncomingMessage): Omit<SeenBeacon, 'fault'> {
  const gzip = body[0] === 0x1f && body[1] === 0x8b;
  const json = gzip ? gunzipSync(body) : body;
  const beacon = JSON.parse(json.toString('utf8')) as { id: string; events: { name: string }[]; dropped?: number };
  const mode = req.headers['sec-fetch-mode'];
  return {
    id: beacon.id,
    events: beacon.events.length,
    names: beacon.events.map((event) => event.name),
    json: json.toString('utf8'),
    dropped: beacon.dropped,
    bytes: body.length,
    jsonBytes: json.length,
    headerBytes: headerBytes(req),
    gzip,
    mode: typeof mode === 'string' ? mode : undefined,
    at: Date.now(),
  };
}

function headerBytes(req: IncomingMessage): number {
  let bytes = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n\r\n`.length;
  for (let i = 0; i < req.rawHeaders.length; i += 2) bytes += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`.length;
  return bytes;
}
