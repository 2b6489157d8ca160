import { Type, type Static, type TProperties, type TSchema } from '@sinclair/typebox';
import {
  MAX_DETAIL,
  MAX_EVENTS_PER_BEACON,
  MAX_KNOWN_IDS,
  MAX_FRAME_SCRIPTS,
  MAX_NAME,
  MAX_PROFILE_FRAMES,
  MAX_PROFILE_FUNCTIONS,
  MAX_PROFILE_SPANS,
  MAX_PROFILE_STACKS,
  MAX_SPAN_STACKS,
  MAX_STACK_DEPTH,
  MAX_STRING,
  MAX_SERVER_TIMING_TEXT,
  MAX_RESOURCE_SERVER_TIMINGS,
  MAX_SERVER_TIMINGS,
  MAX_TAG_VALUE,
  MAX_TAGS,
  TAG_NAME_PATTERN,
  PROTOCOL_VERSION,
  SITE_ID_PATTERN,
  VITAL_NAMES,
} from './limits.js';

/**
 * The beacon: the one format a page (or its worker) sends to the collector. The JSON schema built
 * here is what the collector compiles and checks; the static types are what the SDK builds.
 * All times inside `events` are milliseconds since `view.startedAt` (the page's time origin).
 */
const text = (maxLength = MAX_STRING) => Type.String({ maxLength });
const id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const millis = Type.Number({ minimum: -3_600_000, maximum: 86_400_000 });
const duration = Type.Number({ minimum: 0, maximum: 86_400_000 });
/** Epoch milliseconds, up to the last date JavaScript can represent. */
const epochMillis = Type.Integer({ minimum: 0, maximum: 8.64e15 });
/** Every number has a bound: a `1e300` in a count would become a time of 3e303 ms at the collector. */
const bytes = Type.Integer({ minimum: 0, maximum: 2 ** 40 });
/** An object whose keys all match `keyPattern` (no other key is taken) and whose values are `value`. */
const record = <T extends TSchema>(keyPattern: string, value: T, maxProperties: number) =>
  Type.Record(Type.String({ pattern: keyPattern }), value, { maxProperties, additionalProperties: false });
/** Keys of records the page fills from browser objects (attribution, phases): identifiers, not text. */
const identifier = (maxLength: number) => `^[A-Za-z][A-Za-z0-9_]{0,${maxLength - 1}}$`;

/** Fields every event has: its kind, a name, when it started, and the SPA route active then. */
const common = {
  name: text(MAX_NAME),
  start: millis,
  route: Type.Optional(text(256)),
};
const object = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false });

