import type { ViewEvent, ViewProfile } from '../../protocol/queryApi.js';
import { formatBytes, formatMs, formatVital } from '../format.js';

/** A part of a bar: an interaction's phases, a navigation's. */
export interface TimelineSegment {
  kind: string;
  label: string;
  start: number;
  duration: number;
}

/** One bar (or, with no duration, a marker) of a page view's timeline; times in ms since the view began. */
export interface TimelineItem {
  kind: string;
  label: string;
  start: number;
  duration: number;
  details: string[];
  segments?: TimelineSegment[];
  /** An interaction's id and the time its profile holds for it (0: not profiled). */
  interaction?: { id: number; name: string; profiledMs: number };
  /** The backend's trace id (W3C traceparent), for a link to the trace. */
  traceId?: string;
}

export interface TimelineLane {
  name: string;
  items: TimelineItem[];
}

/** Navigation phases that follow one another; `tls` lies within `connect` and `domContentLoaded` within `subresources`. */
const SEQUENCE = ['redirect', 'cache', 'dns', 'connect', 'request', 'response', 'dom', 'subresources', 'load'];

const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];

function navigation(event: ViewEvent): TimelineItem[] {
  const phases = (event.fields.phases ?? {}) as Record<string, unknown>;
  let at = event.start;
  const items = SEQUENCE.flatMap((phase) => {
    const duration = number(phases[phase]);
    if (duration <= 0) return [];
    const item = {
      kind: 'phase',
      label: phase,
      start: at,
      duration,
      details: [`${event.name} navigation`, 'phases drawn one after another; gaps between them are left out'],
    };
    at += duration;
    return [item];
  });
  const request = items.find((item) => item.label === 'request');
  const server = serverTiming(list(event.fields.serverTiming), request?.start ?? event.start, request?.duration ?? 0);
  return server ? [...items, server] : items;
}

