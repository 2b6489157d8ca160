import type { FlameNode } from '../../protocol/queryApi.js';
import { element } from '../element.js';
import { formatMs, formatShare } from '../format.js';
import { baseTimesOf } from './baseTimesOf.js';
import { divergingColour } from './divergingColour.js';
import { frameKey, frameLabel, selfMs } from './frameKey.js';
import { layoutFlame, rectAt, type FlameRect } from './layoutFlame.js';
import { sandwichOf } from './sandwichOf.js';
import { searchFlame, type FlameSearch } from './searchFlame.js';

export interface FlameGraph {
  /**
   * Draws `tree`. With `base` it is the differential mode (release against release): each frame
   * is coloured by how its share of the whole changed against the same call path in `base`.
   */
  show(tree: FlameNode, base?: FlameNode): void;
}

const ROW = 18;
const FONT = '12px ui-monospace, SFMono-Regular, Menlo, monospace';
const TEXT = '#1d2330';
const DIMMED = '#dfe3e8';

function hash(text: string): number {
  let value = 0;
  for (let i = 0; i < text.length; i++) value = (value * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(value);
}

/** A frame keeps its colour across refreshes and targets: a warm hue from its file, a shade from its name. */
const colourOf = (node: FlameNode) => (node.file ? `hsl(${hash(node.file) % 50} 85% ${66 + (hash(node.name) % 14)}%)` : 'hsl(220 12% 86%)');

/**
 * A flame graph on a canvas (callers above callees, width = time), as speedscope and Sentry draw
 * them: only what is wider than half a pixel is laid out and drawn, so tens of thousands of frames
 * stay smooth. Hover or arrow keys show a frame's total, self time, share and file:line; a click or
 * Enter zooms into it, Escape or the breadcrumbs zoom out; the search highlights matching frames
 * and sums their time; the sandwich view shows one function's callers and callees, merged over
 * every call. Names are drawn as canvas text and shown in the DOM as text only (they came from pages).
 */
export function createFlameGraph(container: HTMLElement, { sandwich = true, label = 'Flame graph' } = {}): FlameGraph {
  let tree: FlameNode | undefined;
  let baseTimes: Map<FlameNode, number> | undefined;
  let baseTotal = 0;
  let shown = '';
  let zoom: string[] = [];
  let rows: FlameRect[][] = [];
  let selected: FlameRect | undefined;
  let hovered: FlameRect | undefined;
  let found: FlameSearch | undefined;
  let matchIndex = -1;

  const input = element('input', { className: 'flame-search' });
  input.type = 'search';
  input.setAttribute('aria-label', `Search ${label.toLowerCase()} for a function or file`);
  input.placeholder = 'Search functions';
  const summary = element('span', { className: 'flame-found' });
  summary.setAttribute('role', 'status');
  const sandwichButton = element('button', { className: 'button' }, 'Sandwich');
  sandwichButton.type = 'button';
  sandwichButton.disabled = true;
  sandwichButton.title = 'Callers and callees of the selected function (S)';
  const crumbs = element('nav', { className: 'flame-crumbs' });
  crumbs.setAttribute('aria-label', `${label}: zoom`);
  const canvas = element('canvas', { className: 'flame-canvas' });
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'application');
  canvas.setAttribute('aria-roledescription', 'flame graph');
  canvas.setAttribute(
    'aria-label',
    `${label}. Arrow keys move between frames, Enter zooms in, Escape zooms out${sandwich ? ', S opens the sandwich view' : ''}.`,
  );
  const tip = element('div', { className: 'flame-tip' });
  tip.hidden = true;
  const spoken = element('p', { className: 'visually-hidden' });
  spoken.setAttribute('aria-live', 'polite');
  const empty = element('p', { className: 'empty' });
  const sandwichPanel = element('div', { className: 'flame-sandwich' });
  sandwichPanel.hidden = true;
  const tools = element('div', { className: 'flame-tools' }, input, summary, sandwich && sandwichButton);
  container.replaceChildren(tools, crumbs, element('div', { className: 'flame-stage' }, canvas, tip), spoken, empty, sandwichPanel);

  function pathOf(root: FlameNode): FlameNode[] {
    const path = [root];
    for (const key of zoom) {
      const next = path.at(-1)?.children.find((child) => frameKey(child) === key);
      if (!next) {
        zoom = [];
        return [root];
      }
      path.push(next);
    }
    return path;
  }

  const widthOf = () => Math.max(1, canvas.clientWidth || container.clientWidth);
  const shareOfAll = (node: FlameNode) => (tree && tree.ms > 0 ? node.ms / tree.ms : 0);

  /** The differential colour: the relative change of the frame's share of the whole, -1..1. */
  function changeOf(node: FlameNode): number {
    const before = baseTotal > 0 ? (baseTimes?.get(node) ?? 0) / baseTotal : 0;
    const now = shareOfAll(node);
    const larger = Math.max(before, now);
    return larger > 0 ? (now - before) / larger : 0;
  }

  function fillOf(node: FlameNode): string {
    if (found && found.matches.size > 0 && !found.matches.has(node)) return DIMMED;
    return baseTimes ? divergingColour(changeOf(node)) : colourOf(node);
  }

  function draw(): void {
    const width = widthOf();
    const height = Math.max(1, rows.length) * ROW;
    const ratio = window.devicePixelRatio || 1;
    canvas.style.height = `${height}px`;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    context.font = FONT;
    context.textBaseline = 'middle';
    const charWidth = context.measureText('M').width || 7;
    for (const row of rows) {
      for (const rect of row) {
        const x = rect.x0 * width;
        const w = Math.max(0.5, (rect.x1 - rect.x0) * width - 1);
        const y = rect.depth * ROW;
        context.fillStyle = fillOf(rect.node);
        context.fillRect(x, y, w, ROW - 1);
        if (rect === selected || rect === hovered) {
          context.strokeStyle = TEXT;
          context.lineWidth = rect === selected ? 2 : 1;
          context.strokeRect(x + 1, y + 1, Math.max(0, w - 2), ROW - 3);
        }
        const chars = Math.floor((w - 6) / charWidth);
        if (chars < 2) continue;
        const name = rect.node.name;
        context.fillStyle = baseTimes && Math.abs(changeOf(rect.node)) > 0.6 && fillOf(rect.node) !== DIMMED ? '#fff' : TEXT;
        context.fillText(name.length > chars ? `${name.slice(0, chars - 1)}…` : name, x + 3, y + ROW / 2);
      }
    }
  }

  function describe(rect: FlameRect): string[] {
    const node = rect.node;
    const focus = rows[zoom.length]?.[0]?.node;
    const lines = [
      `total ${formatMs(node.ms)} · ${formatShare(shareOfAll(node))} of all${focus && focus !== tree && rect.depth >= zoom.length ? ` · ${formatShare(node.ms / (focus.ms || 1))} of the zoom` : ''}`,
      `self ${formatMs(selfMs(node))}`,
    ];
    if (baseTimes) {
      const before = baseTimes.get(node) ?? 0;
      lines.push(
        `before ${formatMs(before)} (${formatShare(baseTotal > 0 ? before / baseTotal : 0)}) → now ${formatMs(node.ms)} (${formatShare(shareOfAll(node))})`,
      );
    }
    return lines;
  }

  function showTip(rect: FlameRect | undefined, at?: { x: number; y: number }): void {
    if (!rect) {
      tip.hidden = true;
      return;
    }
    const node = rect.node;
    tip.replaceChildren(
      element('div', { className: 'fn' }, node.name),
      node.file && element('div', { className: 'source' }, `${node.file}:${node.line}`),
      ...describe(rect).map((line) => element('div', {}, line)),
    );
    tip.hidden = false;
    const width = widthOf();
    const x = at?.x ?? ((rect.x0 + rect.x1) / 2) * width;
    const y = at?.y ?? (rect.depth + 1) * ROW;
    // Kept inside the stage, so the page never scrolls sideways for it.
    tip.style.left = `${Math.max(0, Math.min(x + 12, width - tip.offsetWidth - 4))}px`;
    tip.style.top = `${y + 14}px`;
  }

  function select(rect: FlameRect | undefined, announce = true): void {
    selected = rect;
    sandwichButton.disabled = !rect || rect.node === tree;
    if (rect && announce) spoken.textContent = `${frameLabel(rect.node)}: ${describe(rect).join(', ')}`;
    draw();
    showTip(rect);
  }

  function render(): void {
    if (!tree) return;
    const hasTime = tree.ms > 0;
    empty.hidden = hasTime;
    empty.textContent = hasTime ? '' : 'No profiled time for this target yet.';
    canvas.hidden = !hasTime;
    tools.hidden = !hasTime;
    const path = pathOf(tree);
    const focus = path.at(-1) ?? tree;
    rows = hasTime ? layoutFlame(path, 0.5 / widthOf()) : [];
    crumbs.replaceChildren(
      ...path.flatMap((step, depth) => {
        const crumb = element('button', { className: 'link' }, depth === 0 ? 'all' : step.name);
        crumb.type = 'button';
        if (depth === path.length - 1) crumb.setAttribute('aria-current', 'true');
        crumb.addEventListener('click', () => zoomTo(depth));
        return depth === 0 ? [crumb] : [' › ', crumb];
      }),
      hasTime ? ` — ${formatMs(focus.ms)}` : '',
    );
    // A selection survives a redraw if its frame is still laid out.
    const key = selected && keyPath(selected);
    selected = key ? rows.flat().find((rect) => keyPath(rect) === key) : undefined;
    hovered = undefined;
    tip.hidden = true;
    draw();
  }

  const keyPath = (rect: FlameRect): string => (rect.parent ? `${keyPath(rect.parent)}\u0000${frameKey(rect.node)}` : '');

  function zoomTo(depth: number): void {
    zoom = zoom.slice(0, depth);
    render();
  }

  function zoomInto(rect: FlameRect): void {
    const keys: string[] = [];
    for (let step: FlameRect | undefined = rect; step?.parent; step = step.parent) keys.unshift(frameKey(step.node));
    zoom = keys;
    render();
    select(rows[zoom.length]?.[0]);
  }

  function zoomOut(): boolean {
    if (zoom.length === 0) return false;
    zoomTo(zoom.length - 1);
    select(rows[zoom.length]?.[0]);
    return true;
  }

  function runSearch(): void {
    if (!tree) return;
    found = input.value.trim() ? searchFlame(tree, input.value) : undefined;
    matchIndex = -1;
    summary.textContent = !found
      ? ''
      : found.matches.size === 0
        ? `No frame matches “${input.value.trim()}”`
        : `${found.matches.size} frame${found.matches.size === 1 ? '' : 's'} match · ${formatMs(found.ms)} · ${formatShare(shareOfAll({ ...tree, ms: found.ms }))} of all`;
    draw();
  }

  /** Steps to the next match, heaviest first, zooming out when it lies outside the zoom. */
  function nextMatch(): void {
    if (!found || found.heaviest.length === 0) return;
    matchIndex = (matchIndex + 1) % found.heaviest.length;
    const target = found.heaviest[matchIndex];
    let rect = rows.flat().find((candidate) => candidate.node === target);
    if (!rect && zoom.length > 0) {
      zoom = [];
      render();
      rect = rows.flat().find((candidate) => candidate.node === target);
    }
    select(rect);
  }

  function openSandwich(): void {
    if (!tree || !selected || selected.node === tree) return;
    const parts = sandwichOf(tree, frameKey(selected.node));
    if (!parts) return;
    const name = selected.node.name;
    const callers = element('div');
    const callees = element('div');
    const close = element('button', { className: 'button' }, 'Close sandwich');
    close.type = 'button';
    close.addEventListener('click', () => {
      sandwichPanel.hidden = true;
      canvas.focus();
    });
    sandwichPanel.replaceChildren(
      element('div', { className: 'flame-tools' }, element('h3', {}, `Sandwich: ${name}`), close),
      element(
        'p',
        { className: 'note' },
        `Every call of ${frameLabel(selected.node)} merged: ${formatMs(parts.callers.ms)}, self ${formatMs(selfMs(parts.callees))}.`,
      ),
      element('h4', {}, 'Callers (each row calls the one above it)'),
      callers,
      element('h4', {}, 'Callees'),
      callees,
    );
    sandwichPanel.hidden = false;
    createFlameGraph(callers, { sandwich: false, label: `Callers of ${name}` }).show(parts.callers);
    createFlameGraph(callees, { sandwich: false, label: `Callees of ${name}` }).show(parts.callees);
  }

  function move(key: string): boolean {
    const current = selected ?? rows[zoom.length]?.[0];
    if (!current) return false;
    const row = rows[current.depth] ?? [];
    const index = row.indexOf(current);
    const below = rows[current.depth + 1]?.filter((rect) => rect.parent === current) ?? [];
    const next: Record<string, FlameRect | undefined> = {
      ArrowUp: current.parent,
      ArrowDown: below.reduce<FlameRect | undefined>((best, rect) => (!best || rect.node.ms > best.node.ms ? rect : best), undefined),
      ArrowLeft: row[index - 1],
      ArrowRight: row[index + 1],
    };
    if (!(key in next)) return false;
    select(next[key] ?? current);
    return true;
  }

  const pointed = (event: MouseEvent) => {
    const bounds = canvas.getBoundingClientRect();
    const x = event.clientX - bounds.left;
    const y = event.clientY - bounds.top;
    return { rect: rectAt(rows[Math.floor(y / ROW)], x / widthOf()), x, y };
  };
  canvas.addEventListener('mousemove', (event) => {
    const { rect, x, y } = pointed(event);
    if (rect !== hovered) {
      hovered = rect;
      draw();
    }
    canvas.style.cursor = rect ? 'pointer' : 'default';
    showTip(rect ?? selected, rect ? { x, y } : undefined);
  });
  canvas.addEventListener('mouseleave', () => {
    hovered = undefined;
    draw();
    showTip(selected);
  });
  canvas.addEventListener('click', (event) => {
    const { rect } = pointed(event);
    if (rect) zoomInto(rect);
  });
  canvas.addEventListener('keydown', (event) => {
    let handled = move(event.key);
    if (event.key === 'Enter' && selected) {
      zoomInto(selected);
      handled = true;
    }
    if ((event.key === 's' || event.key === 'S') && sandwich) {
      openSandwich();
      handled = true;
    }
    if (handled) event.preventDefault();
  });
  canvas.addEventListener('focus', () => !selected && select(rows[zoom.length]?.[0]));
  container.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    if (!sandwichPanel.hidden && sandwichPanel.contains(event.target as Node)) return;
    if (zoomOut()) {
      event.preventDefault();
      return;
    }
    if (!input.value) return;
    input.value = '';
    runSearch();
    event.preventDefault();
  });
  input.addEventListener('input', runSearch);
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    nextMatch();
  });
  sandwichButton.addEventListener('click', openSandwich);
  // The canvas is as wide as its column: a narrower window (a phone turned) lays it out again.
  let lastWidth = 0;
  new ResizeObserver(() => {
    const width = widthOf();
    if (width !== lastWidth && tree) {
      lastWidth = width;
      render();
    }
  }).observe(container);

  return {
    show(next, base) {
      // Unchanged data is not redrawn: no flicker, and the reader's hover, zoom and search stay.
      const signature = JSON.stringify([next, base]);
      if (signature === shown) return;
      shown = signature;
      // The zoom belongs to a target (the root names it): another target starts unzoomed.
      if (next.name !== tree?.name) {
        zoom = [];
        selected = undefined;
        sandwichPanel.hidden = true;
      }
      tree = next;
      baseTimes = base ? baseTimesOf(next, base) : undefined;
      baseTotal = base?.ms ?? 0;
      render();
      runSearch();
    },
  };
}