export const MarkEvent = object({
  type: Type.Literal('mark'),
  ...common,
  detail: Type.Optional(text(MAX_DETAIL)),
  /** By default a mark's detail is not sent (it is the app's data), only its JSON's length. */
  detailSize: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const MeasureEvent = object({
  type: Type.Literal('measure'),
  ...common,
  duration,
  detail: Type.Optional(text(MAX_DETAIL)),
});

/** One script that ran in a long animation frame (`PerformanceScriptTiming`). */
export const FrameScript = object({
  /** Source URL, stripped of query and fragment; '' when the browser does not say. */
  url: text(),
  /** `sourceFunctionName`; '' for cross-origin scripts without CORS. */
  fn: text(MAX_NAME),
  invoker: text(MAX_NAME),
  invokerType: text(32),
  /** `sourceCharPosition`, -1 when unknown. */
  char: Type.Integer({ minimum: -1, maximum: 2 ** 31 - 1 }),
  start: millis,
  duration,
  forcedLayout: duration,
  pause: duration,
});
const scripts = Type.Array(FrameScript, { maxItems: MAX_FRAME_SCRIPTS });

/** A long animation frame (≥ 50 ms) with every script that ran in it, up to a cap. */
export const FrameEvent = object({
  type: Type.Literal('loaf'),
  ...common,
  duration,
  blocking: duration,
  renderStart: millis,
  styleLayoutStart: millis,
  firstInput: Type.Optional(millis),
  scripts,
});

export const LongTaskEvent = object({
  type: Type.Literal('longtask'),
  ...common,
  duration,
  /** The task's container attribution (`window`, `iframe`, …). */
  container: Type.Optional(text(64)),
});

/** One interaction from Event Timing (the slowest of the view, not only the one INP picks). */
export const InteractionEvent = object({
  type: Type.Literal('interaction'),
  ...common,
  duration,
  interactionId: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  /** CSS selector of the target element. */
  target: text(),
  inputDelay: duration,
  processing: duration,
  presentation: duration,
  scripts,
});

/**
 * A Core Web Vital, named `LCP`, `INP`, `CLS`, `FCP` or `TTFB`; `value` is ms (CLS: unitless).
 * `attribution` holds web-vitals' attribution, reduced to strings and numbers.
 */
export const VitalEvent = object({
  type: Type.Literal('vital'),
  ...common,
  name: Type.Union(VITAL_NAMES.map((name) => Type.Literal(name))),
  value: Type.Number({ minimum: 0, maximum: 86_400_000 }),
  rating: Type.Union([Type.Literal('good'), Type.Literal('needs-improvement'), Type.Literal('poor')]),
  attribution: record(identifier(64), Type.Union([text(), Type.Number({ minimum: -1e9, maximum: 1e9 }), scripts]), 32),
});

/** One `Server-Timing` entry of the document's response (`db;dur=53`, `traceparent;desc="00-…"`). */
export const ServerTiming = object({
  name: text(MAX_SERVER_TIMING_TEXT),
  duration,
  desc: Type.Optional(text(MAX_SERVER_TIMING_TEXT)),
});

/**
 * Navigation timing in phases (ms each) and the navigation type; `name` is the type.
 * `serverTiming`: what the backend said of its time to first byte (an SDK newer than 0.1.0).
 */
export const NavigationEvent = object({
  type: Type.Literal('navigation'),
  ...common,
  duration,
  phases: record(identifier(32), duration, 16),
  transferSize: Type.Optional(bytes),
  serverTiming: Type.Optional(Type.Array(ServerTiming, { maxItems: MAX_SERVER_TIMINGS })),
});

const resourceCount = Type.Integer({ minimum: 0, maximum: 1_000_000 });
export const ResourceStat = object({
  count: resourceCount,
  transfer: bytes,
  decoded: bytes,
  cached: resourceCount,
  duration,
});

/** A summary of resource timing entries; `name` is 'resources'. */
export const ResourcesEvent = object({
  type: Type.Literal('resources'),
  ...common,
  /** By `initiatorType` (`script`, `img`, `css`, …; `other` when the browser gives none). */
  byType: record('^[a-z][a-z0-9-]{0,31}$', ResourceStat, 32),
  /** By origin (`https://cdn.example`), `other` for the rest. */
  byOrigin: record('^(other|[a-z][a-z0-9+.-]*://[^/?#\\s]{1,240})$', ResourceStat, 32),
  renderBlocking: Type.Array(text(), { maxItems: 32 }),
  /** `serverTiming`: what the backend said of a resource of the page's own origin (an SDK newer than 0.1.0). */
  slowest: Type.Array(
    object({
      url: text(),
      initiator: text(32),
      start: millis,
      duration,
      transfer: bytes,
      serverTiming: Type.Optional(Type.Array(ServerTiming, { maxItems: MAX_RESOURCE_SERVER_TIMINGS })),
    }),
    { maxItems: 32 },
  ),
});

/** JS heap in bytes, from `measureUserAgentSpecificMemory()` or `performance.memory`; `name` is the source. */
export const MemoryEvent = object({
  type: Type.Literal('memory'),
  ...common,
  value: bytes,
  total: Type.Optional(bytes),
  limit: Type.Optional(bytes),
});

/** A single-page-app route change; `name` is the new route. */
export const RouteEvent = object({
  type: Type.Literal('route'),
  ...common,
});

/** Samples: a 30 s window at 10 ms takes ~3,000, bursts included. */
const count = Type.Integer({ minimum: 0, maximum: 1_000_000 });
/** A line or column in a script. */
const position = Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 });
const index = (max: number) => Type.Integer({ minimum: 0, maximum: max - 1 });
/** Sampled time, ms: each sample stands for the time to the next one (capped), not for a mean interval. */
const sampledMs = Type.Number({ minimum: 0, maximum: 86_400_000 });
const stackFrames = Type.Array(index(MAX_PROFILE_FRAMES), { minItems: 1, maxItems: MAX_STACK_DEPTH });
/** An interaction's id (Event Timing's interactionId). */
const interactionId = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
/** What a window says in either protocol: why and when it was, its counts, its frames. */
const windowFields = {
  type: Type.Literal('profile'),
  ...common,
  duration,
  interval: Type.Number({ minimum: 0, maximum: 1000 }),
  samples: count,
  idle: count,
  resources: Type.Array(text(), { maxItems: MAX_PROFILE_FRAMES }),
  frames: Type.Array(Type.Tuple([text(MAX_NAME), Type.Integer({ minimum: -1, maximum: MAX_PROFILE_FRAMES - 1 }), position, position]), {
    maxItems: MAX_PROFILE_FRAMES,
  }),
};
/** What a span says in either protocol; `samples` are the non-idle samples taken inside it. */
const spanFields = {
  kind: Type.Union([Type.Literal('longtask'), Type.Literal('loaf'), Type.Literal('interaction'), Type.Literal('measure')]),
  name: text(MAX_NAME),
  start: millis,
  duration,
  id: Type.Optional(interactionId),
  samples: count,
};

