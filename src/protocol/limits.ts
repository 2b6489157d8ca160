/** Bounds shared by page, worker and collector; the collector enforces them, the SDK stays inside them. */
/**
 * 2: profile windows carry sampled times (each sample weighted by the time to the next one) with
 * their sample counts. The collector still accepts 1 (counts only) from SDKs cached on devices.
 */
export const PROTOCOL_VERSION = 2;

/** The Core Web Vitals (and FCP, TTFB) a page reports, in the order the dashboard shows them. */
export const VITAL_NAMES = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'] as const;

/** A site's id: what `data-site`, the beacon's `site` and the query API's `:site` all match. */
export const SITE_ID_PATTERN = '^[a-z0-9][a-z0-9_-]{0,63}$';

/** Longest string accepted in any name, URL or selector field. */
export const MAX_STRING = 1024;
/** Longest user-supplied name (`perf.mark` / `perf.measure`). */
export const MAX_NAME = 256;
/** Most events one beacon may carry. */
export const MAX_EVENTS_PER_BEACON = 500;
/** Batch ids one known-batches query may ask about: more than the 256 KB stash of a page view holds. */
export const MAX_KNOWN_IDS = 200;
/** `detail` of a mark or measure is kept as JSON text up to this size. */
export const MAX_DETAIL = 2048;
/**
 * Browsers give all keepalive requests together 64 KiB in flight (sendBeacon of 65,536 bytes is
 * accepted, 65,537 refused), so no single beacon may be larger than that.
 */
export const MAX_BEACON_BYTES = 65536;
/**
 * Server-Timing entries kept from a navigation (the first ones), and the longest name and
 * description of each: a `traceparent` description is 55 characters.
 */
export const MAX_SERVER_TIMINGS = 16;
export const MAX_SERVER_TIMING_TEXT = 128;
/**
 * Custom tags of a page view (`perf.setTag('experiment', 'checkout-b')`, `data-tags`): a handful,
 * for experiments and tenants, each a filter of the dashboard. Names are identifiers.
 */
export const MAX_TAGS = 5;
export const MAX_TAG_VALUE = 64;
export const TAG_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_-]{0,31}$';
/** Server-Timing entries kept from each of the slowest resources of the page's own origin (an API call's `db;dur=…`). */
export const MAX_RESOURCE_SERVER_TIMINGS = 4;
/** Scripts kept per long animation frame or interaction (the longest ones). */
export const MAX_FRAME_SCRIPTS = 20;
/**
 * A gzip body may expand to at most this much; more is refused (a gzip bomb) with 413. Four times
 * the largest body a page sends uncompressed: the SDK cuts batches at 16 KB of JSON, and no beacon
 * it makes exceeds the 64 KiB keepalive budget.
 */
export const MAX_DECODED_BYTES = 256 * 1024;
/**
 * JSON nesting a beacon may have (its deepest: beacon → events → profile → spans → span → stacks →
 * [stack, count]); deeper bodies are refused before `JSON.parse` runs: 1 MiB of `[[[[…` cost it
 * ~106 ms, the request thread's time for hundreds of beacons.
 */
export const MAX_JSON_DEPTH = 8;
/** Profiler windows: stacks listed per window (the rest is summed in `other`), and other bounds. */
export const MAX_PROFILE_STACKS = 200;
export const MAX_PROFILE_FRAMES = 1000;
export const MAX_PROFILE_FUNCTIONS = 100;
export const MAX_PROFILE_SPANS = 64;
export const MAX_STACK_DEPTH = 128;
/** Stacks listed per span (the worker lists 8). */
export const MAX_SPAN_STACKS = 16;
/**
 * Profile windows per beacon and per page view. A window becomes a row per listed stack of the
 * window and of each span, and per function: bounded, a beacon costs at most a few thousand rows
 * (10 windows × 64 spans × 200 stacks had made one 10 KiB beacon ~130,000 rows).
 */
export const MAX_PROFILES_PER_BEACON = 4;
export const MAX_PROFILES_PER_VIEW = 40;
/** Rows one beacon may become at the collector (events, and each profile window's stacks and functions). */
export const MAX_ROWS_PER_BEACON = 6000;
