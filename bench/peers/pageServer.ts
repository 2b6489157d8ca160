import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { profilingHeader } from '../../src/profilingHeader/profilingHeader.js';
import { projectRoot } from '../../test/support/collectorProcess.js';
import type { Variant } from './variants.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** 48 products, the same on every load. */
const products = JSON.stringify(
  Array.from({ length: 48 }, (_, i) => ({ id: i + 1, name: `Product ${i + 1}`, base: 5 + ((i * 7.3) % 90), price: 5 + ((i * 7.3) % 90) })),
);

export interface PageServer {
  origin: string;
  /** Chooses what `/` serves next: loads run one at a time, so the URL is the same for every variant. */
  use(variant: Variant): void;
  /** The SDK files (under /sdk/) served since the last call, as paths on disk. */
  takeSdkFiles(): string[];
  close(): Promise<void>;
}

/**
 * The shop page of every variant (bench/peers/page), with the variant's SDK tags in its head and
 * its document policy, the SDK files under /sdk/<name>/, and the products the app fetches.
 */
export async function startPageServer(sdkDirs: Record<string, string>, intake: string): Promise<PageServer> {
  const pageDir = join(projectRoot, 'bench', 'peers', 'page');
  const template = readFileSync(join(pageDir, 'index.html'), 'utf8');
  const pageprofHeader = profilingHeader({ fraction: 1 });
  let current: Variant | undefined;
  let sdkFiles: string[] = [];

  const send = (response: ServerResponse, file: string) => {
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return void response.writeHead(404).end();
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      if (current?.documentPolicy === 'pageprof') pageprofHeader(request, response);
      else if (current && current.documentPolicy !== 'none') response.setHeader('Document-Policy', current.documentPolicy);
      response.writeHead(200, { 'content-type': types['.html'] }).end(template.replace('<!--sdk-->', current?.tags(intake) ?? ''));
    } else if (path === '/api/products.json') {
      response.writeHead(200, { 'content-type': types['.json'] }).end(products);
    } else if (path.startsWith('/sdk/')) {
      const [, , sdk = '', ...rest] = path.split('/');
      const dir = sdkDirs[sdk];
      const file = dir && normalize(join(dir, ...rest));
      if (!file?.startsWith(`${dir}/`)) return void response.writeHead(404).end();
      sdkFiles.push(file);
      send(response, file);
    } else {
      const file = normalize(join(pageDir, path));
      if (!file.startsWith(`${pageDir}/`) || file.endsWith('index.html')) return void response.writeHead(404).end();
      send(response, file);
    }
  };

  const server = createServer(handle).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    use: (variant) => void (current = variant),
    takeSdkFiles: () => {
      const files = sdkFiles;
      sdkFiles = [];
      return files;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