/** A W3C traceparent: version, 32-hex trace id (not all zeros), 16-hex parent id, flags. */
const TRACEPARENT = /^[0-9a-f]{2}-(?!0{32})([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The backend's Server-Timing entries, under the request phase (the wait for the first byte that
 * TTFB ends): what it says it spent (`db 53 ms`, overlapping as the backend measured them) and
 * the trace of the request, when one of them is a `traceparent`.
 */
function serverTiming(entries: Record<string, unknown>[], start: number, duration: number): TimelineItem | undefined {
  if (entries.length === 0) return undefined;
  const traceId = traceIdOf(entries);
  return {
    kind: 'server',
    label: 'server timing',
    start,
    duration,
    details: ['the backend’s Server-Timing, under TTFB', ...serverTimingDetails(entries)],
    ...(traceId ? { traceId } : {}),
  };
}

const traceIdOf = (entries: Record<string, unknown>[]) =>
  entries.map((entry) => (text(entry.name) === 'traceparent' ? TRACEPARENT.exec(text(entry.desc))?.[1] : undefined)).find(Boolean);

/** Server-Timing entries as lines of a tip (`db 53 ms · products`), the trace last. */
function serverTimingDetails(entries: Record<string, unknown>[]): string[] {
  const traceId = traceIdOf(entries);
  const lines = entries
    .filter((entry) => text(entry.name) !== 'traceparent')
    .map((entry) => `${text(entry.name)} ${formatMs(number(entry.duration))}${text(entry.desc) ? ` · ${text(entry.desc)}` : ''}`);
  return traceId ? [...lines, `trace ${traceId}`] : lines;
}

function vitalMarker(event: ViewEvent): TimelineItem {
  const attribution = (event.fields.attribution ?? {}) as Record<string, unknown>;
  const value = event.value ?? 0;
  // LCP, FCP and TTFB happen at their value; INP at its interaction; a layout shift at its largest one where known.
  const at = event.name === 'INP' || event.name === 'CLS' ? number(attribution.largestShiftTime) || event.start : value;
  const target = text(attribution.target) || text(attribution.interactionTarget) || text(attribution.largestShiftTarget);
  return {
    kind: `vital ${text(event.fields.rating)}`,
    label: `${event.name} ${formatVital(event.name, value)}`,
    start: at,
    duration: 0,
    details: [`rated ${text(event.fields.rating).replace('-', ' ')}`, target && `element ${target}`].filter(Boolean),
  };
}

function scriptItems(scripts: Record<string, unknown>[]): TimelineItem[] {
  return scripts.map((script) => ({
    kind: 'script',
    label: text(script.fn) || text(script.invoker) || '(anonymous)',
    start: number(script.start),
    duration: number(script.duration),
    details: [
      `invoker ${text(script.invoker)} (${text(script.invokerType)})`,
      text(script.url) || '(source not exposed)',
      `forced style and layout ${formatMs(number(script.forcedLayout))}`,
    ],
  }));
}

/**
 * A page view's events (and what its profiles sampled) as the lanes of a waterfall: navigation
 * phases, vitals as markers, the slowest and render-blocking resources, long tasks, long animation
 * frames and the scripts in them, interactions with their phases, measures and marks, profile
 * windows and route changes. Lanes without items are left out.
 */
export function toTimeline(events: readonly ViewEvent[], profiles: readonly ViewProfile[]): TimelineLane[] {
  const lanes = new Map<string, TimelineItem[]>(
    [
      'Navigation',
      'Vitals',
      'Resources',
      'Long tasks',
      'Long animation frames',
      'Frame scripts',
      'Interactions',
      'Measures and marks',
      'Profiles',
      'Routes',
    ].map((name) => [name, []]),
  );
  const add = (lane: string, ...items: TimelineItem[]) => lanes.get(lane)?.push(...items);
  const profiledMs = (id: number) =>
    profiles.filter((profile) => profile.kind === 'interaction' && profile.id === id).reduce((sum, profile) => sum + profile.ms, 0);

  for (const event of events) {
    const duration = event.duration ?? 0;
    if (event.type === 'navigation') add('Navigation', ...navigation(event));
    if (event.type === 'vital') add('Vitals', vitalMarker(event));
    if (event.type === 'resources') {
      const blocking = new Set((Array.isArray(event.fields.renderBlocking) ? event.fields.renderBlocking : []).map(text));
      add(
        'Resources',
        ...list(event.fields.slowest).map((resource) => ({
          kind: blocking.has(text(resource.url)) ? 'resource blocking' : 'resource',
          label: text(resource.url).replace(/^[a-z]+:\/\/[^/]+/, '') || text(resource.url),
          start: number(resource.start),
          duration: number(resource.duration),
          details: [
            text(resource.url),
            `${text(resource.initiator)} · ${formatBytes(number(resource.transfer))}`,
            blocking.has(text(resource.url)) ? 'render-blocking' : '',
            ...serverTimingDetails(list(resource.serverTiming)),
          ].filter(Boolean),
        })),
      );
    }
    if (event.type === 'longtask')
      add('Long tasks', {
        kind: 'longtask',
        label: `long task ${formatMs(duration)}`,
        start: event.start,
        duration,
        details: [`attribution ${event.name} · ${text(event.fields.container) || 'window'}`, `blocking ${formatMs(Math.max(0, duration - 50))}`],
      });
    if (event.type === 'loaf') {
      const scripts = list(event.fields.scripts);
      add('Long animation frames', {
        kind: 'loaf',
        label: `long frame ${formatMs(duration)}`,
        start: event.start,
        duration,
        details: [
          `blocking ${formatMs(number(event.fields.blocking))}`,
          `render from ${formatMs(number(event.fields.renderStart))}`,
          `${scripts.length} script${scripts.length === 1 ? '' : 's'}`,
        ],
      });
      add('Frame scripts', ...scriptItems(scripts));
    }
    if (event.type === 'interaction') {
      const id = number(event.fields.interactionId);
      const phases = [
        ['input delay', number(event.fields.inputDelay)],
        ['processing', number(event.fields.processing)],
        ['presentation', number(event.fields.presentation)],
      ] as const;
      let at = event.start;
      const segments = phases.map(([label, ms]) => {
        const segment = { kind: label.replace(' ', '-'), label, start: at, duration: ms };
        at += ms;
        return segment;
      });
      add('Interactions', {
        kind: 'interaction',
        label: `${event.name} ${text(event.fields.target)}`,
        start: event.start,
        duration,
        segments,
        details: [`target ${text(event.fields.target) || '(unknown)'}`, phases.map(([label, ms]) => `${label} ${formatMs(ms)}`).join(' · ')],
        interaction: { id, name: event.name, profiledMs: profiledMs(id) },
      });
    }
    if (event.type === 'measure')
      add('Measures and marks', { kind: 'measure', label: event.name, start: event.start, duration, details: [text(event.fields.detail)].filter(Boolean) });
    if (event.type === 'mark')
      add('Measures and marks', { kind: 'mark', label: event.name, start: event.start, duration: 0, details: [text(event.fields.detail)].filter(Boolean) });
    if (event.type === 'route') add('Routes', { kind: 'route', label: `route ${event.name}`, start: event.start, duration: 0, details: [] });
  }

  // A window's end is not stored: it is drawn to the next window, or to the view's last event.
  const windows = profiles.filter((profile) => profile.kind === 'window');
  const end = Math.max(0, ...[...lanes.values()].flat().map((item) => item.start + item.duration));
  windows.forEach((window, index) => {
    const until = Math.max(window.start, windows[index + 1]?.start ?? end);
    const spans = profiles.filter((profile) => profile.kind !== 'window' && profile.start >= window.start && profile.start < until);
    add('Profiles', {
      kind: 'profile',
      label: `profile ${formatMs(window.ms)} sampled`,
      start: window.start,
      duration: until - window.start,
      details: [
        `${formatMs(window.ms)} of samples`,
        ...spans.map((span) => `${span.kind} ${span.name}: ${formatMs(span.ms)}`),
        'the window’s end is not stored: drawn to the next window or the last event',
      ],
    });
  });
  return [...lanes].filter(([, items]) => items.length > 0).map(([name, items]) => ({ name, items }));
}
