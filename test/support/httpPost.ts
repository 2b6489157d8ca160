import { request } from 'node:http';

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
  { method = 'POST', headers = {}, body, localAddress }: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {},
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
