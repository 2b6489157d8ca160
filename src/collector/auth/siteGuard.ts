import type { FastifyInstance, RouteOptions } from 'fastify';
import { SITE_ID_PATTERN } from '../../protocol/limits.js';
import type { Site } from '../config/Config.js';
import { createFailureThrottle } from './createFailureThrottle.js';
import { bearerToken, createTokenCheck, type Access } from './tokenCheck.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route's token must grant; `read` when not said. */
    access?: Access;
  }
}

const SITE_PATH = '/v1/sites/';
const MINUTE = 60_000;
const siteParam = { type: 'string', pattern: SITE_ID_PATTERN } as const;

interface ObjectSchema {
  type?: string;
  properties?: Record<string, unknown>;
  required?: string[];
  additionalProperties?: unknown;
}

/**
 * Every route under `/v1/sites/:site/` takes its site from the path alone: its params must match a
 * site id, and its querystring refuses what it does not declare (a `?site=` among them). A route
 * without a querystring schema gets one that takes no parameters; one whose schema would let
 * unknown parameters through is a mistake refused at start.
 */
function holdToItsSite(route: RouteOptions): void {
  const schema = (route.schema ??= {});
  const params = (schema.params ?? {}) as ObjectSchema;
  schema.params = {
    ...params,
    type: 'object',
    properties: { ...params.properties, site: siteParam },
    required: [...new Set([...(params.required ?? []), 'site'])],
  };
  if (schema.querystring === undefined) {
    schema.querystring = { type: 'object', properties: {}, additionalProperties: false };
  } else if ((schema.querystring as ObjectSchema).additionalProperties !== false) {
    throw new Error(`${String(route.method)} ${route.url}: its querystring schema must refuse unknown parameters (additionalProperties: false)`);
  }
}

/**
 * The one guard of every route under `/v1/sites/:site/` (including ones registered later by other
 * modules, and paths that match no route): the request must carry a token of that site as
 * `Authorization: Bearer …`, a read token unless the route asks for another `access`. Runs at
 * `onRequest`, before the body is read, the schema checked or the handler run. No token → 401;
 * a wrong token, another site's or an unknown site → 403; an address with too many of those in
 * a minute → 429 until the minute is over.
 */
export function siteGuard(app: FastifyInstance, { sites, failuresPerIp }: { sites: readonly Site[]; failuresPerIp: number }): void {
  const grants = createTokenCheck(sites);
  const throttle = failuresPerIp > 0 ? createFailureThrottle(failuresPerIp, MINUTE) : undefined;

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(SITE_PATH)) holdToItsSite(route);
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(SITE_PATH) && !request.routeOptions.url?.startsWith(SITE_PATH)) return;
    const wait = throttle?.blockedFor(request.ip) ?? 0;
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return reply.code(429).send({ error: `too many failed authentications from this address, retry in ${wait} s` });
    }
    const token = bearerToken(request.headers.authorization);
    const access = request.routeOptions.config.access ?? 'read';
    if (!token) {
      throttle?.fail(request.ip);
      reply.header('www-authenticate', 'Bearer');
      return reply.code(401).send({ error: `a${access === 'read' ? ' read' : 'n upload'} token is required: Authorization: Bearer <token>` });
    }
    if (!grants((request.params as { site?: unknown } | undefined)?.site, token, access)) {
      throttle?.fail(request.ip);
      return reply.code(403).send({ error: `this token does not grant ${access} access to this site` });
    }
  });
}
