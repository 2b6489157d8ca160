import Fastify from 'fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { profilingHeader } from '../../src/profilingHeader/profilingHeader.js';
import { projectRoot } from '../support/collectorProcess.js';

const documentHeaders = { 'sec-fetch-dest': 'document', accept: 'text/html' };
const servers: Server[] = [];
afterAll(() => servers.forEach((server) => server.close()));

/** A plain Node `http` server calling the helper with `(req, res)`, as the README shows. */
async function nodeServer(setHeader: ReturnType<typeof profilingHeader>): Promise<string> {
  const server = createServer((request, response) => {
    setHeader(request, response);
    response.end('<!doctype html>');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const policyOf = async (url: string, headers: Record<string, string>) => (await fetch(url, { headers })).headers.get('document-policy');

describe('pageprof/server profilingHeader', () => {
  it('sets Document-Policy: js-profiling on document responses only (Node http)', async () => {
    const url = await nodeServer(profilingHeader({ fraction: 1 }));
    expect(await policyOf(url, documentHeaders)).toBe('js-profiling');
    expect(await policyOf(url, { 'sec-fetch-dest': 'iframe' })).toBe('js-profiling');
    expect(await policyOf(url, { 'sec-fetch-dest': 'script', accept: '*/*' })).toBeNull();
    expect(await policyOf(url, { 'sec-fetch-dest': 'empty', accept: 'text/html' })).toBeNull();
    // Without Fetch Metadata (older browsers), an Accept of HTML says document.
    expect(await policyOf(url, { accept: 'text/html,application/xhtml+xml' })).toBe('js-profiling');
    expect((await fetch(url, { method: 'POST', headers: documentHeaders })).headers.get('document-policy')).toBeNull();
  });

  it('sends it on the configured fraction of document responses', async () => {
    const draws = [0.05, 0.5, 0.24, 0.99];
    const url = await nodeServer(profilingHeader({ fraction: 0.25, random: () => draws.shift() ?? 1 }));
    const policies = [];
    for (let i = 0; i < 4; i++) policies.push(await policyOf(url, documentHeaders));
    expect(policies).toEqual(['js-profiling', null, 'js-profiling', null]);
    const never = await nodeServer(profilingHeader({ fraction: 0 }));
    expect(await policyOf(never, documentHeaders)).toBeNull();
  });

  it('says in Server-Timing on each document whether it sent the policy, so that the SDK need not try a Profiler the browser refuses; nothing on other responses', async () => {
    const draws = [0.05, 0.5];
    const url = await nodeServer(profilingHeader({ fraction: 0.25, random: () => draws.shift() ?? 1 }));
    const announced = async (headers: Record<string, string>) => (await fetch(url, { headers })).headers.get('server-timing');
    expect(await announced(documentHeaders)).toBe('js-profiling;desc=on');
    expect(await announced(documentHeaders)).toBe('js-profiling;desc=off');
    expect(await announced({ 'sec-fetch-dest': 'script', accept: '*/*' })).toBeNull();
  });

  it('works as fastify onRequest hook and as (req, res, next) middleware', async () => {
    const app = Fastify();
    app.addHook('onRequest', profilingHeader({ fraction: 1 }));
    app.get('/', async (_request, reply) => reply.type('text/html').send('<!doctype html>'));
    const response = await app.inject({ url: '/', headers: documentHeaders });
    expect(response.headers['document-policy']).toBe('js-profiling');
    await app.close();

    let nextCalled = false;
    const headers: Record<string, string> = {};
    profilingHeader({ fraction: 1 })(
      { method: 'GET', headers: documentHeaders },
      { setHeader: (name: string, value: string) => (headers[name] = value) },
      () => (nextCalled = true),
    );
    expect(headers).toEqual({ 'Document-Policy': 'js-profiling', 'Server-Timing': 'js-profiling;desc=on' });
    expect(nextCalled).toBe(true);
  });

  it('is what the package exports as pageprof/server (dist/server.mjs)', async () => {
    const built = (await import(pathToFileURL(join(projectRoot, 'dist/server.mjs')).href)) as { profilingHeader?: unknown };
    expect(typeof built.profilingHeader).toBe('function');
  });
});
