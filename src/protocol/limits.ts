/** Bounds shared by page, worker and collector; the collector enforces them, the SDK stays inside them. */
/**
 * 2: profile windows carry sampled times (each sample weighted by the time to the next one) with
 * their sample counts. The collector still accepts 1 (counts only) from SDKs cached on devices.
 */
export const PROTOCOL_VERSION = 2;

/** Longest string accepted in any name, URL or selector field. */
export const MAX_STRING = 1024;
/** Longest user-supplied name (`perf.mark` / `perf.measure`). */
export const MAX_NAME = 256;
/** Most events one beacon may carry. */
export const MAX_EVENTS_PER_BEACON = 500;
/** `detail` of a mark or measure is kept as JSON text up to this size. */
export const MAX_DETAIL = 2048;
/**
 * Browsers give all keepalive requests together 64 KiB in flight (sendBeacon of 65,536 bytes is
 * accepted, 65,537 refused), so no single beacon may be larger than that.
 */
export const MAX_BEACON_BYTES = 65536;
/** Scripts kept per long animation frame or interaction (the longest ones). */
export const MAX_FRAME_SCRIPTS = 20;
/** A gzip body may expand to at most this much; more is refused (a gzip bomb) with 413. */
export const MAX_DECODED_BYTES = 1024 * 1024;
/** Profiler windows: stacks listed per window (the rest is summed in `other`), and other bounds. */
export const MAX_PROFILE_STACKS = 200;
export const MAX_PROFILE_FRAMES = 1000;
export const MAX_PROFILE_FUNCTIONS = 100;
export const MAX_PROFILE_SPANS = 64;
export const MAX_STACK_DEPTH = 128;
