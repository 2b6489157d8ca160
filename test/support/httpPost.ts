import { request } from 'node:http';
import { connect } from 'node:net';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One raw HTTP request (node:http, not fetch), so a test controls every byte and header of what
 * it sends, and the local address it sends from (any of 127.0.0.0/8, to act as another client).
 */
export function httpRequest(
  url: string,
  {
    method = 'POST',
    headers = {},
    body,
    localAddress,
  }: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers, localAddress, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Posts a beacon body as JSON (or as given), the way the SDK's worker does. */
export function postBeacon(origin: string, body: unknown, headers: Record<string, string> = {}, localAddress?: string): Promise<HttpAnswer> {
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return httpRequest(`${origin}/v1/beacon`, { headers: { 'content-type': 'application/json', ...headers }, body: text, localAddress });
}

/**
 * Sends a request over a bare TCP socket and reads whatever answer comes back, ignoring the
 * write errors of a server that answers (413) and closes before a huge body is all sent.
 */
export function rawExchange(origin: string, head: string, body: Buffer): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0), text });
    });
    socket.write(`${head.replaceAll('\n', '\r\n')}\r\n`);
    socket.end(body);
  });
}
