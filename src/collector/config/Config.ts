import { Type, type Static } from '@sinclair/typebox';

const secret = Type.String({ minLength: 8, maxLength: 128 });

export const Site = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$' }),
    /** Public: it is in the script tag; it only says which site a beacon claims to be for. */
    writeKey: secret,
    /** Secret: the dashboard's and the query API's bearer token for this site. */
    readToken: secret,
    /**
     * Origins whose pages may post beacons (`https://shop.example`), `self` for pages the
     * collector serves itself, `*` for any.
     */
    origins: Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { minItems: 1 }),
  },
  { additionalProperties: false },
);

/** The collector's settings: the `--config` JSON file, with flags and defaults filling the rest. */
export const Config = Type.Object(
  {
    sites: Type.Array(Site, { minItems: 1 }),
    /** Days of data kept; beacons that claim to be older are refused. */
    retentionDays: Type.Number({ exclusiveMinimum: 0, default: 30 }),
    /** Beacons per minute, 0 for no limit. */
    ratePerIp: Type.Integer({ minimum: 0, default: 600 }),
    ratePerSite: Type.Integer({ minimum: 0, default: 60_000 }),
    /**
     * How long the first beacon of a group commit waits for others, ms. 0: commit as soon as the
     * previous commit is done, so under load each commit takes everything that arrived during
     * the last one (batches grow with load, latency stays low).
     */
    flushMs: Type.Integer({ minimum: 0, maximum: 1000, default: 0 }),
    /** Beacons waiting for a commit beyond which new ones get 503 + Retry-After. */
    maxQueue: Type.Integer({ minimum: 1, default: 20_000 }),
    /** Honour X-Forwarded-For (behind a reverse proxy) for per-IP limits. */
    trustProxy: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

export type Site = Static<typeof Site>;
export type Config = Static<typeof Config>;
