import { Type, type Static } from '@sinclair/typebox';
import { Budget } from '../../protocol/budgets.js';
import { SITE_ID_PATTERN } from '../../protocol/limits.js';
import { PAGE_GROUP_PATTERN } from './pageGroups.js';

/** Secrets are long enough that guessing one, even at the rate a flood allows, is hopeless. */
export const MIN_SECRET_LENGTH = 32;
const secret = Type.String({ minLength: MIN_SECRET_LENGTH, maxLength: 256 });

/** A site as the config file declares it (`readToken` is the one-token shorthand of `readTokens`). */
export const SiteInput = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, pattern: SITE_ID_PATTERN }),
    /** Public: it is in the script tag; it only says which site a beacon claims to be for. */
    writeKey: Type.String({ minLength: 8, maxLength: 128 }),
    /**
     * Secrets: the dashboard's and the query API's bearer tokens for this site. Several, so that one
     * can be rotated without downtime: add the new one, move the dashboards over, remove the old one.
     */
    readTokens: Type.Optional(Type.Array(secret, { minItems: 1, maxItems: 8 })),
    readToken: Type.Optional(secret),
    /**
     * Secret: the only token that may upload source maps. Not a read token: a map decides which
     * function the dashboard names, so reading the dashboard must not be enough to change it.
     * Without one the site takes no uploads.
     */
    uploadToken: Type.Optional(secret),
    /**
     * Origins whose pages may post beacons (`https://shop.example`), `self` for pages the
     * collector serves itself, `*` for any.
     */
    origins: Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { minItems: 1 }),
    /**
     * Where the backend's traces are read (`https://tempo.example/trace/{traceId}`): a page view
     * whose document response had a `traceparent` Server-Timing entry links to its trace.
     */
    traceUrl: Type.Optional(Type.String({ maxLength: 512, pattern: '^https?://[^\\s]*\\{traceId\\}' })),
    /**
     * Page groups (`/product/:slug`, `/docs/*`): a page view whose path matches one is stored under
     * it, the first that matches (pageGroups.ts). Ids, UUIDs, hashes and e-mail addresses are
     * collapsed on the page already (`:id`, `:hex`, `:email`); these rules collapse the rest.
     */
    pageGroups: Type.Optional(Type.Array(Type.String({ maxLength: 256, pattern: PAGE_GROUP_PATTERN }), { maxItems: 200 })),
  },
  { additionalProperties: false },
);

/** A proxy in front of the collector: how many hops to trust, or the proxies' addresses (CIDR allowed). */
const TrustProxy = Type.Union([Type.Integer({ minimum: 0, maximum: 16 }), Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1 })]);

/**
 * How two releases' comparisons are called (README, "Comparing releases"): a change is a
 * regression or an improvement only with `minSamples` values (or profile samples) in each
 * release, a Benjamini–Hochberg discovery at `falseDiscoveryRate` among all of an answer's
 * tests, and at least `minChange` of the base release's value.
 */
const CompareRule = Type.Object(
  {
    minSamples: Type.Integer({ minimum: 2, default: 30 }),
    minChange: Type.Number({ minimum: 0, maximum: 10, default: 0.05 }),
    falseDiscoveryRate: Type.Number({ exclusiveMinimum: 0, maximum: 0.5, default: 0.05 }),
  },
  { additionalProperties: false, default: {} },
);

/** When a release is compared with the one before it: once it has `minViews` page views (and so does the one before). */
const RegressionRule = Type.Object({ minViews: Type.Integer({ minimum: 1, default: 200 }) }, { additionalProperties: false, default: {} });

/**
 * Webhooks on a budget's change of state (over / within, for the latest release) and on a release
 * found regressed, checked every `checkMs`: JSON, or Slack's `{ text }` form with `format: slack`.
 */
const Alerts = Type.Object(
  {
    webhook: Type.String({ minLength: 1, maxLength: 2048, pattern: '^https?://' }),
    format: Type.Union([Type.Literal('json'), Type.Literal('slack')], { default: 'json' }),
    checkMs: Type.Integer({ minimum: 100, maximum: 86_400_000, default: 60_000 }),
  },
  { additionalProperties: false },
);