/**
 * A stretch of the window that pageprof attributes samples to: a long task, a long animation
 * frame, an interaction (Event Timing, `id` = interactionId) or a User Timing measure. Its stacks
 * are `[index in the window's stacks, samples, ms]`: the samples taken inside the span, and the
 * part of their time that falls inside it, so the stacks of a span add up to at most its duration.
 */
export const ProfileSpan = object({
  ...spanFields,
  /** The span's heaviest stacks; `other` and `otherMs` are its samples and time in stacks not listed. */
  stacks: Type.Array(Type.Tuple([index(MAX_PROFILE_STACKS), count, sampledMs]), { maxItems: MAX_SPAN_STACKS }),
  other: count,
  otherMs: sampledMs,
});

/**
 * One window of the JS Self-Profiling API, folded in the worker. `name` says why the window ended
 * (`interval`, `settled`, `full`, `leaving`, `hidden`, `flush`); `start`/`duration` are its time
 * range, `interval` the mean ms between samples. Every figure is a time in ms with the samples
 * behind it: a sample stands for the time until the next one, capped at twice the sampling
 * interval where the stack changes (Chromium's samples come in bursts microseconds apart during
 * busy script, so a count is no measure of time). Frames are `[name, resource index or -1, line,
 * column]`; stacks are `[frame indices root → leaf, samples, ms]`, the heaviest ones only: `other`
 * and `otherMs` are exactly the non-idle samples and time of the stacks left out. `functions` are
 * exact `[frame, self ms, total ms, self samples, total samples]` for the heaviest functions.
 */
export const ProfileEvent = object({
  ...windowFields,
  stacks: Type.Array(Type.Tuple([stackFrames, count, sampledMs]), { maxItems: MAX_PROFILE_STACKS }),
  other: count,
  otherMs: sampledMs,
  functions: Type.Array(Type.Tuple([index(MAX_PROFILE_FRAMES), sampledMs, sampledMs, count, count]), { maxItems: MAX_PROFILE_FUNCTIONS }),
  spans: Type.Array(ProfileSpan, { maxItems: MAX_PROFILE_SPANS }),
});

/**
 * A profile window as SDKs of protocol 1 send it, still cached on users' devices: sample counts
 * only (`stacks` are `[frames, samples]`, spans' stacks `[index, samples]`, `functions`
 * `[frame, self samples, total samples]`). The collector stores its times as samples × `interval`,
 * marked as estimated.
 */
export const ProfileEventV1 = object({
  ...windowFields,
  stacks: Type.Array(Type.Tuple([stackFrames, count]), { maxItems: MAX_PROFILE_STACKS }),
  other: count,
  functions: Type.Array(Type.Tuple([index(MAX_PROFILE_FRAMES), count, count]), { maxItems: MAX_PROFILE_FUNCTIONS }),
  spans: Type.Array(
    object({ ...spanFields, stacks: Type.Array(Type.Tuple([index(MAX_PROFILE_STACKS), count]), { maxItems: MAX_SPAN_STACKS }), other: count }),
    { maxItems: MAX_PROFILE_SPANS },
  ),
});

const eventsWith = <P extends typeof ProfileEvent | typeof ProfileEventV1>(profile: P) =>
  Type.Union([
    MarkEvent,
    MeasureEvent,
    VitalEvent,
    LongTaskEvent,
    FrameEvent,
    InteractionEvent,
    NavigationEvent,
    ResourcesEvent,
    MemoryEvent,
    RouteEvent,
    profile,
  ]);
export const PerfEvent = eventsWith(ProfileEvent);
/** The events of a protocol 1 beacon: the same, but for its profile windows. */
export const PerfEventV1 = eventsWith(ProfileEventV1);

