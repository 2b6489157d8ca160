import type { FrameScript } from '../protocol/beacon.js';
import type { SlowInteraction } from '../protocol/queryApi.js';
import { element } from './element.js';
import { formatMs } from './format.js';
import { cell, numberCell, tableRows } from './tableRows.js';

const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
const scriptsOf = (value: unknown): FrameScript[] => (Array.isArray(value) ? (value as FrameScript[]) : []);

/** The scripts that ran in the interaction's long animation frames: function, source, invoker, time. */
function renderScriptList(scripts: FrameScript[]): HTMLElement {
  if (scripts.length === 0) return element('span', { className: 'muted' }, 'no long-frame scripts');
  return element(
    'ul',
    { className: 'scripts' },
    ...scripts.map((script) =>
      element(
        'li',
        {},
        element('span', { className: 'fn' }, script.fn || '(anonymous)'),
        ' ',
        element('span', { className: 'muted' }, `${formatMs(script.duration)} · ${script.invoker}`),
        element('div', { className: 'source' }, script.url || '(source not exposed)'),
      ),
    ),
  );
}

export interface InteractionLinks {
  /** The profile of this one interaction (its interactionId) on its page. */
  showProfile(name: string, url: string, interactionId: number | undefined, viewId: string): void;
  openView(id: string): void;
}

const linkButton = (text: string, title: string, onClick: () => void) => {
  const button = element('button', { className: 'link', title }, text);
  button.type = 'button';
  button.addEventListener('click', onClick);
  return button;
};

/**
 * The slowest interactions: how long, on what, where the time went (phases), and which code ran;
 * each leads to its own profile (by interactionId) and to its page view's timeline.
 */
export function renderInteractions(interactions: SlowInteraction[], links: InteractionLinks): HTMLTableRowElement[] {
  return tableRows(
    interactions.map(({ viewId, name, duration, url, release, attribution }) => {
      const id = number(attribution.interactionId);
      const profile = linkButton('profile', `The profile of this ${name} interaction`, () => links.showProfile(name, url, id, viewId));
      const view = linkButton('page view', 'This interaction’s page view on a timeline', () => links.openView(viewId));
      const phases = [
        ['input delay', number(attribution.inputDelay)],
        ['processing', number(attribution.processing)],
        ['presentation', number(attribution.presentation)],
      ] as const;
      return [
        numberCell(formatMs(duration), duration),
        cell(element('code', {}, typeof attribution.target === 'string' && attribution.target ? attribution.target : '(unknown target)')),
        cell(
          element(
            'div',
            {},
            element(
              'div',
              { className: 'phases' },
              ...phases.map(([label, ms]) =>
                element('span', { className: label.replace(' ', '-'), width: `${((ms ?? 0) / (duration || 1)) * 100}%`, title: `${label} ${formatMs(ms)}` }),
              ),
            ),
            element('div', { className: 'muted' }, phases.map(([label, ms]) => `${label} ${formatMs(ms)}`).join(' · ')),
          ),
        ),
        cell(renderScriptList(scriptsOf(attribution.scripts))),
        cell([element('div', {}, url), element('div', { className: 'muted' }, release ?? ''), element('div', { className: 'links' }, profile, ' · ', view)]),
      ];
    }),
    5,
  );
}