/** Where stored beacons are forwarded as OpenTelemetry (`--otlp-endpoint`, `--otlp-header`). */
export const OtlpInput = Type.Object(
  {
    /** The OTLP/HTTP base URL: metrics go to `/v1/metrics` under it, logs to `/v1/logs`. */
    endpoint: Type.String({ pattern: '^https?://' }),
    /** Sent with every export (an API key: `{ "authorization": "Bearer …" }`). */
    headers: Type.Record(Type.String({ minLength: 1 }), Type.String(), { default: {} }),
    /** How often what was stored is exported, ms. */
    intervalMs: Type.Integer({ minimum: 10, maximum: 600_000, default: 10_000 }),
    /** Signals (histogram values and log records) waiting for an export beyond which new ones are dropped and counted. */
    maxQueue: Type.Integer({ minimum: 1, maximum: 10_000_000, default: 100_000 }),
  },
  { additionalProperties: false },
);

/** The collector's settings: the `--config` JSON file, with flags and defaults filling the rest. */
export const ConfigInput = Type.Object(
  {
    sites: Type.Array(SiteInput, { minItems: 1 }),
    /** Days of data kept; beacons that claim to be older are refused. */
    retentionDays: Type.Number({ exclusiveMinimum: 0, maximum: 3650, default: 30 }),
    /** Beacons per minute, 0 for no limit. */
    ratePerIp: Type.Integer({ minimum: 0, default: 600 }),
    ratePerSite: Type.Integer({ minimum: 0, default: 60_000 }),
    /** Failed authentications (401, 403) per address and minute before the address is refused for the rest of it; 0 for no limit. */
    authFailuresPerIp: Type.Integer({ minimum: 0, default: 30 }),
    /**
     * Rows a site may store per minute, 0 for no limit: the beacon count alone does not bound what
     * storage pays, since one beacon may be 13 rows or a few thousand.
     */
    rowsPerSite: Type.Integer({ minimum: 0, default: 1_000_000 }),
    /** Source maps kept per site, and their total size in bytes (a new release's maps replace none). */
    sourceMapsPerSite: Type.Integer({ minimum: 1, default: 500 }),
    sourceMapBytesPerSite: Type.Integer({ minimum: 1, default: 512 * 1024 * 1024 }),
    /**
     * How long the first beacon of a group commit waits for others, ms. 0: commit as soon as the
     * previous commit is done, so under load each commit takes everything that arrived during
     * the last one (batches grow with load, latency stays low).
     */
    flushMs: Type.Integer({ minimum: 0, maximum: 1000, default: 0 }),
    /** Beacons waiting for a commit beyond which new ones get 503 + Retry-After. */
    maxQueue: Type.Integer({ minimum: 1, default: 20_000 }),
    /**
     * Behind a reverse proxy: the number of proxies in front (1 for one nginx), or their addresses.
     * The client is then the address the last trusted proxy saw, not whatever the client wrote
     * into `X-Forwarded-For`. 0: no proxy, the socket's address is the client.
     */
    trustProxy: Type.Optional(TrustProxy),
    /** Bearer token for `/metrics` on the main port; without it `/metrics` is served only on `--metrics-port`. */
    metricsToken: Type.Optional(secret),
    compare: CompareRule,
    regressions: RegressionRule,
    /** Budgets its alerts watch (the same as `pageprof check --budgets` reads), for every site. */
    budgets: Type.Array(Budget, { maxItems: 200, default: [] }),
    alerts: Type.Optional(Alerts),
    otlp: Type.Optional(OtlpInput),
  },
  { additionalProperties: false },
);

export type SiteInput = Static<typeof SiteInput>;
export type Site = Omit<SiteInput, 'readToken' | 'readTokens'> & { readTokens: string[] };
export type Config = Omit<Static<typeof ConfigInput>, 'sites' | 'trustProxy'> & { sites: Site[]; trustProxy: number | string[] };
export type OtlpSettings = Static<typeof OtlpInput>;
