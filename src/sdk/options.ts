import type { BeforeSend } from './createRecorder.js';
import type { RouteName } from './metrics/trackRoutes.js';
import { SITE_ID_PATTERN } from '../protocol/limits.js';
import { parseTags } from './viewTags.js';

/** Everything a site owner can set, by `data-*` attributes on the script tag or by `init()`. */
export interface Options {
  /** The site's id at the collector. */
  site: string;
  /** Full URL of the collector's `POST /v1/beacon`. */
  endpoint: string;
  /** The site's public write key (the collector's site config). */
  key?: string;
  release?: string;
  env?: string;
  /** Share of sessions measured, 0..1 (`data-sample-rate`); decided once per session. Default 1. */
  sampleRate?: number;
  /** The page view's first custom tags (`data-tags="experiment=b, tenant=acme"`); `perf.setTag()` sets more. */
  tags?: Record<string, unknown>;
  /** Also report the app's own `performance.mark()` / `measure()` entries (`data-user-timing`). */
  userTiming?: boolean;
  /** `init()` only: turns a URL into a route template (`/products/42` → `/products/:id`). */
  routeName?: RouteName;
  /**
   * Sees every event before it is sent; return it (or a rewrite) to keep it, nothing to drop it.
   * Script-tag pages define it as `perf.beforeSend` before the script runs.
   */
  beforeSend?: BeforeSend;
  /** `'pending'` (`data-consent="pending"`): nothing is stored or sent until `perf.consent(true)`. */
  consent?: 'pending';
  /** Send marks' `detail` (as JSON, up to 2 KB) instead of its size alone (`data-mark-detail`). */
  markDetail?: boolean;
  /**
   * Share of sessions (0..1) profiled with the JS Self-Profiling API; default 0. Only documents
   * served with `Document-Policy: js-profiling` can be profiled (see `pageprof/server`).
   */
  profileRate?: number;
  /**
   * URL of `pageprof-profiler.js`, which the worker loads in profiled sessions; by default the
   * script tag's sibling (`data-profiler-url` overrides it). Without it nothing is profiled.
   */
  profilerUrl?: string;
  /**
   * A same-origin copy of `pageprof-worker.js`, for pages whose CSP refuses `blob:` workers.
   * Without it (or when it fails too) the page delivers on its own main thread.
   */
  workerUrl?: string;
}

const SITE_PATTERN = new RegExp(SITE_ID_PATTERN);

/**
 * Reads `data-site`, `data-endpoint`, `data-key`, `data-release`, `data-env`, `data-sample-rate`,
 * `data-user-timing`, `data-worker-url`, `data-profile-rate`, `data-profiler-url`, `data-consent`,
 * `data-mark-detail`, `data-tags` from the script tag.
 */
export function readScriptOptions(script: Element | null): Partial<Options> {
  if (!script) return {};
  const read = (name: string) => script.getAttribute(`data-${name}`) ?? undefined;
  // A bare attribute (`data-user-timing`) turns it on.
  const flag = (name: string) => ['', 'true'].includes(read(name) ?? 'false');
  const sampleRate = read('sample-rate');
  const profileRate = read('profile-rate');
  return {
    site: read('site'),
    endpoint: read('endpoint'),
    key: read('key'),
    release: read('release'),
    env: read('env'),
    ...(sampleRate === undefined ? {} : { sampleRate: Number(sampleRate) }),
    tags: parseTags(read('tags')),
    userTiming: flag('user-timing'),
    markDetail: flag('mark-detail'),
    consent: read('consent') === 'pending' ? 'pending' : undefined,
    workerUrl: read('worker-url'),
    profileRate: profileRate === undefined ? undefined : Number(profileRate),
    // Served beside pageprof.js, like the bundle itself (relative to it, so a CDN path works).
    profilerUrl: read('profiler-url') ?? new URL('pageprof-profiler.js', (script as HTMLScriptElement).src || location.href).href,
  };
}

/** Returns usable options, or undefined when the site or endpoint is missing or malformed. */
export function resolveOptions(input: Partial<Options>, baseUrl: string): Options | undefined {
  if (typeof input.site !== 'string' || !SITE_PATTERN.test(input.site)) return undefined;
  if (typeof input.endpoint !== 'string') return undefined;
  const endpoint = toUrl(input.endpoint, baseUrl);
  if (!endpoint) return undefined;
  return {
    site: input.site,
    endpoint,
    key: optionalText(input.key, 128),
    release: optionalText(input.release, 128),
    env: optionalText(input.env, 64),
    // A rate that is not a number in 0..1 is a typo: measure everything rather than nothing.
    sampleRate: typeof input.sampleRate === 'number' && input.sampleRate >= 0 && input.sampleRate <= 1 ? input.sampleRate : 1,
    tags: typeof input.tags === 'object' && input.tags !== null ? input.tags : undefined,
    userTiming: input.userTiming === true,
    routeName: typeof input.routeName === 'function' ? input.routeName : undefined,
    beforeSend: typeof input.beforeSend === 'function' ? input.beforeSend : undefined,
    consent: input.consent === 'pending' ? 'pending' : undefined,
    markDetail: input.markDetail === true,
    workerUrl: typeof input.workerUrl === 'string' ? toUrl(input.workerUrl, baseUrl) : undefined,
    profileRate: typeof input.profileRate === 'number' && input.profileRate >= 0 && input.profileRate <= 1 ? input.profileRate : 0,
    profilerUrl: typeof input.profilerUrl === 'string' ? toUrl(input.profilerUrl, baseUrl) : undefined,
  };
}

function toUrl(url: string, baseUrl: string): string | undefined {
  try {
    return new URL(url, baseUrl).href;
  } catch {
    return undefined;
  }
}

function optionalText(value: unknown, maxLength: number): string | undefined {
  return typeof value === 'string' && value !== '' ? value.slice(0, maxLength) : undefined;
}
