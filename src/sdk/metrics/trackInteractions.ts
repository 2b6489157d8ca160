import type { FrameScript, InteractionEvent, VitalEvent } from '../../protocol/beacon.js';
import { observe } from '../observe.js';
import { round } from '../../protocol/round.js';
import { scrubSelector } from '../scrubSelector.js';
import { selectorOf } from '../selectorOf.js';

/** Interactions kept per route: the slowest, as web-vitals keeps them to estimate the p98 (INP). */
const KEPT = 10;
/** Event Timing reports events from this duration up (its minimum is 16 ms). */
const DURATION_THRESHOLD = 16;

interface Interaction {
  id: number;
  /** The event type whose handlers ran longest (`click`, `keydown`, …). */
  name: string;
  start: number;
  end: number;
  duration: number;
  target: string;
  processingStart: number;
  processingEnd: number;
  longestProcessing: number;
}

/**
 * The slowest interactions of each route (Event Timing) and INP computed from them, the way
 * web-vitals does (the n/50-th longest of the ten kept). pageprof owns this observer rather than
 * relying on web-vitals' INP: web-vitals handles INP entries in an idle callback, which a tab closed
 * 300 ms after a slow click never reaches (browser-notes), while `flush()` takes pending entries
 * synchronously at page exit. Each interaction is attributed to the scripts of the long animation
 * frames it overlapped.
 */
export function trackInteractions(record: (event: InteractionEvent | VitalEvent) => void, scriptsBetween: (start: number, end: number) => FrameScript[]) {
  let kept: Interaction[] = [];
  let seen = 0;
  let countBefore = interactionCount() ?? 0;
  let reportedInp = -1;
  const reported = new Set<number>();

  const handle = (entries: PerformanceEventTiming[]) => {
    for (const entry of entries) {
      if (!entry.interactionId) continue;
      const end = entry.startTime + entry.duration;
      const processing = entry.processingEnd - entry.processingStart;
      let interaction = kept.find((candidate) => candidate.id === entry.interactionId);
      if (!interaction) {
        seen++;
        interaction = {
          id: entry.interactionId,
          name: entry.name,
          start: entry.startTime,
          end,
          duration: entry.duration,
          target: scrubSelector(entry.targetSelector || selectorOf(entry.target)).slice(0, 256),
          processingStart: entry.processingStart,
          processingEnd: entry.processingEnd,
          longestProcessing: processing,
        };
        kept.push(interaction);
      }
      // One interaction is several entries (pointerdown, pointerup, click): it spans all of them.
      interaction.start = Math.min(interaction.start, entry.startTime);
      interaction.end = Math.max(interaction.end, end);
      interaction.duration = Math.max(interaction.duration, entry.duration);
      interaction.processingStart = Math.min(interaction.processingStart, entry.processingStart);
      interaction.processingEnd = Math.max(interaction.processingEnd, entry.processingEnd);
      if (processing > interaction.longestProcessing) {
        interaction.longestProcessing = processing;
        interaction.name = entry.name;
      }
    }
    kept = kept.sort((a, b) => b.duration - a.duration).slice(0, KEPT);
  };
  const observer = observe('event', handle, { durationThreshold: DURATION_THRESHOLD });
  // An interaction under 16 ms has no `event` entry, but the page's first one has a `first-input`
  // entry (its pointerdown or keydown): observed, as web-vitals does, a page whose clicks are all
  // fast still has an INP.
  const firstInput = observe('first-input', handle);

  /** Reports the route's slowest interactions not reported yet, and INP when it changed. */
  function flush(): void {
    if (!observer && !firstInput) return;
    for (const pending of [observer, firstInput]) if (pending) handle(pending.takeRecords() as PerformanceEventTiming[]);
    const count = (interactionCount() ?? seen) - countBefore;
    const inp = kept[Math.min(kept.length - 1, Math.floor(count / 50))];
    for (const interaction of kept) {
      const event = toInteractionEvent(interaction, scriptsBetween(interaction.start, interaction.end));
      if (!reported.has(interaction.id)) record(event);
      reported.add(interaction.id);
      if (interaction === inp && inp.duration !== reportedInp) {
        reportedInp = inp.duration;
        record(toInpEvent(event));
      }
    }
  }

  /** A new route starts (after a `flush()` closed the last one): its INP counts only its own interactions. */
  function reset(): void {
    kept = [];
    seen = 0;
    countBefore = interactionCount() ?? 0;
    reportedInp = -1;
  }

  return { flush, reset };
}

/** Chromium counts every interaction, including those shorter than the observer's threshold. */
function interactionCount(): number | undefined {
  return (performance as { interactionCount?: number }).interactionCount;
}

function toInteractionEvent(interaction: Interaction, scripts: FrameScript[]): InteractionEvent {
  return {
    type: 'interaction',
    name: interaction.name.slice(0, 64),
    start: round(interaction.start),
    duration: interaction.duration,
    interactionId: interaction.id,
    target: interaction.target,
    inputDelay: round(interaction.processingStart - interaction.start),
    processing: round(interaction.processingEnd - interaction.processingStart),
    presentation: round(Math.max(0, interaction.end - interaction.processingEnd)),
    scripts,
  };
}

function toInpEvent(interaction: InteractionEvent): VitalEvent {
  const value = interaction.duration;
  return {
    type: 'vital',
    name: 'INP',
    start: interaction.start,
    value,
    rating: value > 500 ? 'poor' : value > 200 ? 'needs-improvement' : 'good',
    attribution: {
      interactionTarget: interaction.target,
      interactionType: interaction.name.startsWith('key') ? 'keyboard' : 'pointer',
      interactionTime: interaction.start,
      inputDelay: interaction.inputDelay,
      processingDuration: interaction.processing,
      presentationDelay: interaction.presentation,
      scripts: interaction.scripts,
    },
  };
}
