import { Type, type Static } from '@sinclair/typebox';
import { MAX_DETAIL, MAX_EVENTS_PER_BEACON, MAX_NAME, MAX_STRING, PROTOCOL_VERSION } from './limits.js';

/**
 * The beacon: the one format a page (or its worker) sends to the collector. The JSON schema built
 * here is what the collector compiles and checks; the static types are what the SDK builds.
 * All times inside `events` are milliseconds since `view.startedAt` (the page's time origin).
 */
const text = (maxLength = MAX_STRING) => Type.String({ maxLength });
const id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const millis = Type.Number({ minimum: -3_600_000, maximum: 86_400_000 });
const duration = Type.Number({ minimum: 0, maximum: 86_400_000 });

export const MarkEvent = Type.Object(
  {
    type: Type.Literal('mark'),
    name: text(MAX_NAME),
    start: millis,
    detail: Type.Optional(text(MAX_DETAIL)),
  },
  { additionalProperties: false },
);

export const MeasureEvent = Type.Object(
  {
    type: Type.Literal('measure'),
    name: text(MAX_NAME),
    start: millis,
    duration,
    detail: Type.Optional(text(MAX_DETAIL)),
  },
  { additionalProperties: false },
);

export const PerfEvent = Type.Union([MarkEvent, MeasureEvent]);

export const ViewContext = Type.Object(
  {
    /** One page view: a document load (or a bfcache restore). */
    id,
    session: id,
    url: text(),
    /** Epoch milliseconds of the page's time origin. */
    startedAt: Type.Integer({ minimum: 0 }),
    release: Type.Optional(text(128)),
    env: Type.Optional(text(64)),
    sdk: text(32),
  },
  { additionalProperties: false },
);

export const Beacon = Type.Object(
  {
    v: Type.Literal(PROTOCOL_VERSION),
    /** Unique per batch and stable across retries: the collector stores a batch id once. */
    id,
    site: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$' }),
    sentAt: Type.Integer({ minimum: 0 }),
    view: ViewContext,
    events: Type.Array(PerfEvent, { maxItems: MAX_EVENTS_PER_BEACON }),
  },
  { additionalProperties: false },
);

export type MarkEvent = Static<typeof MarkEvent>;
export type MeasureEvent = Static<typeof MeasureEvent>;
export type PerfEvent = Static<typeof PerfEvent>;
export type ViewContext = Static<typeof ViewContext>;
export type Beacon = Static<typeof Beacon>;
