import { element } from '../element.js';
import { formatMs } from '../format.js';
import { packRows } from './packRows.js';
import type { TimelineItem, TimelineLane } from './toTimeline.js';

const ROW = 24;
/** Round steps for the time axis, ms. */
const STEPS = [50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 30_000, 60_000];

export interface TimelineLinks {
  /** An interaction that was profiled opens its profile; one that was not explains why. */
  profile(item: NonNullable<TimelineItem['interaction']>): void;
  /** The site's trace link template (`https://tempo.example/trace/{traceId}`), from its config. */
  traceUrl?: string;
}

/**
 * A page view as a waterfall: one lane per kind of event, bars placed by start and duration (from
 * the view's start), overlapping bars in rows of their own, markers for instants. Every bar is a
 * button: hovering or focusing it shows its details in one tooltip (text only: selectors, URLs and
 * names came from the page). Positions are percentages, so the waterfall fits any width.
 */
export function renderTimeline(lanes: readonly TimelineLane[], links: TimelineLinks): HTMLElement {
  const all = lanes.flatMap((lane) => lane.items);
  const end = Math.max(100, ...all.map((item) => item.start + item.duration)) * 1.02;
  const percent = (ms: number) => `${Math.max(0, Math.min(100, (ms / end) * 100))}%`;
  const tip = element('div', { className: 'timeline-tip' });
  tip.id = 'timeline-tip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  const root = element('div', { className: 'timeline' });

  // Five ticks at most: their labels must fit a phone’s width too.
  const step = STEPS.find((candidate) => end / candidate <= 5) ?? 60_000;
  const axis = element('div', { className: 'timeline-axis' });
  axis.setAttribute('aria-hidden', 'true');
  for (let at = 0; at <= end; at += step) {
    const tick = element('span', { className: 'tick' }, formatMs(at));
    tick.style.left = percent(at);
    axis.append(tick);
  }

  function showTip(bar: HTMLElement, item: TimelineItem): void {
    const lines = [
      `${formatMs(item.start)}${item.duration > 0 ? ` → ${formatMs(item.start + item.duration)} (${formatMs(item.duration)})` : ''}`,
      ...item.details,
    ];
    if (item.interaction)
      lines.push(
        item.interaction.profiledMs > 0
          ? `profiled: ${formatMs(item.interaction.profiledMs)} of samples (Enter opens the profile)`
          : 'not profiled (Enter says why)',
      );
    tip.replaceChildren(element('div', { className: 'fn' }, item.label), ...lines.map((line) => element('div', {}, line)));
    tip.hidden = false;
    const bounds = root.getBoundingClientRect();
    const box = bar.getBoundingClientRect();
    tip.style.top = `${box.bottom - bounds.top + 4}px`;
    tip.style.left = `${Math.max(0, Math.min(box.left - bounds.left, bounds.width - tip.offsetWidth))}px`;
    bar.setAttribute('aria-describedby', tip.id);
  }

  const bar = (item: TimelineItem, row: number) => {
    // A bar with a trace is a link to it: the id is 32 hex digits (toTimeline checks), the template the site owner's.
    const href = item.traceId && links.traceUrl?.replace('{traceId}', item.traceId);
    const button = element(
      href ? 'a' : 'button',
      { className: `bar ${item.kind}${item.duration === 0 ? ' marker' : ''}`, data: { kind: item.kind.split(' ')[0] ?? item.kind } },
      element('span', { className: 'bar-label' }, item.label),
    );
    if (button instanceof HTMLAnchorElement && href) {
      button.href = href;
      button.target = '_blank';
      button.rel = 'noopener noreferrer';
    } else if (button instanceof HTMLButtonElement) button.type = 'button';
    button.style.left = percent(item.start);
    if (item.duration > 0) button.style.width = percent(item.duration);
    button.style.top = `${row * ROW}px`;
    button.setAttribute('aria-label', `${item.label}, at ${formatMs(item.start)}${item.duration > 0 ? ` for ${formatMs(item.duration)}` : ''}`);
    for (const segment of item.segments ?? []) {
      const part = element('span', { className: `segment ${segment.kind}` });
      part.style.left = `${((segment.start - item.start) / (item.duration || 1)) * 100}%`;
      part.style.width = `${(segment.duration / (item.duration || 1)) * 100}%`;
      button.prepend(part);
    }
    const show = () => showTip(button, item);
    button.addEventListener('mouseenter', show);
    button.addEventListener('focus', show);
    button.addEventListener('mouseleave', () => (tip.hidden = document.activeElement !== button));
    button.addEventListener('blur', () => (tip.hidden = true));
    const interaction = item.interaction;
    if (interaction) button.addEventListener('click', () => links.profile(interaction));
    return button;
  };

  root.append(
    axis,
    ...lanes.map((lane) => {
      const items = [...lane.items].sort((a, b) => a.start - b.start);
      // A marker or a sliver still takes room for its label: 3% of the view.
      const rows = packRows(items, end * 0.03);
      const track = element('div', { className: 'lane-track' }, ...items.map((item, index) => bar(item, rows[index] ?? 0)));
      track.style.height = `${(Math.max(0, ...rows) + 1) * ROW}px`;
      const name = element('h4', { className: 'lane-name' }, lane.name);
      return element('div', { className: 'lane', data: { lane: lane.name } }, name, track);
    }),
    tip,
  );
  return root;
}