export const ViewContext = Type.Object(
  {
    /** One page view: a document load (or a bfcache restore). */
    id,
    session: id,
    url: text(),
    /** Epoch milliseconds of the page's time origin. */
    startedAt: epochMillis,
    release: Type.Optional(text(128)),
    env: Type.Optional(text(64)),
    sdk: text(32),
    /** Context of the device and browser, each where the browser tells it. */
    browser: Type.Optional(text(32)),
    browserVersion: Type.Optional(text(32)),
    deviceClass: Type.Optional(Type.Union([Type.Literal('mobile'), Type.Literal('tablet'), Type.Literal('desktop')])),
    cores: Type.Optional(Type.Integer({ minimum: 0, maximum: 1024 })),
    deviceMemory: Type.Optional(Type.Number({ minimum: 0, maximum: 1024 })),
    connection: Type.Optional(text(16)),
    viewport: Type.Optional(object({ width: Type.Integer({ minimum: 0, maximum: 100_000 }), height: Type.Integer({ minimum: 0, maximum: 100_000 }) })),
    /** The session's sample rate (0..1), so the collector can weight counts. */
    sampleRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    /** Custom tags (an SDK newer than 0.1.0): what the page set when the batch was made. */
    tags: Type.Optional(record(TAG_NAME_PATTERN, Type.String({ minLength: 1, maxLength: MAX_TAG_VALUE }), MAX_TAGS)),
  },
  { additionalProperties: false },
);

const siteId = Type.String({ minLength: 1, maxLength: 64, pattern: SITE_ID_PATTERN });
/** The site's public write key, from the script tag's `data-key`. */
const writeKey = Type.Optional(Type.String({ maxLength: 128 }));

const beaconOf = <V extends number, E extends typeof PerfEvent | typeof PerfEventV1>(version: V, events: E) =>
  Type.Object(
    {
      v: Type.Literal(version),
      /** Unique per batch and stable across retries: the collector stores a batch id once. */
      id,
      site: siteId,
      key: writeKey,
      /** Batches the outbox lost since the last one it reported: dropped when full, or refused for good by the collector (4xx). */
      dropped: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
      /** Epoch ms on the page's clock when this upload was sent (stamped at each send, retries included). */
      sentAt: epochMillis,
      view: ViewContext,
      events: Type.Array(events, { maxItems: MAX_EVENTS_PER_BEACON }),
    },
    { additionalProperties: false },
  );

/**
 * What a page view asks (`POST <endpoint>/known`) before it sends again the batches an earlier
 * view left at exit, whose exit requests' answers no page could read: which of `ids` the collector
 * has. It answers `{ known: [...] }`, and the page sends only the others.
 */
export const KnownBatchesQuery = object({ site: siteId, key: writeKey, ids: Type.Array(id, { maxItems: MAX_KNOWN_IDS }) });
export type KnownBatchesQuery = Static<typeof KnownBatchesQuery>;

/** The beacon this SDK sends. */
export const Beacon = beaconOf(PROTOCOL_VERSION, PerfEvent);
/** A beacon of protocol 1, from SDKs still cached on users' devices (and their outboxes): accepted as before. */
export const BeaconV1 = beaconOf(1, PerfEventV1);

export type MarkEvent = Static<typeof MarkEvent>;
export type MeasureEvent = Static<typeof MeasureEvent>;
export type FrameScript = Static<typeof FrameScript>;
export type FrameEvent = Static<typeof FrameEvent>;
export type LongTaskEvent = Static<typeof LongTaskEvent>;
export type InteractionEvent = Static<typeof InteractionEvent>;
export type VitalEvent = Static<typeof VitalEvent>;
export type NavigationEvent = Static<typeof NavigationEvent>;
export type ServerTiming = Static<typeof ServerTiming>;
export type ResourcesEvent = Static<typeof ResourcesEvent>;
export type MemoryEvent = Static<typeof MemoryEvent>;
export type RouteEvent = Static<typeof RouteEvent>;
export type ProfileSpan = Static<typeof ProfileSpan>;
export type ProfileEvent = Static<typeof ProfileEvent>;
export type ProfileEventV1 = Static<typeof ProfileEventV1>;
export type PerfEvent = Static<typeof PerfEvent>;
export type ViewContext = Static<typeof ViewContext>;
export type Beacon = Static<typeof Beacon>;
export type BeaconV1 = Static<typeof BeaconV1>;
/** Every beacon the collector accepts: this protocol's and protocol 1's. */
export type AcceptedBeacon = Beacon | BeaconV1;
